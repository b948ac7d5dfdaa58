// Validating a profile's text: YAML → zod → a Profile value, or every problem at
// once as `file:line:col: path: message` (src/bot/load.ts reads the file and
// loads it through here). Data errors are values, never stack traces:
// whatever goes wrong while loading, even in the libraries, is a ProfileError.
import { createHash } from 'node:crypto';
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { editDistance } from '../edit-distance.js';
import { describeUnexpected, fileProblem, ProfileError, type ProfileProblem } from './problems.js';
import { profileSchema, type Profile } from './schema.js';
import { parseYaml, YAML_LIMITS } from './yaml.js';

export interface LoadedProfile {
  profile: Profile;
  /** Short content hash: changes whenever the file does. */
  revision: string;
}

/** How many problems one report lists: a hostile file can have thousands, and the first ones are the ones to fix. */
export const MAX_PROBLEMS_LISTED = 100;

/** Validates profile text; `file` only labels the problems. Throws nothing but ProfileError. */
export function parseProfile(text: string, file: string): LoadedProfile {
  try {
    return validateProfile(text, file);
  } catch (error) {
    if (error instanceof ProfileError) throw error;
    // A bug here or in a library must still not take a running bot down, nor
    // print a stack trace at the author: the last good profile keeps serving.
    throw new ProfileError([fileProblem(file, `could not be loaded: ${describeUnexpected(error)}`)]);
  }
}

function validateProfile(text: string, file: string): LoadedProfile {
  const { doc, at } = parseYaml(text, file);
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    throw new ProfileError([{ file, line: 1, col: 1, path: '', message: 'file is empty: expected a profile mapping' }]);
  }
  const data = toPlainData(doc, at, file);
  const result = profileSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => describeIssue(issue, doc.contents as YamlNode, at, file, text));
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    throw new ProfileError(capProblems(problems, file), problems.length);
  }
  return {
    profile: resolveSiteLinks(result.data),
    // A short hash of the text: it changes whenever the file does.
    revision: createHash('sha256').update(text).digest('hex').slice(0, 12),
  };
}

/**
 * The document as plain data. Resolving aliases is where the yaml library guards
 * against an alias bomb (it throws), and where an alias to no anchor is found:
 * both become a problem at the alias.
 */
function toPlainData(doc: Document.Parsed, at: (offset: number) => { line: number; col: number }, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: YAML_LIMITS.aliases });
  } catch (error) {
    const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(error instanceof Error ? error.message : '')?.[1];
    let where = 0;
    let first = true;
    visit(doc, {
      Alias(_key, node) {
        if (first || node.source === unresolved) where = node.range?.[0] ?? where;
        first = false;
        if (node.source === unresolved) return visit.BREAK;
        return undefined;
      },
    });
    const message = unresolved
      ? `alias *${unresolved} refers to no anchor: define &${unresolved} before it`
      : `aliases expand too much: the anchors they name contain aliases themselves (${describeUnexpected(error)})`;
    throw new ProfileError([{ file, ...at(where), path: '', message }]);
  }
}

function capProblems(problems: ProfileProblem[], file: string): ProfileProblem[] {
  if (problems.length <= MAX_PROBLEMS_LISTED) return problems;
  const more = problems.length - MAX_PROBLEMS_LISTED;
  return [
    ...problems.slice(0, MAX_PROBLEMS_LISTED),
    fileProblem(file, `${more} more problem${more === 1 ? '' : 's'} not listed: fix the ones above first`),
  ];
}

type Segment = PropertyKey;

