// Slash command definitions as Discord receives them, checked against Discord's
// rules before anything is sent (a bad definition is a 400 for the whole PUT).
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandModule } from '../bot/types.js';

export type Scope = { kind: 'global' } | { kind: 'guild'; guildId: string };

/** Global commands work in servers, in the bot's DM and as a user install; guild commands only in their guild. */
export function buildDefinitions(commands: readonly CommandModule[], scope: Scope): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((module) => {
    const definition = structuredClone(module.definition) as RESTPostAPIChatInputApplicationCommandsJSONBody;
    definition.type = ApplicationCommandType.ChatInput;
    if (scope.kind === 'global') {
      definition.integration_types = [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall];
      definition.contexts = [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel];
    }
    return definition;
  });
}

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

interface OptionLike {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  choices?: { name: string; value: string | number }[];
  options?: OptionLike[];
  autocomplete?: boolean;
}

/** Every rule a definition breaks, as "name: problem" lines; empty when Discord would accept them all. */
export function checkDefinitions(definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[]): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  if (definitions.length > 100) problems.push(`${definitions.length} commands: Discord allows 100 chat commands`);
  for (const definition of definitions) {
    const where = `/${definition.name}`;
    if (names.has(definition.name)) problems.push(`${where}: duplicate command name`);
    names.add(definition.name);
    checkName(definition.name, where, problems);
    checkDescription(definition.description, where, problems);
    const options = (definition.options ?? []) as OptionLike[];
    checkOptions(options, where, problems);
    const characters = countCharacters(definition.name, definition.description, options);
    if (characters > 8000) problems.push(`${where}: ${characters} characters in names, descriptions and values (Discord allows 8000)`);
  }
  return problems;
}

function checkName(name: string, where: string, problems: string[]): void {
  if (!NAME.test(name)) problems.push(`${where}: name "${name}" must be 1–32 letters, digits, - _ or '`);
  if (name !== name.toLowerCase()) problems.push(`${where}: name "${name}" must be lower case`);
}

function checkDescription(description: string, where: string, problems: string[]): void {
  if (description.length < 1 || description.length > 100)
    problems.push(`${where}: description must be 1–100 characters (has ${description.length})`);
}

function checkOptions(options: OptionLike[], where: string, problems: string[]): void {
  if (options.length > 25) problems.push(`${where}: ${options.length} options (Discord allows 25)`);
  let optionalSeen = false;
  const seen = new Set<string>();
  for (const option of options) {
    const at = `${where} ${option.name}`;
    checkName(option.name, at, problems);
    checkDescription(option.description, at, problems);
    if (seen.has(option.name)) problems.push(`${at}: duplicate option name`);
    seen.add(option.name);
    if (option.required && optionalSeen) problems.push(`${at}: required options must come before optional ones`);
    if (!option.required) optionalSeen = true;
    if (option.choices) {
      if (option.choices.length > 25) problems.push(`${at}: ${option.choices.length} choices (Discord allows 25)`);
      if (option.autocomplete) problems.push(`${at}: an option cannot have both choices and autocomplete`);
      for (const choice of option.choices) {
        if (choice.name.length < 1 || choice.name.length > 100)
          problems.push(`${at}: choice "${choice.name}" name must be 1–100 characters`);
        if (typeof choice.value === 'string' && choice.value.length > 100)
          problems.push(`${at}: choice value "${choice.value.slice(0, 20)}…" over 100 characters`);
      }
    }
    if (option.options) checkOptions(option.options, at, problems);
  }
}

function countCharacters(name: string, description: string, options: OptionLike[]): number {
  let total = name.length + description.length;
  for (const option of options) {
    total += countCharacters(option.name, option.description, option.options ?? []);
    for (const choice of option.choices ?? []) total += choice.name.length + String(choice.value).length;
  }
  return total;
}

/** Keys Discord adds to a command it stores: never sent, never compared. */
const SERVER_KEYS = new Set(['id', 'application_id', 'version', 'guild_id', 'name_localized', 'description_localized']);
/** Lists whose order means nothing. */
const UNORDERED = new Set(['integration_types', 'contexts', 'channel_types']);
/** Keys whose value, when not sent, comes from the application's settings: compared only when sent. */
const APP_DEFAULTS = ['integration_types', 'contexts', 'dm_permission'];

/**
 * A command definition as a value to compare: the whole body (options with their
 * min/max values and lengths, choices, localizations, permissions, nsfw, …), less
 * the keys Discord adds, with what Discord fills in when a key is not sent (null,
 * false, an empty list or map, a command type of 1) the same as leaving it out,
 * keys sorted and unordered lists sorted. Two definitions Discord would store
 * alike normalise to the same JSON.
 */
export function normaliseCommand(definition: Record<string, unknown>): Record<string, unknown> {
  const normalised = (normalise(definition) ?? {}) as Record<string, unknown>;
  if (normalised['type'] === ApplicationCommandType.ChatInput) delete normalised['type'];
  return normalised;
}

function normalise(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => normalise(item)).filter((item) => item !== undefined);
    if (key !== undefined && UNORDERED.has(key)) items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(value).sort()) {
      if (SERVER_KEYS.has(name)) continue;
      const item = normalise((value as Record<string, unknown>)[name], name);
      if (item !== undefined) out[name] = item;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value === null || value === false || value === undefined ? undefined : value;
}

const commandKey = (command: Record<string, unknown>): string =>
  `${String(command['type'] ?? ApplicationCommandType.ChatInput)}:${String(command['name'])}`;

/**
 * What differs between what is registered and what we would send, one line per
 * command ("/projects changed", "/old removed", "/new added"); empty when a PUT
 * would change nothing.
 */
export function diffCommands(registered: readonly Record<string, unknown>[], wanted: readonly Record<string, unknown>[]): string[] {
  const differences: string[] = [];
  const byKey = new Map(registered.map((command) => [commandKey(command), command]));
  for (const command of wanted) {
    const key = commandKey(command);
    const existing = byKey.get(key);
    byKey.delete(key);
    if (!existing) {
      differences.push(`/${String(command['name'])} added`);
      continue;
    }
    const ours = normaliseCommand(command);
    const theirs = normaliseCommand(existing);
    for (const name of APP_DEFAULTS) if (!(name in ours)) delete theirs[name];
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) differences.push(`/${String(command['name'])} changed`);
  }
  for (const command of byKey.values()) differences.push(`/${String(command['name'])} removed`);
  return differences;
}
