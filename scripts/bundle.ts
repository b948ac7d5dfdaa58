// The second half of `npm run build`: the compiled CLI (dist/src, from tsc) bundled
// with esbuild into dist/bundle, which bin/portfolio-bot.js runs.
//
// Why: Node's ESM loader resolves, reads and links each module file one by one,
// and a start of the gateway bot would load scores of ours and of zod's. One
// bundle, split only where the code imports lazily (each CLI command, the terminal
// chat, the YAML loader), shortens a cold start (figures: docs/performance.md).
//
// discord.js and its family stay external, loaded from node_modules exactly as the
// bench's baseline client loads them (but for discord-api-types' enums, below), as
// do yaml and dotenv: yaml's Node build is CommonJS that requires Node's modules
// (and loads only when a profile is validated), dotenv only when there is a .env.
// Type checking stays with tsc; this only moves code around.
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { REPO_ROOT } from '../src/paths.js';

const outdir = join(REPO_ROOT, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });

/** What every part of the bundle is built with. */
const COMMON = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // V8 keeps each module's source in the heap for as long as the process runs,
  // and a source with a single non-Latin-1 character (a dash in a comment) is
  // kept at two bytes a character. Whitespace and comments out, ASCII only: the
  // gateway bot's live heap after a long run was larger without (docs/performance.md).
  // Names stay, so stack traces still read (and the source maps map them back).
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
} satisfies BuildOptions;

// The config module (and the zod/mini it uses) is bundled on its own, and the
// CLI's bundle imports it as ./config.js. In the shared split build, zod's core
// went into one chunk with what the profile schema (full zod, loaded only to
// validate a profile) needs of it, about three times what the config needs, loaded
// at every start.
const CONFIG_MODULE = join(REPO_ROOT, 'dist', 'src', 'config.js');
const configBuild = await build({ ...COMMON, entryPoints: [CONFIG_MODULE], outfile: join(outdir, 'config.js') });
const configIsSeparate: Plugin = {
  name: 'config-is-separate',
  setup(build) {
    build.onResolve({ filter: /(^|\/)config\.js$/ }, (args) =>
      resolve(args.resolveDir, args.path) === CONFIG_MODULE ? { path: './config.js', external: true } : undefined,
    );
  },
};

// discord-api-types is bundled as the plain objects of the enums the code names
// (ComponentType, MessageFlags…), written from the package itself at build time.
// Its v10 entry is CommonJS that requires every file of the API's types, which
// esbuild cannot trim: external, it would be loaded at the start of the commands
// that never load discord.js (serve, chat, ask) for a few numbers; bundled
// whole, it would be parsed there. The gateway bot's discord.js still loads the
// package itself.
const DISCORD_API = 'discord-api-types/v10';
const discordApiEnums: Plugin = {
  name: 'discord-api-enums',
  setup(build) {
    build.onResolve({ filter: /^discord-api-types(\/|$)/ }, (args) =>
      args.path === DISCORD_API
        ? { path: DISCORD_API, namespace: 'discord-api-enums' }
        : { errors: [{ text: `${args.path}: only ${DISCORD_API} is bundled (its enums); import from it` }] },
    );
    build.onLoad({ filter: /.*/, namespace: 'discord-api-enums' }, async () => ({ contents: await enumModule(), loader: 'js' }));
  },
};

/** An ES module exporting every enum of discord-api-types/v10 (an object of strings and numbers) as it is. */
async function enumModule(): Promise<string> {
  const api = (await import(DISCORD_API)) as Record<string, unknown>;
  const isEnum = (value: unknown): value is Record<string, string | number> =>
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    Object.values(value).every((each) => typeof each === 'string' || (typeof each === 'number' && Number.isFinite(each)));
  return Object.entries(api)
    .filter(([name, value]) => /^[A-Z]\w*$/.test(name) && isEnum(value))
    .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
    .join('\n');
}

const cliBuild = await build({
  ...COMMON,
  // The workers are entry points of their own: src/bot/load.ts starts
  // new URL('./profile-worker.js', import.meta.url), which from any chunk in this
  // flat directory is dist/bundle/profile-worker.js (and src/community/prepare.ts its prepare-worker.js).
  entryPoints: [
    join(REPO_ROOT, 'dist', 'src', 'cli.js'),
    join(REPO_ROOT, 'dist', 'src', 'bot', 'profile-worker.js'),
    join(REPO_ROOT, 'dist', 'src', 'community', 'prepare-worker.js'),
  ],
  outdir,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  splitting: true,
  // better-sqlite3 is a native addon; postgres loads only with DATABASE_URL. wink-porter2-stemmer's
  // regular expressions hold a typographic apostrophe (below: a literal is left as written), so it is
  // loaded from node_modules, one small file.
  external: ['discord.js', '@discordjs/*', 'ws', 'yaml', 'dotenv', 'better-sqlite3', 'postgres', 'wink-porter2-stemmer'],
  plugins: [configIsSeparate, discordApiEnums],
});

// A regular expression literal is left as written: a non-ASCII character in one
// would make its whole chunk two-byte again. Write it as a \u escape.
for (const file of [configBuild, cliBuild].flatMap((done) => Object.keys(done.metafile.outputs)).filter((name) => name.endsWith('.js'))) {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  let at = -1;
  for (let i = 0; i < text.length && at < 0; i++) if (text.charCodeAt(i) > 0x7f) at = i;
  if (at >= 0)
    throw new Error(
      `${file}: non-ASCII character near ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}; write it as a \\u escape in the source`,
    );
}
