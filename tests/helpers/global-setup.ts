// Everything the tests write to the temporary folder (databases, profiles, the bot
// processes' files, PostgreSQL clusters, browser profiles) goes into one folder of
// this run, removed when the run ends: os.tmpdir() reads TMPDIR, and the test
// workers and every process they start inherit it.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'portfolio-bot-tests-'));
  // Like /tmp itself: the PostgreSQL fixture makes its folders there as the postgres user.
  chmodSync(root, 0o1777);
  process.env['TMPDIR'] = root;
  return () => rmSync(root, { recursive: true, force: true });
}
