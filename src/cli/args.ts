// The command line's one parser. Each command's options and usage are data
// (./commands.ts), so `--help`, an unknown flag and a missing value are handled
// the same way for every command, before the command's module is even loaded.
import { parseArgs } from 'node:util';
import { wrapText } from '../terminal/wrap.js';
import { UsageError, type ParsedArgs } from './types.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in the usage, for a string option: "N". */
  value?: string;
  description: string;
}

export interface CommandSpec {
  /** One line in the list of commands. */
  summary: string;
  /** The usage line after "portfolio-bot ": `search "<query>" [--section S]`. */
  synopsis: string;
  /** What the command does: paragraphs, folded to the usage's width. */
  description: readonly string[];
  options: Readonly<Record<string, OptionSpec>>;
  /** How many positional arguments the command takes at most (Infinity: any number). */
  positionals: number;
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'print this help' };

/**
 * The arguments of one command, or null when they ask for its help. Unknown
 * options, options missing their value and extra arguments are UsageErrors
 * naming the offending argument. `--help` anywhere wins over any mistake.
 */
export function parseCommandArgs(spec: CommandSpec, args: readonly string[]): ParsedArgs | null {
  const options: Record<string, OptionSpec> = { ...spec.options, help: HELP };
  const config = Object.fromEntries(
    Object.entries(options).map(([name, option]) => [name, { type: option.type, ...(option.short ? { short: option.short } : {}) }]),
  );
  // Not strict: node's own errors are long and generic; the tokens say exactly what was typed.
  const { tokens } = parseArgs({ args: [...args], options: config, strict: false, allowPositionals: true, tokens: true });
  if (tokens.some((token) => token.kind === 'option' && token.name === 'help')) return null;
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const option = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (!option) throw new UsageError(`unknown option ${quoteArg(token.rawName)}`);
    if (option.type === 'boolean') {
      if (token.inlineValue) throw new UsageError(`${token.rawName} takes no value`);
      values[token.name] = true;
      continue;
    }
    // Without strict parsing, "--limit --json" would take "--json" as the limit.
    if (token.value === undefined || (!token.inlineValue && /^-[-\p{L}]/u.test(token.value))) {
      throw new UsageError(`${token.rawName} needs a value: ${token.rawName} ${option.value ?? 'VALUE'}`);
    }
    values[token.name] = token.value;
  }
  if (positionals.length > spec.positionals) {
    throw new UsageError(`unexpected argument ${quoteArg(positionals[spec.positionals] ?? '')}`);
  }
  return { values, positionals };
}

/** An argument as typed, quoted (control characters escaped): `unknown option "--jsn"`. */
export function quoteArg(text: string): string {
  return JSON.stringify(text);
}

/** Usage texts are folded to this width, whatever the terminal. */
const USAGE_WIDTH = 80;

/**
 * `portfolio-bot <name> --help`: the usage line, what the command does, and
 * every option. `brief` (after a mistake) leaves out what it does.
 */
export function formatCommandUsage(spec: CommandSpec, options: { brief?: boolean } = {}): string {
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([long, option]) => {
    const flags = `${option.short ? `-${option.short}, ` : '    '}--${long}${option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : ''}`;
    return { flags, description: option.description };
  });
  const width = Math.max(...rows.map((row) => row.flags.length));
  const hang = ' '.repeat(width + 4);
  const optionLines = rows.map(({ flags, description }) =>
    wrapText(description, USAGE_WIDTH - hang.length)
      .split('\n')
      .map((line, index) => (index === 0 ? `  ${flags.padEnd(width)}  ${line}` : hang + line))
      .join('\n'),
  );
  const about = options.brief ? [] : [...spec.description.map((paragraph) => wrapText(paragraph, USAGE_WIDTH)), ''];
  return [`usage: portfolio-bot ${spec.synopsis}`, '', ...about, 'options:', ...optionLines].join('\n');
}
