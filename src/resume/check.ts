// Reading a JSON Resume (jsonresume.org, schema v1.0.0) before anything maps it:
// bounded like a profile file (size, nesting), then checked by the official
// validator, @jsonresume/schema, whose errors are shown with their JSON path,
// and by our own checks where it is weak (its date pattern takes "2023-13" and
// "2023-02-31"). A résumé is hostile input: it may come from a stranger's gist.
import jsonResume from '@jsonresume/schema';
import type { ValidationError } from 'jsonschema';
import { MAX_PROFILE_BYTES } from '../profile/read.js';
import type { JsonResume } from './types.js';

/** The bounds on a résumé's text: the same size cap as a profile file, and a nesting no real résumé comes near. */
export const RESUME_LIMITS = { bytes: MAX_PROFILE_BYTES, depth: 24 } as const;

export type CheckedResume = { resume: JsonResume; problems?: undefined } | { resume?: undefined; problems: string[] };

/** The résumé in `jsonText`, or every problem with it as `file: path: message`. Never throws. */
export function checkResume(jsonText: string, file: string): CheckedResume {
  const bytes = Buffer.byteLength(jsonText, 'utf8');
  if (bytes > RESUME_LIMITS.bytes) {
    return { problems: [`${file}: is ${bytes} bytes; a résumé may be at most ${RESUME_LIMITS.bytes} bytes (1 MiB)`] };
  }
  let data: unknown;
  try {
    data = JSON.parse(jsonText.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { problems: [`${file}: is not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const depth = nestingDepth(data);
  if (depth > RESUME_LIMITS.depth) {
    return { problems: [`${file}: nests ${depth} levels deep; a résumé needs far fewer (at most ${RESUME_LIMITS.depth})`] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { problems: [`${file}: expected a JSON Resume object ({"basics": …, "work": […], …})`] };
  }
  const problems = [...schemaProblems(data), ...dateProblems(data as Record<string, unknown>)].map((line) => `${file}: ${line}`);
  return problems.length > 0 ? { problems } : { resume: data as JsonResume };
}

/** How deep arrays and objects nest, counted without recursion (a hostile file could nest past the stack). */
function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > RESUME_LIMITS.depth) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** The official validator's errors, as `work[0].startDate: message`. */
function schemaProblems(data: unknown): string[] {
  let errors: ValidationError[] = [];
  jsonResume.validate(data, (found) => (errors = found ?? []));
  return errors.slice(0, 50).map((error) => `${jsonPath(error.path)}: ${describeSchemaError(error)}`);
}

/** ["work", 0, "startDate"] → "work[0].startDate"; the root is "(top level)". */
export function jsonPath(path: readonly (string | number)[]): string {
  const text = path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('');
  return text.replace(/^\./, '') || '(top level)';
}

function describeSchemaError(error: ValidationError): string {
  if (error.name === 'pattern' && String(error.argument).includes('[1-2][0-9]{3}')) {
    return `${JSON.stringify(error.instance)} is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD`;
  }
  return error.message;
}

const DATE_FIELDS = ['startDate', 'endDate', 'date', 'releaseDate'];
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Every date the validator let through that is no date: a month 13, a 31st of February. */
function dateProblems(resume: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [section, entries] of Object.entries(resume)) {
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry: unknown, index) => {
      if (typeof entry !== 'object' || entry === null) return;
      for (const field of DATE_FIELDS) {
        const value = (entry as Record<string, unknown>)[field];
        // What is no date at all, the validator has reported.
        if (typeof value !== 'string' || !DATE.test(value)) continue;
        const problem = describeDate(value);
        if (problem) problems.push(`${section}[${index}].${field}: ${problem}`);
      }
    });
  }
  return problems;
}

/** Why `value` is not a date as JSON Resume writes them (YYYY, YYYY-MM, YYYY-MM-DD), or undefined. */
export function describeDate(value: string): string | undefined {
  const match = DATE.exec(value);
  if (!match) return `${JSON.stringify(value)} is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD`;
  const [, year, month, day] = match;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) {
    return `${JSON.stringify(value)} has no month ${month}: months are 01 to 12`;
  }
  if (day !== undefined) {
    const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
    if (Number(day) < 1 || Number(day) > last) return `${JSON.stringify(value)} is not a day of ${year}-${month}: it has ${last} days`;
  }
  return undefined;
}
