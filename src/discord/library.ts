// discord.js, loaded with require() rather than an ES import. discord.js is CommonJS, and
// Node gives an ES module the named exports of a CommonJS one by lexing its source first: for
// discord.js that is its index and every module it re-exports whole (discord-api-types/v10's
// dozens of files, @discordjs/builders, formatters, util), read and scanned on the main thread
// before the gateway bot could log in, and hot enough to be compiled again by the optimizing
// compiler in the background (figures: docs/performance.md). require() needs none of it.
// Types still come from the package as usual (`import type`).
import { createRequire } from 'node:module';
import type * as DiscordJs from 'discord.js';

export const discord = createRequire(import.meta.url)('discord.js') as typeof DiscordJs;
