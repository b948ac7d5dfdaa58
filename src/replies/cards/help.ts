import type { APIApplicationCommandOption, APIEmbed } from 'discord-api-types/v10';
import type { CommandDefinition } from '../../bot/types.js';
import type { Profile } from '../../profile/schema.js';
import type { ReplyPayload } from '../types.js';
import { COLOURS, field, footer } from './common.js';

/** A concrete example per command; a command without one gets its bare usage. */
export const HELP_EXAMPLES: Readonly<Record<string, string>> = {
  about: '/about',
  projects: '/projects optimizers',
  project: '/project name:Lookahead',
  experience: '/experience',
  research: '/research',
  learning: '/learning',
  blogs: '/blogs',
  skills: '/skills level:expert',
  contact: '/contact',
  resume: '/resume',
  search: '/search kaggle',
  ask: '/ask does he know docker?',
  help: '/help',
};

const COMMON_OPTIONS = new Set(['private']);

/** "/skills [level]", "/search <query>": the command with its own options (the common `private` left out). */
export function commandUsage(definition: CommandDefinition): string {
  const options = (definition.options ?? []) as readonly APIApplicationCommandOption[];
  const own = options.filter((option) => !COMMON_OPTIONS.has(option.name));
  return [`/${definition.name}`, ...own.map((option) => (option.required ? `<${option.name}>` : `[${option.name}]`))].join(' ');
}

/** What the bot can do: a field per command, built from the definitions so it never goes stale. */
export function buildHelpCard(profile: Profile, definitions: readonly CommandDefinition[]): ReplyPayload {
  const name = profile.identity.name;
  const embed: APIEmbed = {
    title: 'What I can do',
    description: [
      `I answer questions about **${name}**'s work: projects, experience, research, skills and more.`,
      '💬 **DM me or mention me with a question** — no slash needed.',
      '🔒 Every command takes a `private` option: only you see the answer, with a button to share it in the channel.',
    ].join('\n'),
    color: COLOURS.brand,
    fields: definitions.slice(0, 25).map((definition) => {
      const example = HELP_EXAMPLES[definition.name] ?? commandUsage(definition);
      return field(commandUsage(definition), `${definition.description}\n↳ e.g. \`${example}\``);
    }),
    footer: footer(`${definitions.length} commands · profile updated ${profile.updated}`),
  };
  return { embeds: [embed] };
}
