// The second half of `npm run build`: the compiled CLI (dist/src, from tsc) bundled
// with esbuild into dist/bundle, which bin/portfolio-bot.js runs.
//
// Why: Node's ESM loader spends ~0.3 ms resolving, reading and linking each module
// file, and a start of the gateway bot loads ~80 of ours plus ~60 of zod's. One
// bundle, split only where the code imports lazily (each CLI command, the terminal
// chat, the YAML loader), takes ~50 ms off a cold start (npm run bench).
//
// discord.js and its family stay external, loaded from node_modules exactly as the
// bench's baseline client loads them, as do yaml and dotenv: yaml's Node build is
// CommonJS that requires Node's modules (and loads only when a profile is validated),
// dotenv only when there is a .env. Type checking stays with tsc; this only moves
// code around.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from '../src/paths.js';

const outdir = join(REPO_ROOT, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });

await build({
  // The workers are entry points of their own: src/bot/load.ts starts
  // new URL('./profile-worker.js', import.meta.url), which from any chunk in this
  // flat directory is dist/bundle/profile-worker.js.
  entryPoints: [join(REPO_ROOT, 'dist', 'src', 'cli.js'), join(REPO_ROOT, 'dist', 'src', 'bot', 'profile-worker.js')],
  outdir,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['discord.js', '@discordjs/*', 'discord-api-types', 'ws', 'yaml', 'dotenv'],
  sourcemap: 'linked',
  logLevel: 'warning',
});
