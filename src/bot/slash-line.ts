// "/projects optimizers", "/project name:Lookahead", "/skills level:expert private:true":
// a typed slash command turned into a command name and typed options, using the
// command definitions. Text after the command without a `key:` goes to the
// command's first option. Never throws: problems come back as a message.
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord-api-types/v10';
import { commandsFor, type HelpPlace } from '../replies/cards/help.js';
import { cleanUserText } from '../replies/index.js';
import type { CommandModule, OptionValue } from './types.js';

export type SlashLine = { ok: true; name: string; options: Record<string, OptionValue> } | { ok: false; name: string; message: string };

/** `place`: where the line was typed; an unknown command's message names only the commands that work there. */
export function parseSlashLine(line: string, commands: readonly CommandModule[], place?: HelpPlace): SlashLine {
  const trimmed = line.trim().replace(/^\//, '');
  const space = trimmed.search(/\s/);
  const name = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const rest = space < 0 ? '' : trimmed.slice(space + 1).trim();
  const module = commands.find((candidate) => candidate.definition.name === name);
  if (!module) return { ok: false, name, message: unknownCommandMessage(name, commands, place) };
  const definitions = (module.definition.options ?? []) as readonly APIApplicationCommandOption[];
  const byName = new Map(definitions.map((option) => [option.name, option]));
  const options: Record<string, OptionValue> = {};
  const free: string[] = [];

  for (const [key, value] of splitArguments(rest)) {
    const option = key === undefined ? undefined : byName.get(key.toLowerCase());
    if (key !== undefined && option) {
      const typed = typeValue(option, value);
      if (typeof typed === 'object') return { ok: false, name, message: typed.error };
      options[option.name] = typed;
    } else {
      free.push(key === undefined ? value : `${key}:${value}`);
    }
  }
  if (free.length > 0) {
    const first = definitions.find((option) => option.type === ApplicationCommandOptionType.String && options[option.name] === undefined);
    if (!first) return { ok: false, name, message: `/${name} takes no text. Try /help ${name === 'help' ? '' : 'for examples'}`.trim() };
    const typed = typeValue(first, free.join(' '));
    if (typeof typed === 'object') return { ok: false, name, message: typed.error };
    options[first.name] = typed;
  }
  return { ok: true, name, options };
}

/** "I don't know /x. Try /about, …, /ask, or /help for examples.": every command, /help last and once. */
export function unknownCommandMessage(
  name: string,
  commands: readonly CommandModule[],
  place: HelpPlace = { surface: 'discord', inGuild: true },
): string {
  // The commands /help lists where the line was typed (no server-only command on the terminal), /help itself last.
  const names = commandsFor(
    commands.map((module) => module.definition),
    place,
  )
    .filter((definition) => definition.name !== 'help')
    .map((definition) => `/${definition.name}`);
  return `I don't know /${cleanUserText(name, 40) || '…'}. Try ${[...names, 'or /help for examples'].join(', ')}.`;
}

/** Whether a command's answers can be made private, and so carry a Share button: it takes the `private` option. */
export function isShareable(module: CommandModule): boolean {
  return (module.definition.options ?? []).some((option) => option.name === 'private');
}

/**
 * A Share button whose command is unknown (gone since the button was made, or a forged id) or has no private
 * answers to share: "I don't know /x, so there is nothing to share. Try /about, …, /ask, or /help for examples.",
 * naming only the commands whose answers have a Share button where it was pressed (no /who, /portfolio,
 * /portfolio-mod or /insights; no server-only command in a DM).
 */
export function unshareableMessage(name: string, commands: readonly CommandModule[], place: HelpPlace): string {
  const shown = cleanUserText(name, 40) || '…';
  const known = commands.some((module) => module.definition.name === name);
  const names = commandsFor(
    commands.filter(isShareable).map((module) => module.definition),
    place,
  )
    .filter((definition) => definition.name !== 'help')
    .map((definition) => `/${definition.name}`);
  const why = known ? `/${shown} answers can't be shared with a button` : `I don't know /${shown}, so there is nothing to share`;
  return `${why}. Try ${[...names, 'or /help for examples'].join(', ')}.`;
}

/** Splits `a key:value key2:"quoted value" words` into [key|undefined, value] pairs. */
function splitArguments(text: string): [string | undefined, string][] {
  const out: [string | undefined, string][] = [];
  const pattern = /([\p{L}\p{N}_-]+):(?:"([^"]*)"|(\S*))|"([^"]*)"|(\S+)/gu;
  for (const match of text.matchAll(pattern)) {
    if (match[1] !== undefined) out.push([match[1], match[2] ?? match[3] ?? '']);
    else out.push([undefined, match[4] ?? match[5] ?? '']);
  }
  return out;
}

function typeValue(option: APIApplicationCommandOption, raw: string): OptionValue | { error: string } {
  switch (option.type) {
    case ApplicationCommandOptionType.Boolean: {
      const value = raw.toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(value)) return true;
      if (['false', 'no', 'off', '0'].includes(value)) return false;
      return { error: `\`${option.name}\` is true or false, not "${cleanUserText(raw, 40)}".` };
    }
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const value = Number(raw);
      if (!Number.isFinite(value) || (option.type === ApplicationCommandOptionType.Integer && !Number.isInteger(value)))
        return { error: `\`${option.name}\` is a number, not "${cleanUserText(raw, 40)}".` };
      return value;
    }
    case ApplicationCommandOptionType.String: {
      const choices = 'choices' in option ? option.choices : undefined;
      if (choices && choices.length > 0) {
        const match = choices.find(
          (choice) => String(choice.value).toLowerCase() === raw.toLowerCase() || choice.name.toLowerCase() === raw.toLowerCase(),
        );
        if (!match)
          return { error: `\`${option.name}\` is one of ${choices.map((c) => c.value).join(', ')}; "${cleanUserText(raw, 40)}" isn't.` };
        return String(match.value);
      }
      return raw;
    }
    default:
      return raw;
  }
}
