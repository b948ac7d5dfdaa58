// Loading a profile: YAML → zod → a Profile value, or every problem at once as
// `file:line:col: path: message`. Data errors are values, never stack traces.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { editDistance } from '../edit-distance.js';
import { profileSchema, type Profile } from './schema.js';

export interface ProfileProblem {
  file: string;
  line: number;
  col: number;
  /** The field, as `projects[3].links[0].url`; empty for file-level and syntax problems. */
  path: string;
  message: string;
}

export interface LoadedProfile {
  profile: Profile;
  file: string;
  /** Short content hash: changes whenever the file does. */
  revision: string;
}

export class ProfileError extends Error {
  override name = 'ProfileError';
  constructor(readonly problems: ProfileProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export function formatProblem(problem: ProfileProblem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.col}` : problem.file;
  return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}

/** Reads and validates a profile file; throws ProfileError listing every problem. */
export async function loadProfile(file: string): Promise<LoadedProfile> {
  return parseProfile(await readProfileText(file), file);
}

/** A profile file's text; a missing file, a directory or an unreadable one is a ProfileError of one line. */
export async function readProfileText(file: string): Promise<string> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new ProfileError([fileProblem(file, 'is a directory, expected a YAML profile file')]);
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof ProfileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : `cannot read file (${code ?? String(error)})`;
    throw new ProfileError([fileProblem(file, message)]);
  }
}

/** Validates profile text; `file` only labels the problems. */
export function parseProfile(text: string, file: string): LoadedProfile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lineCounter.linePos(offset);

  if (doc.errors.length > 0) {
    throw new ProfileError(
      doc.errors.map((error) => {
        const { line, col } = at(error.pos[0]);
        return { file, line, col, path: '', message: `YAML syntax: ${firstLine(error.message)}` };
      }),
    );
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    throw new ProfileError([{ file, line: 1, col: 1, path: '', message: 'file is empty: expected a profile mapping' }]);
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const result = profileSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => describeIssue(issue, doc.contents as YamlNode, at, file));
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    throw new ProfileError(problems);
  }
  return {
    profile: resolveSiteLinks(result.data),
    file,
    revision: createHash('sha256').update(text).digest('hex').slice(0, 12),
  };
}

type Segment = PropertyKey;

function describeIssue(
  issue: z.core.$ZodIssue,
  root: YamlNode,
  at: (offset: number) => { line: number; col: number },
  file: string,
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
  const message = missing && issue.code === 'invalid_type' ? `Missing required field (expected ${issue.expected})` : issue.message;
  return [{ file, line, col, path: formatPath(path), message }];
}

/** Finds the node at `path`; when it doesn't exist, the deepest node that does. */
function locate(root: YamlNode, path: Segment[], wantKey: boolean): { offset: number; complete: boolean } {
  let node: unknown = root;
  let offset = (root.range?.[0]) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      keyNode = pair?.key;
      next = pair ? (pair.value ?? pair.key) : undefined;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (next === undefined || next === null) return { offset, complete: false };
    const last = i === path.length - 1;
    const target = last && wantKey && keyNode ? keyNode : next;
    offset = (target as YamlNode).range?.[0] ?? offset;
    node = next;
  }
  return { offset, complete: true };
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
    if (type === 'optional' || type === 'default' || type === 'nullable' || type === 'readonly') current = current.def.innerType as typeof current;
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

function fileProblem(file: string, message: string): ProfileProblem {
  return { file, line: 0, col: 0, path: '', message };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}
