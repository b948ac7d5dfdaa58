import { ApplicationCommandOptionType, type APIApplicationCommandOption, type APIEmbed } from 'discord-api-types/v10';
import type { Profile } from '../../profile/schema.js';
import { LIMITS } from '../fit.js';
import type { CommandDefinition, ReplyPayload, Surface } from '../types.js';
import { COLOURS, field, footer } from './common.js';

/**
 * A concrete example per command, taken from the profile so that it finds
 * something whoever the profile is about; a command without one gets its bare usage.
 */
export function helpExamples(profile: Profile): Readonly<Record<string, string>> {
  const notable = profile.projects.find((project) => project.notable) ?? profile.projects[0];
  const skill = profile.skills.learning.at(-1) ?? profile.skills.expert[0];
  return {
    about: '/about',
    ...(notable?.tags[0] ? { projects: `/projects ${notable.tags[0]}` } : {}),
    ...(notable ? { project: `/project name:${notable.name.split(/\s+/)[0] ?? notable.name}` } : {}),
    experience: '/experience',
    research: '/research',
    learning: '/learning',
    blogs: '/blogs',
    skills: '/skills level:expert',
    contact: '/contact',
    resume: '/resume',
    ...(sharedTag(profile, notable?.tags[0]) ? { search: `/search ${sharedTag(profile, notable?.tags[0])}` } : {}),
    ...(skill ? { ask: `/ask does ${profile.identity.pronoun} know ${skill.name.split(',')[0]!.toLowerCase()}?` } : {}),
    help: '/help',
    ...(notable?.tags[0] ? { who: `/who ${notable.tags[0]}` } : {}),
    portfolio: '/portfolio submit file:profile.yaml',
    'portfolio-mod': '/portfolio-mod reports',
    insights: '/insights days:30',
  };
}

/** The one-word tag most projects share (at least two; first in profile order on a tie), other than `besides`. */
function sharedTag(profile: Profile, besides?: string): string | undefined {
  const count = new Map<string, number>();
  for (const project of profile.projects)
    for (const tag of new Set(project.tags.map((t) => t.toLowerCase()))) count.set(tag, (count.get(tag) ?? 0) + 1);
  let best: [string, number] | undefined;
  for (const [tag, n] of count)
    if (n >= 2 && !tag.includes(' ') && tag !== besides?.toLowerCase() && (!best || n > best[1])) best = [tag, n];
  return best?.[0];
}

const COMMON_OPTIONS = new Set(['private', 'member']);

/** "/skills [level]", "/search <query>": the command with its own options (the common `private` left out). */
export function commandUsage(definition: CommandDefinition): string {
  const options = (definition.options ?? []) as readonly APIApplicationCommandOption[];
  const own = options.filter((option) => !COMMON_OPTIONS.has(option.name));
  const subcommands = own.filter((option) => option.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length > 0) return `/${definition.name} ${subcommands.map((option) => option.name).join('|')}`;
  return [`/${definition.name}`, ...own.map((option) => (option.required ? `<${option.name}>` : `[${option.name}]`))].join(' ');
}

/** How to ask without a command, and what else works, where the card is read. */
const WAYS_TO_ASK: Readonly<Record<Surface, readonly string[]>> = {
  discord: [
    '💬 **DM me or mention me with a question** — no slash needed.',
    '🔒 Every command takes a `private` option: only you see the answer, with a button to share it in the channel.',
    '👥 In a server where members share their portfolios, /projects, /project, /search and /ask search them all; `member:` narrows to one.',
  ],
  terminal: ['💬 **Type a question in plain words** — no slash needed.'],
};

/** The privacy notice (issue #18): what insights record, for how long, and how they are turned off. */
export const PRIVACY_NOTICE =
  'To help its owner fill the gaps in the profile, this bot may record each command and question: when, the command, ' +
  'the words asked, which entry answered and the server it was asked in; never who asked (no user ids, names or message ids). ' +
  'Records are kept 90 days unless the owner sets otherwise (INSIGHTS_DAYS), and the owner can turn recording off (INSIGHTS=off).';

/** Where /help is read: the commands that cannot run there are left out of it. */
export interface HelpPlace {
  surface: Surface;
  /** In a server (not a DM, not the terminal): commands with dm_permission false work only there. */
  inGuild: boolean;
}

/**
 * Commands the terminal chat has no use for: /insights needs Discord to say who the owner is
 * (on a terminal, `portfolio-bot insights` shows the same report).
 */
const NOT_IN_TERMINAL = new Set(['insights']);

/** The commands that can run where /help is read, in their order. */
export function commandsFor(definitions: readonly CommandDefinition[], place: HelpPlace): CommandDefinition[] {
  return definitions.filter(
    (definition) =>
      (place.inGuild || definition.dm_permission !== false) && !(place.surface === 'terminal' && NOT_IN_TERMINAL.has(definition.name)),
  );
}

/** What the bot can do: a field per command, built from the definitions so it never goes stale, and the privacy notice. */
export function buildHelpCard(
  profile: Profile,
  all: readonly CommandDefinition[],
  place: HelpPlace = { surface: 'discord', inGuild: true },
): ReplyPayload {
  const { surface } = place;
  const definitions = commandsFor(all, place);
  const name = profile.identity.name;
  const examples = helpExamples(profile);
  const embed: APIEmbed = {
    title: 'What I can do',
    description: [
      `I answer questions about **${name}**'s work: projects, experience, research, skills and more.`,
      ...WAYS_TO_ASK[surface],
    ].join('\n'),
    color: COLOURS.brand,
    fields: [
      ...definitions.slice(0, LIMITS.fields - 1).map((definition) => {
        const example = examples[definition.name] ?? commandUsage(definition);
        return field(commandUsage(definition), `${definition.description}\n↳ e.g. \`${example}\``);
      }),
      field('🔏 Privacy', PRIVACY_NOTICE),
    ],
    footer: footer(`${definitions.length} commands · profile updated ${profile.updated}`),
  };
  return { embeds: [embed] };
}
