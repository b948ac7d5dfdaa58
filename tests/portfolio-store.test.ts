// Hot reload: a good change is swapped in whole; a bad one keeps the last good
// profile serving and logs every problem with file:line:col.
import { copyFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPortfolioStore } from '../src/bot/portfolio-store.js';
import { loadPortfolio } from '../src/bot/load.js';
import { createLogger } from '../src/log.js';
import { SHIPPED_PROFILE } from './helpers/profile.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'holder-'));
  const file = join(dir, 'profile.yaml');
  copyFileSync(SHIPPED_PROFILE, file);
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  return { dir, file, lines, logger, text: readFileSync(file, 'utf8') };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the portfolio store', () => {
  it('swaps in a changed profile, index included', async () => {
    const { file, logger, text } = setup();
    const holder = (await createPortfolioStore(file, logger))!;
    const before = holder.current();
    writeFileSync(file, text.replace('name: Fast Callbacks', 'name: Faster Callbacks'));
    expect(await holder.reload()).toBe(true);
    const after = holder.current();
    expect(after).not.toBe(before);
    expect(after.revision).not.toBe(before.revision);
    expect(after.search.search('faster callbacks')[0]?.title).toBe('Faster Callbacks');
    expect(before.search.search('fast callbacks')[0]?.title).toBe('Fast Callbacks');
  });

  it('keeps the last good profile when the new one is invalid, and logs each problem with its position', async () => {
    const { file, lines, logger, text } = setup();
    const holder = (await createPortfolioStore(file, logger))!;
    const good = holder.current();
    writeFileSync(
      file,
      text.replace('url: https://github.com/akashpalrecha/Lookahead', 'url: not-a-url').replace('version: 1', 'version: one'),
    );
    expect(await holder.reload()).toBe(false);
    expect(holder.current()).toBe(good);
    const problems = lines.filter((line) => line['level'] === 'error').map((line) => String(line['problem']));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(new RegExp(`^${file}:\\d+:\\d+: version: `));
    expect(problems[1]).toMatch(new RegExp(`^${file}:\\d+:\\d+: projects\\[0\\]\\.links\\[\\d\\]\\.url: Invalid URL`));
  });

  it('notices edits on disk, including an editor’s save by rename', async () => {
    const { dir, file, logger, text } = setup();
    const holder = (await createPortfolioStore(file, logger))!;
    holder.watch(30);
    try {
      writeFileSync(file, text.replace('name: Java-ML', 'name: Java-ML One'));
      await until(() => holder.current().profile.projects.some((p) => p.name === 'Java-ML One'));
      const temp = join(dir, 'profile.yaml.tmp');
      writeFileSync(temp, text.replace('name: Java-ML', 'name: Java-ML Two'));
      renameSync(temp, file);
      await until(() => holder.current().profile.projects.some((p) => p.name === 'Java-ML Two'));
      writeFileSync(file, text.replace('name: Java-ML', 'name: Java-ML Three'));
      await until(() => holder.current().profile.projects.some((p) => p.name === 'Java-ML Three'));
    } finally {
      holder.stopWatching();
    }
  });

  it('refuses to start on an invalid profile', async () => {
    const { file, lines, logger } = setup();
    writeFileSync(file, 'version: [\n');
    expect(await createPortfolioStore(file, logger)).toBeNull();
    expect(String(lines[0]?.['problem'])).toMatch(/YAML syntax/);
  });

  // Issue #15.1: past the alias limit the yaml library throws; the watcher's
  // reload then rejected with no one to hear it, and the process exited.
  it('keeps serving the last good profile when an alias bomb is saved while watching', async () => {
    const { file, lines, logger, text } = setup();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const holder = (await createPortfolioStore(file, logger))!;
    const good = holder.current();
    holder.watch(30);
    try {
      const bomb = `x: &x 1\ny: [${Array(101).fill('*x').join(',')}]\n`;
      writeFileSync(file, text + bomb);
      const line = text.split('\n').length + 1;
      await until(() => lines.some((entry) => entry['msg'] === 'profile reload rejected; still serving the last good profile'));
      expect(lines.filter((entry) => entry['level'] === 'error').map((entry) => entry['problem'])).toEqual([
        `${file}:${line}:305: too many aliases: more than 100 references to anchors (*x here is one too many); a profile may have at most 100`,
      ]);
      expect(holder.current()).toBe(good);
      // and the next good save is still picked up
      writeFileSync(file, text.replace('name: Java-ML', 'name: Java-ML After'));
      await until(() => holder.current().profile.projects.some((p) => p.name === 'Java-ML After'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      holder.stopWatching();
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('turns a loader that throws into a logged problem, at start and on reload', async () => {
    const { file, lines, logger } = setup();
    const failing = async (): Promise<never> => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    expect(await createPortfolioStore(file, logger, failing)).toBeNull();
    expect(lines.at(-1)).toMatchObject({
      level: 'error',
      msg: 'invalid profile',
      problem: `${file}: could not be loaded: RangeError: Maximum call stack size exceeded`,
    });
    let calls = 0;
    const holder = (await createPortfolioStore(file, logger, (path) => (++calls === 1 ? loadPortfolio(path) : failing())))!;
    const good = holder.current();
    expect(await holder.reload()).toBe(false);
    expect(holder.current()).toBe(good);
    expect(lines.at(-1)).toMatchObject({
      msg: 'profile reload rejected; still serving the last good profile',
      problem: `${file}: could not be loaded: RangeError: Maximum call stack size exceeded`,
    });
  });
});
