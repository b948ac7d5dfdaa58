// Issue #12.3: `deploy` compares everything it sends. What Discord stores (its own keys added,
// defaults filled in) is "up to date" with what we would send; any change to the body we send
// (max_length, min_*, choices, localizations, permissions, contexts, …) is a difference.
// The end-to-end check (a changed max_length through `portfolio-bot deploy`) is in gateway-e2e.test.ts.
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { buildDefinitions, diffCommands, normaliseCommand, type Scope } from '../src/deploy/definitions.js';

type Json = Record<string, unknown>;

/** A definition as Discord answers it from GET …/commands: ids added, defaults filled in. */
function stored(definition: Json, scope: Scope): Json {
  const option = (raw: Json): Json => ({
    name_localizations: null,
    description_localizations: null,
    ...raw,
    ...(raw['choices'] ? { choices: (raw['choices'] as Json[]).map((choice) => ({ name_localizations: null, ...choice })) } : {}),
    ...(raw['options'] ? { options: (raw['options'] as Json[]).map(option) } : {}),
  });
  return {
    id: '1300000000000000001',
    application_id: '1100000000000000001',
    version: '1300000000000000002',
    default_member_permissions: null,
    type: ApplicationCommandType.ChatInput,
    nsfw: false,
    dm_permission: true,
    name_localizations: null,
    description_localizations: null,
    integration_types: [0],
    contexts: null,
    ...definition,
    ...(scope.kind === 'guild' ? { guild_id: scope.guildId } : {}),
    options: ((definition['options'] as Json[] | undefined) ?? []).map(option),
  };
}

const GLOBAL: Scope = { kind: 'global' };
const GUILD: Scope = { kind: 'guild', guildId: '1200000000000000001' };
const wanted = (scope: Scope) => buildDefinitions(COMMANDS, scope) as unknown as Json[];
const registered = (scope: Scope) => wanted(scope).map((definition) => stored(structuredClone(definition), scope));

/** The registered /projects, changed by `edit`; every other command as registered. */
function withProjects(edit: (projects: Json & { options: Json[] }) => void, scope: Scope = GLOBAL): Json[] {
  const list = registered(scope);
  const projects = list.find((command) => command['name'] === 'projects') as Json & { options: Json[] };
  edit(projects);
  return list;
}
const query = (projects: { options: Json[] }): Json => projects.options.find((option) => option['name'] === 'query')!;

describe('deploy comparison', () => {
  it('finds what Discord stores up to date, globally and in a guild (where integration_types and contexts are not sent)', () => {
    expect(diffCommands(registered(GLOBAL), wanted(GLOBAL))).toEqual([]);
    expect(diffCommands(registered(GUILD), wanted(GUILD))).toEqual([]);
    expect(diffCommands(registered(GUILD), wanted(GUILD))).toEqual([]);
  });

  it('ignores the order of commands and of set-like lists, and keys Discord adds', () => {
    const list = registered(GLOBAL).reverse();
    for (const command of list) {
      command['contexts'] = [...(command['contexts'] as number[])].reverse();
      command['name_localized'] = command['name'];
    }
    expect(diffCommands(list, wanted(GLOBAL))).toEqual([]);
  });

  const changes: [string, (projects: Json & { options: Json[] }) => void][] = [
    ['max_length of an option', (p) => (query(p)['max_length'] = 50)],
    ['min_length of an option', (p) => (query(p)['min_length'] = 2)],
    ['min_value of an option', (p) => (query(p)['min_value'] = 1)],
    ['max_value of an option', (p) => (query(p)['max_value'] = 10)],
    ['an option made required', (p) => (query(p)['required'] = true)],
    ['autocomplete on an option', (p) => (query(p)['autocomplete'] = true)],
    ['choices on an option', (p) => (query(p)['choices'] = [{ name: 'a', value: 'a' }])],
    ['channel_types on an option', (p) => (query(p)['channel_types'] = [0])],
    ["an option's description", (p) => (query(p)['description'] = 'Something else')],
    ["an option's name localizations", (p) => (query(p)['name_localizations'] = { fr: 'requete' })],
    ["an option's description localizations", (p) => (query(p)['description_localizations'] = { fr: 'Des mots' })],
    ['the order of options', (p) => p.options.reverse()],
    ['an option more', (p) => p.options.push({ type: ApplicationCommandOptionType.String, name: 'extra', description: 'Extra' })],
    ['an option fewer', (p) => p.options.pop()],
    ["the command's description", (p) => (p['description'] = 'Something else')],
    ["the command's name localizations", (p) => (p['name_localizations'] = { de: 'projekte' })],
    ["the command's description localizations", (p) => (p['description_localizations'] = { de: 'Projekte' })],
    ['default_member_permissions', (p) => (p['default_member_permissions'] = '8')],
    ['nsfw', (p) => (p['nsfw'] = true)],
    ['contexts', (p) => (p['contexts'] = [0, 1])],
    ['integration_types', (p) => (p['integration_types'] = [0])],
    ['the command type', (p) => (p['type'] = 2)],
  ];

  it.each(changes)('sees a change of %s', (what, edit) => {
    const list = withProjects(edit);
    expect(diffCommands(list, wanted(GLOBAL))).toEqual(
      what === 'the command type' ? ['/projects added', '/projects removed'] : ['/projects changed'],
    );
  });

  it('sees a command added and one removed', () => {
    const list = registered(GLOBAL).filter((command) => command['name'] !== 'help');
    list.push(stored({ type: ApplicationCommandType.ChatInput, name: 'old', description: 'An old command' }, GLOBAL));
    expect(diffCommands(list, wanted(GLOBAL))).toEqual(['/help added', '/old removed']);
  });

  it('normalises a definition to the same value as what Discord stores for it', () => {
    const [first] = wanted(GLOBAL);
    expect(normaliseCommand(stored(structuredClone(first!), GLOBAL))).toEqual({ ...normaliseCommand(first!), dm_permission: true });
  });
});
