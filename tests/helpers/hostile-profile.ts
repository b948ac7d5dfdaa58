// A profile with hostile text in it, written at run time: the minimal fixture
// (tests/fixtures/minimal.yaml) with a private phone number, an e-mail link,
// and whatever text a test puts in its summary, background topic or project.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { COMMANDS } from '../../commands/index.js';
import { createDispatcher, type Dispatcher } from '../../src/bot/dispatch.js';
import { silentLogger } from '../../src/log.js';
import { loadedPortfolio } from './profile.js';

export const PHONE = '+919879990466';
export const EMAIL = 'ada@example.org';

export interface HostileText {
  /** identity.summary: the /about card's description. */
  summary?: string;
  /** The "background" topic's text: a field value of the /about card. */
  background?: string;
  /** The first project's name: the /project card's title. */
  projectName?: string;
  /** The first project's summary: the /project card's description. */
  projectSummary?: string;
}

const FIXTURE = readFileSync(new URL('../fixtures/minimal.yaml', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'hostile-profile-'));
let written = 0;

/** The profile as YAML text. */
export function hostileProfileYaml(text: HostileText): string {
  const profile = parse(FIXTURE) as {
    identity: { summary: string; links: { kind: string; label: string; url: string }[]; private?: { phone: string } };
    about: { text: string }[];
    projects: { name: string; summary: string }[];
  };
  profile.identity.private = { phone: PHONE };
  profile.identity.links.push({ kind: 'email', label: 'E-mail', url: `mailto:${EMAIL}` });
  if (text.summary !== undefined) profile.identity.summary = text.summary;
  if (text.background !== undefined) (profile.about[0] as { text: string }).text = text.background;
  const project = profile.projects[0] as { name: string; summary: string };
  if (text.projectName !== undefined) project.name = text.projectName;
  if (text.projectSummary !== undefined) project.summary = text.projectSummary;
  return stringify(profile);
}

/** Writes the profile to a fresh file and returns its path. */
export function writeHostileProfile(text: HostileText): string {
  const file = join(dir, `profile-${++written}.yaml`);
  writeFileSync(file, hostileProfileYaml(text));
  return file;
}

/** A dispatcher over every command, on the hostile profile (loaded through the real loader). */
export async function hostileDispatcher(text: HostileText): Promise<Dispatcher> {
  const portfolio = await loadedPortfolio(writeHostileProfile(text));
  return createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger: silentLogger });
}
