// `portfolio-bot serve` through its real entry point, with a key pair made here:
// the same handlers and payloads as the gateway bot, over signed HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { REPO_ROOT } from '../src/paths.js';
import { createServer } from 'node:net';
import { checkReply } from './fake-discord/limits.js';
import { memberYaml, startFileServer, type FileServer } from './helpers/community.js';
import { generateSigningKeys, signedHeaders, signedRequest } from './helpers/signing.js';

const BIN = join(REPO_ROOT, 'bin', 'portfolio-bot.js');
const keys = generateSigningKeys();
const ASKER = { id: '200000000000000001', username: 'asker' };
const OTHER = { id: '200000000000000002', username: 'other' };

let child: ChildProcess;
let base = '';
let logs = '';
let files: FileServer;

function startServe(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, DISCORD_TOKEN: '', PORT: '0', HOST: '', LOG_LEVEL: 'info', COOLDOWN_COMMANDS: '1000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exitOf(process: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  process.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => process.on('close', (code) => resolve({ code, stderr })));
}

beforeAll(async () => {
  files = await startFileServer();
  // Member portfolios in a database of this run's own; their url: submits fetched from the loopback file server.
  const sqlite = join(mkdtempSync(join(tmpdir(), 'portfolio-http-e2e-')), 'portfolio.db');
  child = startServe({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, SQLITE_PATH: sqlite, FETCH_ALLOW_LOOPBACK: '1' });
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${logs}`)), 10_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
      // HOST unset: loopback only.
      const match = /"url":"http:\/\/127\.0\.0\.1:(\d+)\/interactions"/.exec(logs);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
  });
});

afterAll(async () => {
  child.kill('SIGKILL');
  await files?.close();
});

let nextId = 1;
function interaction(
  type: number,
  data: Record<string, unknown>,
  user: { id: string; username: string } = ASKER,
  dm = false,
): Record<string, unknown> {
  return {
    id: String(300000000000000000n + BigInt(nextId++)),
    application_id: '400000000000000001',
    type,
    token: `token-${nextId}`,
    version: 1,
    data,
    ...(dm
      ? { user, context: InteractionContextType.BotDM }
      : { member: { user, roles: [] }, guild_id: '500000000000000001', context: InteractionContextType.Guild }),
    channel: { id: '600000000000000001', type: dm ? ChannelType.DM : ChannelType.GuildText },
    locale: 'en-US',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: {},
  };
}

async function post(body: unknown): Promise<{ status: number; json: { type: number; data?: Record<string, unknown> } }> {
  const response = await signedRequest(base, keys.privateKey, body);
  return { status: response.status, json: (await response.json()) as { type: number; data?: Record<string, unknown> } };
}

function command(
  name: string,
  options: { name: string; type: number; value?: unknown; focused?: boolean; options?: unknown[] }[] = [],
  user: { id: string; username: string; global_name?: string | null } = ASKER,
  dm = false,
) {
  return interaction(
    InteractionType.ApplicationCommand,
    { id: '700000000000000001', name, type: ApplicationCommandType.ChatInput, options },
    user,
    dm,
  );
}

/** The interaction in a server of its own: member portfolios there leave the other tests' server as it was. */
function inOtherGuild(body: Record<string, unknown>): Record<string, unknown> {
  return { ...body, guild_id: '500000000000000009' };
}

function customIds(data: Record<string, unknown> | undefined): { label: string; id: string }[] {
  const rows = (data?.['components'] ?? []) as { components: { label?: string; custom_id?: string }[] }[];
  return rows
    .flatMap((row) => row.components)
    .filter((c) => c.custom_id)
    .map((c) => ({ label: c.label ?? '', id: c.custom_id! }));
}

describe('portfolio-bot serve', () => {
  it('reports readiness on /healthz, and nothing else (no revision, no uptime)', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers PING with PONG', async () => {
    expect(await post({ type: InteractionType.Ping })).toEqual({ status: 200, json: { type: InteractionResponseType.Pong } });
  });

  it.each(COMMANDS.map((module) => module.definition.name))('answers /%s inline, within limits, in a server and in a DM', async (name) => {
    for (const dm of [false, true]) {
      const required = (COMMANDS.find((m) => m.definition.name === name)!.definition.options ?? []).filter(
        (o) => 'required' in o && o.required,
      );
      const options = required.map((o) => ({ name: o.name, type: o.type, value: 'lookahead' }));
      const { status, json } = await post(command(name, options, ASKER, dm));
      expect(status).toBe(200);
      expect(json.type).toBe(4);
      expect(checkReply(json.data)).toEqual([]);
      expect(json.data?.['allowed_mentions']).toEqual({ parse: [] });
    }
  });

  it('answers /projects optimizers with the Lookahead card', async () => {
    const { json } = await post(command('projects', [{ name: 'query', type: ApplicationCommandOptionType.String, value: 'optimizers' }]));
    const embeds = json.data?.['embeds'] as { title: string; url: string }[];
    expect(embeds[0]).toMatchObject({ title: 'Lookahead Optimizer Analysis', url: 'https://github.com/akashpalrecha/Lookahead' });
  });

  it('answers autocomplete with type 8', async () => {
    const body = interaction(InteractionType.ApplicationCommandAutocomplete, {
      id: '700000000000000002',
      name: 'project',
      type: ApplicationCommandType.ChatInput,
      options: [{ name: 'name', type: ApplicationCommandOptionType.String, value: 'mul', focused: true }],
    });
    const { json } = await post(body);
    expect(json.type).toBe(8);
    expect((json.data?.['choices'] as { name: string }[])[0]).toEqual({ name: 'Multichannel Resnets', value: 'multichannel-resnets' });
  });

  it('pages with a button press (type 7), and refuses another user privately', async () => {
    const { json } = await post(command('projects'));
    const next = customIds(json.data).find((c) => c.label === 'Next');
    expect(next).toBeDefined();
    const press = (user: typeof ASKER) =>
      post(interaction(InteractionType.MessageComponent, { custom_id: next!.id, component_type: ComponentType.Button }, user));
    const mine = await press(ASKER);
    expect(mine.json.type).toBe(7);
    expect(JSON.stringify(mine.json.data)).toContain('Page 2 of');
    const theirs = await press(OTHER);
    expect(theirs.json.type).toBe(4);
    expect(theirs.json.data?.['flags']).toBe(MessageFlags.Ephemeral);
  });

  it('shares a private answer as a new public message', async () => {
    const { json } = await post(command('contact', [{ name: 'private', type: ApplicationCommandOptionType.Boolean, value: true }]));
    expect(json.data?.['flags']).toBe(MessageFlags.Ephemeral);
    const share = customIds(json.data).find((c) => c.label === 'Share in channel');
    const shared = await post(
      interaction(InteractionType.MessageComponent, { custom_id: share!.id, component_type: ComponentType.Button }),
    );
    expect(shared.json.type).toBe(4);
    expect(shared.json.data?.['flags'] ?? 0).toBe(0);
    expect((shared.json.data?.['embeds'] as { title: string }[])[0]?.title).toBe('Contact Akash Palrecha');
  });

  it('names a member as their server shows them (member.nick, else user.global_name, else username), cleaned', async () => {
    const people: [user: { id: string; username: string; global_name?: string | null }, nick: string | null, shown: string][] = [
      [{ id: '200000000000000011', username: 'nicked', global_name: 'Global Ada' }, 'Ada in fastai', 'Ada in fastai'],
      [{ id: '200000000000000012', username: 'global', global_name: 'Grace Global' }, null, 'Grace Global'],
      [{ id: '200000000000000013', username: 'plain', global_name: null }, null, 'plain'],
      // A nickname longer than Discord allows (only a forged request sends one): cut to 32 characters.
      [{ id: '200000000000000014', username: 'long' }, `\u202E${'Longname '.repeat(12)}`, 'Longname Longname Longname…'],
    ];
    files.files.set('/member.yaml', {
      body: memberYaml({
        name: 'Someone',
        projects: [{ id: 'compiler', name: 'Toy compiler', summary: 'A compiler for a tiny language.', tags: ['compilers'] }],
      }),
    });
    const url = { name: 'url', type: ApplicationCommandOptionType.String, value: `${files.base}/member.yaml` };
    for (const [user, nick] of people) {
      const body = command('portfolio', [{ name: 'submit', type: ApplicationCommandOptionType.Subcommand, options: [url] }], user);
      (body['member'] as Record<string, unknown>)['nick'] = nick;
      const { json } = await post(inOtherGuild(body));
      expect(json.data?.['content']).toMatch(/^Your portfolio is saved/);
    }
    const { json } = await post(
      inOtherGuild(command('who', [{ name: 'query', type: ApplicationCommandOptionType.String, value: 'compilers' }])),
    );
    const labels = customIds(json.data).map((button) => button.label);
    expect(labels.sort()).toEqual(people.map(([, , shown]) => shown).sort());
    expect(JSON.stringify(json.data)).not.toContain('\u202E');

    // Grace takes a nickname: her next interaction there (any command) carries it, and her portfolio follows.
    const about = command('about', [], people[1]![0]);
    (about['member'] as Record<string, unknown>)['nick'] = 'Grace \u2066Renamed';
    await post(inOtherGuild(about));
    const again = await post(
      inOtherGuild(command('who', [{ name: 'query', type: ApplicationCommandOptionType.String, value: 'compilers' }])),
    );
    const renamed = customIds(again.json.data).map((button) => button.label);
    expect(renamed.sort()).toEqual(['Ada in fastai', 'Grace Renamed', 'plain', 'Longname Longname Longname…'].sort());
  });

  it('answers a signed request once: the same bytes again get 409 (#15.7)', async () => {
    const body = JSON.stringify(command('about'));
    const headers = signedHeaders(keys.privateKey, body);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${base}/interactions`, { method: 'POST', headers, body });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 409, 409]);
  });

  it('takes Discord’s word for who asked over the button’s u= field, and refuses a page button that names no one (#15.8)', async () => {
    const { json } = await post(command('projects'));
    const next = customIds(json.data).find((c) => c.label === 'Next')!.id;
    // OTHER writes their own id into the button of ASKER's message.
    const forged = next.replace(`u=${ASKER.id}`, `u=${OTHER.id}`);
    expect(forged).not.toBe(next);
    const message = { id: '800000000000000001', interaction_metadata: { id: '1', type: InteractionType.ApplicationCommand, user: ASKER } };
    const press = (customId: string, user: typeof ASKER) =>
      post({
        ...interaction(InteractionType.MessageComponent, { custom_id: customId, component_type: ComponentType.Button }, user),
        message,
      });
    const refused = await press(forged, OTHER);
    expect(refused.json.type).toBe(4);
    expect(refused.json.data?.['content']).toBe(
      'Only the person who ran /projects can page this list. Run /projects yourself to get your own.',
    );
    expect((await press(forged, ASKER)).json.type).toBe(7);

    const anonymous = await post(
      interaction(InteractionType.MessageComponent, { custom_id: 'pb1|projects|page|1|k=', component_type: ComponentType.Button }, OTHER),
    );
    expect(anonymous.json.type).toBe(4);
    expect(anonymous.json.data?.['flags']).toBe(MessageFlags.Ephemeral);
    expect(anonymous.json.data?.['content']).toBe(
      "This button doesn't say who ran /projects, so no one can page it. Run /projects yourself to get your own list.",
    );
  });

  it('refuses a forged request and logs one line per request', async () => {
    const response = await fetch(`${base}/interactions`, {
      method: 'POST',
      body: JSON.stringify(command('about')),
      headers: { 'x-signature-ed25519': '00'.repeat(64), 'x-signature-timestamp': String(Math.floor(Date.now() / 1000)) },
    });
    expect(response.status).toBe(401);
    for (let i = 0; i < 50 && !/"status":401/.test(logs); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logs).toMatch(/"msg":"http request".*"status":401/);
  });
});

