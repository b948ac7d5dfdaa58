// Slash command definitions as Discord receives them, checked against Discord's
// rules before anything is sent (a bad definition is a 400 for the whole PUT).
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { CommandModule } from '../bot/types.js';

export type Scope = { kind: 'global' } | { kind: 'guild'; guildId: string };

/** Global commands work in servers, in the bot's DM and as a user install; guild commands only in their guild. */
export function buildDefinitions(commands: readonly CommandModule[], scope: Scope): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((module) => {
    const definition = structuredClone(module.definition) as RESTPostAPIChatInputApplicationCommandsJSONBody;
    definition.type = 1;
    if (scope.kind === 'global') {
      definition.integration_types = [0, 1];
      definition.contexts = [0, 1, 2];
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
  if (description.length < 1 || description.length > 100) problems.push(`${where}: description must be 1–100 characters (has ${description.length})`);
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
        if (choice.name.length < 1 || choice.name.length > 100) problems.push(`${at}: choice "${choice.name}" name must be 1–100 characters`);
        if (typeof choice.value === 'string' && choice.value.length > 100) problems.push(`${at}: choice value "${choice.value.slice(0, 20)}…" over 100 characters`);
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

/** The parts of a definition Discord keeps, in a canonical form, to compare what is registered with what we have. */
export function canonical(definition: Record<string, unknown>): string {
  const option = (raw: Record<string, unknown>): Record<string, unknown> => ({
    type: raw['type'],
    name: raw['name'],
    description: raw['description'],
    required: raw['required'] ?? false,
    autocomplete: raw['autocomplete'] ?? false,
    choices: ((raw['choices'] as Record<string, unknown>[] | undefined) ?? []).map((c) => ({ name: c['name'], value: c['value'] })),
    options: ((raw['options'] as Record<string, unknown>[] | undefined) ?? []).map(option),
  });
  return JSON.stringify({
    name: definition['name'],
    type: definition['type'] ?? 1,
    description: definition['description'],
    options: ((definition['options'] as Record<string, unknown>[] | undefined) ?? []).map(option),
    integration_types: [...((definition['integration_types'] as number[] | undefined) ?? [])].sort(),
    contexts: [...((definition['contexts'] as number[] | null | undefined) ?? [])].sort(),
  });
}

export function sameCommands(registered: readonly Record<string, unknown>[], wanted: readonly Record<string, unknown>[]): boolean {
  const a = registered.map(canonical).sort();
  const b = wanted.map(canonical).sort();
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
