// `portfolio-bot community add|list|remove|export` and `ask --guild`, through the
// built CLI, on a SQLite file of the test's own: a folder of profiles seeds a
// server, and ask answers as in that server (and only that one).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { memberYaml } from './helpers/community.js';

const GUILD = '300000000000000001';
const PRIYA = '400000000000000001';
const SAM = '400000000000000002';
let dir = '';
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'portfolio-cli-community-'));
  const folder = join(dir, 'members');
  mkdirSync(folder);
  writeFileSync(
    join(folder, `${PRIYA}.yaml`),
    memberYaml({
      name: 'Priya',
      projects: [{ id: 'adamw', name: 'AdamW from scratch', summary: 'Optimizers compared.', tags: ['optimizers'] }],
    }),
  );
  writeFileSync(
    join(folder, `${SAM}.yaml`),
    memberYaml({
      name: 'Sam',
      projects: [{ id: 'sat', name: 'Satellite tiles', summary: 'Satellite imagery.', tags: ['satellite imagery'] }],
    }),
  );
  writeFileSync(join(folder, 'notes.txt'), 'not a profile');
  writeFileSync(join(dir, 'broken.yaml'), 'version: 1\nidentity: [\n');
  env = {
    ...process.env,
    DISCORD_TOKEN: '',
    PROFILE_PATH: '',
    LOG_LEVEL: 'error',
    SQLITE_PATH: join(dir, 'portfolio.db'),
    DATABASE_URL: '',
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('portfolio-bot community', () => {
  it('adds a folder of <member id>.yaml profiles, and lists them', async () => {
    const added = await runCli(['community', 'add', '--guild', GUILD, join(dir, 'members')], '', { env });
    expect(added.stderr).toBe('');
    expect(added.stdout.trim().split('\n')).toEqual([
      `added ${PRIYA}: 3 entries (${join(dir, 'members', `${PRIYA}.yaml`)})`,
      `added ${SAM}: 3 entries (${join(dir, 'members', `${SAM}.yaml`)})`,
    ]);
    expect(added.code).toBe(0);
    const listed = await runCli(['community', 'list', '--guild', GUILD], '', { env });
    expect(listed.stdout).toMatch(new RegExp(`^${PRIYA}  Priya  3 entries  updated `));
    expect(listed.stdout.trim().split('\n').pop()).toBe(`2 member portfolios in server ${GUILD}`);
  });

  it('refuses an invalid profile with its problems, and exits 1', async () => {
    const result = await runCli(['community', 'add', '--guild', GUILD, '--member', '400000000000000003', join(dir, 'broken.yaml')], '', {
      env,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^.*broken\.yaml has \d+ problems?, so it was not saved:\nbroken\.yaml:\d+:\d+: /);
  });

  it('ask --guild answers as in that server; without it, as before', async () => {
    const inServer = await runCli(['ask', '--guild', GUILD, '--json', '/who optimizers'], '', { env });
    expect(inServer.code).toBe(0);
    expect(JSON.parse(inServer.stdout).embeds[0].description).toMatch(/^\*\*1\. Priya\*\* — AdamW from scratch/);
    const elsewhere = await runCli(['ask', '--json', '/who optimizers'], '', { env });
    expect(JSON.parse(elsewhere.stdout).content).toBe('/who searches the portfolios members share in a server: run it there.');
  });

  it('exports and removes one member', async () => {
    const exported = await runCli(['community', 'export', '--guild', GUILD, '--member', SAM], '', { env });
    expect(exported.stdout).toContain('name: "Satellite tiles"');
    const removed = await runCli(['community', 'remove', '--guild', GUILD, '--member', SAM], '', { env });
    expect(removed.stdout.trim()).toBe(`removed ${SAM} from server ${GUILD}`);
    const listed = await runCli(['community', 'list', '--guild', GUILD], '', { env });
    expect(listed.stdout.trim().split('\n').pop()).toBe(`1 member portfolio in server ${GUILD}`);
  });

  it('says how to call it', async () => {
    const result = await runCli(['community', 'add', '--guild', '12', 'x.yaml'], '', { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^portfolio-bot community: --guild expects a Discord id \(17 to 20 digits\)/);
  });
});