describe('serve start-up', () => {
  it('stops with one clear line when DISCORD_PUBLIC_KEY is missing', async () => {
    const result = await exitOf(startServe({ DISCORD_PUBLIC_KEY: '' }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('DISCORD_PUBLIC_KEY is not set')]);
  });

  it('stops with one clear line when DISCORD_PUBLIC_KEY is malformed, without echoing it', async () => {
    const result = await exitOf(startServe({ DISCORD_PUBLIC_KEY: 'abc123' }));
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('DISCORD_PUBLIC_KEY');
    expect(result.stderr).not.toContain('abc123');
  });

  it('listens on loopback only unless HOST says otherwise (#15.11)', () => {
    expect(logs).toMatch(/"msg":"http server listening","port":\d+,"host":"127\.0\.0\.1"/);
  });

  it('says which port is in use, in one line without a stack, and exits 1 (#15.11)', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const result = await exitOf(startServe({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, PORT: String(port) }));
      expect(result.code).toBe(1);
      const plain = result.stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('{'));
      expect(plain).toEqual([`portfolio-bot serve: port ${port} is in use on 127.0.0.1; set PORT to a free port (or stop what holds it).`]);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      holder.close();
    }
  });

  it('exits 0 on SIGTERM', async () => {
    const server = startServe({ DISCORD_PUBLIC_KEY: keys.publicKeyHex });
    const done = exitOf(server);
    await new Promise<void>((resolve) =>
      server.stderr?.on('data', (chunk: Buffer) => chunk.toString().includes('serving interactions') && resolve()),
    );
    server.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });
});
