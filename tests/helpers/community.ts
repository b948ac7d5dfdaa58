// Member profiles for the community tests: small valid YAML profiles made at run
// time, a loopback server that serves them (standing in for a website or for
// Discord's CDN, as FETCH_ALLOW_LOOPBACK allows in tests), and a dispatcher over
// a real SQLite store.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from '../../commands/index.js';
import { buildDefinitions } from '../../src/deploy/definitions.js';
import { createDispatcher, type Dispatcher } from '../../src/bot/dispatch.js';
import type { Portfolio } from '../../src/bot/types.js';
import { openCommunity, type Community, type CommunityOptions } from '../../src/community/community.js';
import { DEFAULT_FETCH_POLICY } from '../../src/community/fetch.js';
import { silentLogger } from '../../src/log.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { FakeDiscord, FakeInteraction } from '../fake-discord/index.js';
import { shippedPortfolio } from './profile.js';

export interface MemberSpec {
  name: string;
  projects: { id: string; name: string; summary: string; tags: string[] }[];
  phone?: string;
  headline?: string;
}

/** A valid member profile in the project's YAML schema. */
export function memberYaml(spec: MemberSpec): string {
  const projects = spec.projects
    .map(
      (project) => `  - id: ${project.id}
    name: ${JSON.stringify(project.name)}
    category: work
    summary: ${JSON.stringify(project.summary)}
    details: []
    links: []
    tags: ${JSON.stringify(project.tags)}
    status: active`,
    )
    .join('\n');
  return `version: 1
site: https://example.org
updated: 2025-01-31
identity:
  name: ${JSON.stringify(spec.name)}
  pronoun: they
  headline: ${JSON.stringify(spec.headline ?? 'Learner')}
  summary: Learning deep learning in this community.
  links:
    - kind: github
      label: GitHub
      url: https://github.com/example
${spec.phone ? `  private:\n    phone: ${JSON.stringify(spec.phone)}\n` : ''}about:
  - id: background
    title: Background
    text: Studies with the course.
education: []
experience: []
research: []
learning: []
blogs: []
categories:
  - id: work
    name: Work
projects:
${projects}
skills:
  expert: []
  intermediate: []
  basic: []
  learning: []
`;
}

export interface FileServer {
  /** http://127.0.0.1:port */
  base: string;
  /** What a path serves. */
  /** `delayMs`: answer only after that long (a slow website). */
  files: Map<string, { status?: number; body?: string; headers?: Record<string, string>; stall?: boolean; delayMs?: number }>;
  close(): Promise<void>;
}

export async function startFileServer(): Promise<FileServer> {
  const files: FileServer['files'] = new Map();
  const server: Server = createServer((req, res) => {
    const file = files.get(req.url ?? '');
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    if (file.stall) {
      res.writeHead(200, { 'content-type': 'text/yaml' });
      res.write('version: 1\n');
      return; // never ends
    }
    const answer = () => {
      res.writeHead(file.status ?? 200, file.headers ?? { 'content-type': 'text/yaml' });
      res.end(file.body ?? '');
    };
    if (file.delayMs) setTimeout(answer, file.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    base: `http://127.0.0.1:${port}`,
    files,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface CommunityRig {
  community: Community;
  dispatcher: Dispatcher;
  owner: Portfolio;
  file: string;
  close(): Promise<void>;
}

/** A community on a fresh SQLite file, loopback fetches allowed, and a dispatcher over every command. */
export async function communityRig(options: Partial<CommunityOptions> = {}): Promise<CommunityRig> {
  const dir = mkdtempSync(join(tmpdir(), 'portfolio-community-'));
  const file = join(dir, 'portfolio.db');
  const owner = await shippedPortfolio();
  const community = await openCommunity({
    store: await openSqliteStore(file),
    owner: () => owner,
    logger: silentLogger,
    fetchPolicy: { ...DEFAULT_FETCH_POLICY, allowLoopback: true, timeoutMs: 2000 },
    ...options,
  });
  const dispatcher = createDispatcher({
    commands: COMMANDS,
    portfolio: () => owner,
    portfolioFor: community.portfolioFor,
    context: { community },
    logger: silentLogger,
  });
  return {
    community,
    dispatcher,
    owner,
    file,
    async close() {
      await community.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Registers the commands in the fake as `deploy` would: interactions then carry their ids and option types. */
export async function registerCommands(discord: FakeDiscord): Promise<void> {
  const response = await fetch(`${discord.apiUrl}/v10/applications/${discord.applicationId}/commands`, {
    method: 'PUT',
    headers: { authorization: `Bot ${discord.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(buildDefinitions(COMMANDS, { kind: 'global' })),
  });
  if (response.status !== 200) throw new Error(`registering the commands in the fake: HTTP ${response.status}`);
}

/** `/portfolio submit` with a YAML file attached, as a member of the fake's server sends it. */
export function submitYaml(discord: FakeDiscord, member: ReturnType<FakeDiscord['user']>, yaml: string): FakeInteraction {
  return discord.sendCommand({
    name: 'portfolio',
    subcommand: 'submit',
    user: member,
    attachments: { file: { filename: 'ada.yaml', content: yaml } },
  });
}
