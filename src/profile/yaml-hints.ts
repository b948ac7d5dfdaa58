// Turning the YAML parser's messages into ones that teach: the slips people make
// when writing a profile by hand get a one-line hint, and the errors one slip sets
// off further down (a tab used for indentation confuses every line after it) are
// reported once, as that slip.

export interface YamlSyntaxError {
  /** The yaml library's error code, e.g. TAB_AS_INDENT. */
  code: string;
  offset: number;
  message: string;
}

/** The errors to report, in file order, each with a hint where a common slip explains it. */
export function describeSyntaxErrors(errors: readonly YamlSyntaxError[], text: string): { offset: number; message: string }[] {
  const sorted = [...errors].sort((a, b) => a.offset - b.offset);
  const firstTab = sorted.find((error) => error.code === 'TAB_AS_INDENT');
  // After a tab in the indentation the parser no longer knows which block a line
  // belongs to: what it reports after it is about that, not about the lines.
  const kept = firstTab ? sorted.filter((error) => error.offset < firstTab.offset || error.code === 'TAB_AS_INDENT') : sorted;
  const followOn = sorted.length - kept.length;
  const seen = new Set<number>();
  const out: { offset: number; message: string }[] = [];
  for (const error of kept) {
    // Two messages at one place are one slip seen two ways: the first is the clearer.
    if (seen.has(error.offset)) continue;
    seen.add(error.offset);
    let hint = hintFor(error, text);
    if (error === firstTab && followOn > 0) {
      hint += `; the ${followOn} error${followOn === 1 ? '' : 's'} the parser reports after it follow from it and are not listed`;
    }
    out.push({ offset: error.offset, message: `${firstLine(error.message)}${hint ? ` (${hint})` : ''}` });
  }
  return out;
}

function hintFor(error: YamlSyntaxError, text: string): string {
  const rest = lineFrom(text, error.offset);
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return 'indent with spaces';
    case 'MISSING_CHAR': {
      // `url:https://…`: without a space after it, a colon is part of the text.
      const glued = /^([A-Za-z_][\w-]*):(\S.*)$/.exec(rest.trimEnd());
      if (glued) return `a key needs a space after its colon: write ${glued[1]}: ${shorten(glued[2] ?? '')}`;
      return '';
    }
    case 'BLOCK_AS_IMPLICIT_KEY': {
      // `summary: Note: …`: a colon and a space inside a value start another key.
      const value = rest.trimEnd();
      const key = /([A-Za-z_][\w-]*):\s+$/.exec(lineBefore(text, error.offset))?.[1];
      if (!/:\s/.test(value)) return '';
      const quoted = JSON.stringify(value);
      return `a value with ": " in it must be quoted: write ${key ? `${key}: ` : ''}${shorten(quoted, true)}`;
    }
    default:
      return '';
  }
}

function lineFrom(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  return text.slice(offset, end < 0 ? text.length : end);
}

function lineBefore(text: string, offset: number): string {
  return text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
}

const HINT_VALUE_CHARS = 60;

function shorten(value: string, quoted = false): string {
  if (value.length <= HINT_VALUE_CHARS) return value;
  return quoted ? `${value.slice(0, HINT_VALUE_CHARS - 2)}…"` : `${value.slice(0, HINT_VALUE_CHARS - 1)}…`;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}
