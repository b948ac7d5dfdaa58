// The gateway bot loads discord.js through src/discord/library.ts (require), never with an ES
// import at run time: Node would lex discord.js and every package it re-exports whole before the
// bot could log in (cold start, docs/performance.md). Types are imported as types.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discord } from '../src/discord/library.js';
import { REPO_ROOT } from '../src/paths.js';

/** The import statements of a TypeScript file that load discord.js at run time (not `import type`). */
function runtimeImportsOfDiscordJs(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'discord\.js';/gms)].map((match) => match[0]);
}

describe('discord.js in the gateway bot', () => {
  it('is required through library.ts by every module of src/discord, never imported as an ES module', () => {
    const dir = join(REPO_ROOT, 'src', 'discord');
    const files = readdirSync(dir).filter((name) => name.endsWith('.ts'));
    expect(files).toContain('client.ts');
    const offenders = files.flatMap((name) => runtimeImportsOfDiscordJs(join(dir, name)).map((line) => `${name}: ${line}`));
    expect(offenders).toEqual([]);
    // The check itself finds a runtime import, and lets a type import through.
    const sample = join(REPO_ROOT, 'scripts', 'bench-baseline-bot.ts');
    expect(runtimeImportsOfDiscordJs(sample)).toEqual([
      expect.stringContaining("import { Client, Events, type APIEmbed } from 'discord.js'"),
    ]);
  });

  it('is the same module an ES import gives (one Client class, one GuildMember for instanceof)', async () => {
    const imported = await import('discord.js');
    expect(discord.Client).toBe(imported.Client);
    expect(discord.GuildMember).toBe(imported.GuildMember);
    expect(discord.Events.InteractionCreate).toBe('interactionCreate');
  });
});
