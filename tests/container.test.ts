// The Dockerfile builds and the image answers, where a Docker engine runs. Without one (a CI
// machine often has only the client), the test says so loudly and is skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths.js';

function dockerEngine(): boolean {
  return spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

const engine = dockerEngine();
if (!engine) console.warn('container.test.ts: no Docker engine here (docker info failed): the image build is NOT tested on this machine.');

describe.runIf(engine)('the container image', () => {
  const tag = `portfolio-bot-test:${process.pid}`;

  it('builds from the Dockerfile and answers /about in the terminal mode', () => {
    execFileSync('docker', ['build', '-t', tag, '.'], { cwd: REPO_ROOT, stdio: 'ignore', timeout: 600_000 });
    try {
      const out = execFileSync('docker', ['run', '--rm', tag, 'node', 'bin/portfolio-bot.js', 'ask', '/about'], {
        timeout: 60_000,
      }).toString();
      expect(out.split('\n')[0]).toMatch(/^Akash Palrecha /);
    } finally {
      spawnSync('docker', ['rmi', '-f', tag], { stdio: 'ignore' });
    }
  }, 660_000);
});
