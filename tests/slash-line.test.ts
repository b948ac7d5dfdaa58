import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { parseSlashLine } from '../src/bot/slash-line.js';
import type { CommandModule } from '../src/bot/types.js';

const FAKE: CommandModule[] = [
  {
    definition: {
      name: 'skills',
      description: 'x',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'level',
          description: 'x',
          choices: [
            { name: 'Expert', value: 'expert' },
            { name: 'Basic', value: 'basic' },
          ],
        },
        { type: ApplicationCommandOptionType.Boolean, name: 'private', description: 'x' },
      ],
    },
    execute: () => ({ content: 'x' }),
  },
  {
    definition: {
      name: 'project',
      description: 'x',
      options: [
        { type: ApplicationCommandOptionType.String, name: 'name', description: 'x', required: true },
        { type: ApplicationCommandOptionType.Boolean, name: 'private', description: 'x' },
      ],
    },
    execute: () => ({ content: 'x' }),
  },
  { definition: { name: 'help', description: 'x', options: [] }, execute: () => ({ content: 'x' }) },
];

describe('parseSlashLine', () => {
  it('puts text without a key into the first string option', () => {
    expect(parseSlashLine('/project lookahead optimizer', FAKE)).toEqual({
      ok: true,
      name: 'project',
      options: { name: 'lookahead optimizer' },
    });
  });

  it('reads key:value and quoted values, typed by the definition', () => {
    expect(parseSlashLine('/project name:"Java ML" private:true', FAKE)).toEqual({
      ok: true,
      name: 'project',
      options: { name: 'Java ML', private: true },
    });
    expect(parseSlashLine('/skills level:EXPERT private:no', FAKE)).toEqual({
      ok: true,
      name: 'skills',
      options: { level: 'expert', private: false },
    });
  });

  it('keeps a colon that is not an option name as text', () => {
    expect(parseSlashLine('/project k:steps forward', FAKE)).toEqual({ ok: true, name: 'project', options: { name: 'k:steps forward' } });
  });

  it('explains an unknown command, a bad choice and a bad boolean', () => {
    expect(parseSlashLine('/nope', FAKE)).toEqual({
      ok: false,
      name: 'nope',
      message: "I don't know /nope. Try /skills, /project, or /help for examples.",
    });
    expect(parseSlashLine('/skills level:guru', FAKE)).toMatchObject({
      ok: false,
      message: '`level` is one of expert, basic; "guru" isn\'t.',
    });
    expect(parseSlashLine('/project x private:maybe', FAKE)).toMatchObject({
      ok: false,
      message: '`private` is true or false, not "maybe".',
    });
    expect(parseSlashLine('/help me', FAKE)).toMatchObject({ ok: false });
  });

  it('parses every shipped command by name', () => {
    for (const module of COMMANDS)
      expect(parseSlashLine(`/${module.definition.name}`, COMMANDS)).toMatchObject({ ok: true, name: module.definition.name });
  });
});
