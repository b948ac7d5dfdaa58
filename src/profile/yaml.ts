// Parsing a profile's YAML with bounded work. The yaml library parses in stages
// (lexer → parser → CST → composer → Document → JS); this runs the first two by
// hand, counting as it goes, and refuses a hostile file before the costly stages:
// the composer recurses once per nesting level and checks each map's keys against
// all the others, and the JS value is walked again by the schema. The bounds are
// far above what the schema lets a real profile hold (docs/security.md).
import { Composer, CST, Lexer, LineCounter, Parser, type Document } from 'yaml';
import { describeSyntaxErrors, type YamlSyntaxError } from './yaml-hints.js';
import { ProfileError, type ProfileProblem } from './problems.js';

export const YAML_LIMITS = {
  /** Lexical tokens: every key, value, indicator, space and line break. */
  tokens: 100_000,
  /** Collections inside collections. */
  depth: 32,
  /** Entries of one mapping or list. */
  items: 500,
  /** References (*name) to anchors (&name). */
  aliases: 100,
} as const;

export interface ParsedYaml {
  doc: Document.Parsed;
  /** Line and column (1-based) of a character offset. */
  at: (offset: number) => { line: number; col: number };
}

/** The first YAML document of `text`, or a ProfileError (syntax, or a bound exceeded) with positions. */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const at = (offset: number) => lineCounter.linePos(offset);
  const refuse = (offset: number, message: string): never => {
    throw new ProfileError([{ file, ...at(offset), path: '', message }]);
  };

  const tokens = tokenize(text, lineCounter, refuse);
  checkShape(tokens, refuse);

  const composer = new Composer({ prettyErrors: false, uniqueKeys: true });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, text.length)) {
    if (!doc) doc = next;
    else {
      refuse(next.range[0], 'YAML syntax: a second document (after "---"); a profile is one document');
    }
  }
  if (!doc) return refuse(0, 'file is empty: expected a profile mapping');
  if (doc.errors.length > 0) {
    const errors: YamlSyntaxError[] = doc.errors.map((error) => ({ code: error.code, offset: error.pos[0], message: error.message }));
    const problems: ProfileProblem[] = describeSyntaxErrors(errors, text).map(({ offset, message }) => ({
      file,
      ...at(offset),
      path: '',
      message: `YAML syntax: ${message}`,
    }));
    throw new ProfileError(problems);
  }
  return { doc, at };
}

/**
 * The CST of `text`, lexing and parsing one token at a time (the yaml library's
 * documented way to drive its parser), so that a flood of tokens or of opening
 * brackets is refused where it starts, after bounded work.
 */
function tokenize(text: string, lineCounter: LineCounter, refuse: (offset: number, message: string) => never): CST.Token[] {
  lineCounter.addNewLine(0);
  const parser = new Parser(lineCounter.addNewLine);
  const tokens: CST.Token[] = [];
  let count = 0;
  let offset = 0;
  let flowDepth = 0;
  for (const lexeme of new Lexer().lex(text)) {
    if (++count > YAML_LIMITS.tokens) {
      refuse(
        offset,
        `too complex: more than ${YAML_LIMITS.tokens} YAML tokens (keys, values, indicators, line breaks) by ` +
          `here; a profile may have at most ${YAML_LIMITS.tokens}`,
      );
    }
    if (lexeme === '[' || lexeme === '{') {
      if (++flowDepth > YAML_LIMITS.depth) refuse(offset, tooDeep());
    } else if (lexeme === ']' || lexeme === '}') flowDepth = Math.max(0, flowDepth - 1);
    for (const token of parser.next(lexeme)) tokens.push(token);
    // The lexer's control lexemes (document start, scalar start, flow end) are not in the source.
    if (lexeme !== CST.DOCUMENT && lexeme !== CST.SCALAR && lexeme !== CST.FLOW_END) offset += lexeme.length;
  }
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}

/** Nesting, entries per collection and aliases, counted on the CST without recursion. */
function checkShape(tokens: CST.Token[], refuse: (offset: number, message: string) => never): void {
  // Children are pushed last first, so that they are visited in file order and a
  // refusal points at the first place a bound is passed.
  const stack: { token: CST.Token; depth: number }[] = tokens.map((token) => ({ token, depth: 0 })).reverse();
  let aliases = 0;
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth });
    } else if (token.type === 'alias') {
      if (++aliases > YAML_LIMITS.aliases) {
        const name = token.source.trim();
        refuse(
          token.offset,
          `too many aliases: more than ${YAML_LIMITS.aliases} references to anchors (${name} here is one too many); ` +
            `a profile may have at most ${YAML_LIMITS.aliases}`,
        );
      }
    } else if (CST.isCollection(token)) {
      if (depth + 1 > YAML_LIMITS.depth) refuse(token.offset, tooDeep());
      if (token.items.length > YAML_LIMITS.items) {
        const kind = token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{') ? 'mapping' : 'list';
        refuse(
          token.offset,
          `too many entries: this ${kind} has more than ${YAML_LIMITS.items}; a profile may have at most ${YAML_LIMITS.items} in one`,
        );
      }
      for (let i = token.items.length - 1; i >= 0; i--) {
        const item = token.items[i]!;
        if (item.value) stack.push({ token: item.value, depth: depth + 1 });
        if (item.key) stack.push({ token: item.key, depth: depth + 1 });
      }
    }
  }
}

function tooDeep(): string {
  return `too deeply nested: more than ${YAML_LIMITS.depth} lists or mappings inside each other; a profile may nest at most ${YAML_LIMITS.depth}`;
}
