// `portfolio-bot preview` through the real entry point, on a free port: its url
// read from the line it prints, stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { BIN } from './cli.js';

export interface PreviewProcess {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

export function startPreviewProcess(file: string, timeoutMs = 15_000): Promise<PreviewProcess> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'preview', file, '--port', '0'], {
    cwd: tmpdir(),
    env: { ...process.env, DISCORD_TOKEN: '', PROFILE_PATH: '', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`preview did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, output: () => output, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`preview exited (${code}) before it was ready:\n${output}`));
    });
  });
}