function describeIssue(
  issue: z.core.$ZodIssue,
  root: YamlNode,
  at: (offset: number) => { line: number; col: number },
  file: string,
  text: string,
): ProfileProblem[] {
  const path = issue.path as Segment[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const found = locate(root, [...path, key], true);
      const { line, col } = at(found.offset);
      const suggestion = suggestKey(path, key);
      return {
        file,
        line,
        col,
        path: formatPath([...path, key]),
        message: `Unknown key "${key}"${suggestion}`,
      };
    });
  }
  const found = locate(root, path, false);
  const { line, col } = at(found.offset);
  const missing = !found.complete;
  let message = missing && issue.code === 'invalid_type' ? `Missing required field (expected ${issue.expected})` : issue.message;
  if (found.complete && isScalar(found.node) && typeof found.node.value === 'string') {
    const value = found.node.value;
    if (issue.code === 'too_big' && issue.origin === 'string') message += `, got ${value.trim().length}: ${preview(value)}`;
    const merged = mergedListItem(found.node, text);
    if (merged !== undefined) {
      message +=
        ` (this looks like list items merged by indentation: the "- " on line ${at(merged).line} is ` +
        `indented deeper than the item above, so YAML read it as more of this text; line the dashes up)`;
    }
  }
  return [{ file, line, col, path: formatPath(path), message }];
}

/**
 * Where a plain (unquoted) multi-line scalar has a line starting with "- ": a
 * list item indented deeper than the one above it, which YAML folds into it.
 */
function mergedListItem(node: YamlNode, text: string): number | undefined {
  if (!isScalar(node) || node.type !== 'PLAIN' || !node.range) return undefined;
  const [start, end] = node.range;
  const source = text.slice(start, end);
  const match = /\n[ \t]*- /.exec(source);
  if (!match) return undefined;
  return start + match.index + match[0].indexOf('-');
}

const PREVIEW_CHARS = 60;

function preview(value: string): string {
  const flat = value.trim();
  return JSON.stringify(flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat);
}

/** Finds the node at `path`; when it doesn't exist, the deepest node that does. */
function locate(root: YamlNode, path: Segment[], wantKey: boolean): { offset: number; complete: boolean; node: unknown } {
  let node: unknown = root;
  let offset = root.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    let next: unknown;
    let keyNode: unknown;
    if (isAlias(node)) return { offset, complete: true, node }; // the rest lies where the alias points
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      keyNode = pair?.key;
      next = pair ? (pair.value ?? pair.key) : undefined;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (next === undefined || next === null) return { offset, complete: false, node };
    const last = i === path.length - 1;
    const target = last && wantKey && keyNode ? keyNode : next;
    offset = (target as YamlNode).range?.[0] ?? offset;
    node = next;
  }
  return { offset, complete: true, node };
}

function suggestKey(path: Segment[], key: string): string {
  // Name the closest allowed key when the typo is small: the commonest authoring error.
  const shape = allowedKeys(path);
  if (!shape) return '';
  const best = shape
    .map((candidate) => ({ candidate, distance: editDistance(candidate.toLowerCase(), key.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance)[0];
  return best && best.distance <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean "${best.candidate}"?)` : '';
}

function allowedKeys(path: Segment[]): string[] | undefined {
  let schema: unknown = profileSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    const def = (schema as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }).def;
    if (def?.type === 'object' && typeof segment === 'string') schema = def.shape?.[segment];
    else if (def?.type === 'array') schema = def.element;
    else return undefined;
  }
  const def = (unwrap(schema) as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { type?: string; innerType?: unknown; in?: unknown; schema?: unknown } } | undefined;
  while (current?.def) {
    const { type } = current.def;
    if (type === 'optional' || type === 'default' || type === 'nullable' || type === 'readonly')
      current = current.def.innerType as typeof current;
    else if (type === 'pipe') current = current.def.in as typeof current;
    else break;
  }
  return current;
}

export function formatPath(path: readonly Segment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/** Site-relative links ("/files/x.pdf") become absolute against `site`. */
function resolveSiteLinks(profile: Profile): Profile {
  const base = profile.site.endsWith('/') ? profile.site : profile.site + '/';
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        out[key] =
          (key === 'url' || key === 'avatar') && typeof inner === 'string' && inner.startsWith('/')
            ? new URL(inner.slice(1), base).href
            : visit(inner);
      }
      return out;
    }
    return value;
  };
  return visit(profile) as Profile;
}
