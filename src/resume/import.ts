// `portfolio-bot import resume.json`: a JSON Resume in, a commented profile YAML
// out. A pure function of the résumé's text (no file is read or written here),
// so that the CLI, `init --from` and the community profiles (issue #17) share it.
//
//   importResume(jsonText, 'resume.json') →
//     { yaml, profile }            the YAML validates: profile is what the loader makes of it
//     { yaml, problems }           the YAML does not validate (or, with yaml '', the résumé is refused)
//   and in both cases `unplaced`: the résumé's facts with no field in the profile,
//   also listed at the end of the YAML, and `notes`: what to fill in.
import { Document, isCollection, isMap, isScalar, type Node as YamlNode } from 'yaml';
import { parseProfile } from '../profile/load.js';
import { ProfileError } from '../profile/problems.js';
import type { Profile } from '../profile/schema.js';
import { checkResume } from './check.js';
import { Draft, type UnplacedFact, type YamlNote } from './draft.js';
import { mapResume } from './map.js';

export type { UnplacedFact } from './draft.js';

export interface ImportOptions {
  /** Today as YYYY-MM-DD, for `updated` when the résumé has no date (default: today, UTC). */
  today?: string;
  /** What the profile is called in the problems of its validation (default "profile.yaml"). */
  profileFile?: string;
  /** The file's first comment lines, in place of "imported from …". */
  header?: readonly string[];
}

export interface ImportResult {
  /** The profile as commented YAML; '' when the résumé itself was refused. */
  yaml: string;
  /** The validated profile, when the YAML is valid. */
  profile?: Profile;
  /** Why the résumé was refused, or why the YAML does not validate: one printable line each. */
  problems: string[];
  /** Facts of the résumé with no home in the profile, as `path: value (why)`. */
  unplaced: UnplacedFact[];
  /** The values that were made up and should be filled in, as `path: what`. */
  notes: string[];
}

export function importResume(jsonText: string, fileName: string, options: ImportOptions = {}): ImportResult {
  const checked = checkResume(jsonText, fileName);
  if (!checked.resume) return { yaml: '', problems: checked.problems, unplaced: [], notes: [] };
  const draft = new Draft();
  const data = mapResume(checked.resume, draft, { today: options.today ?? new Date().toISOString().slice(0, 10) });
  const header = options.header ?? [` A portfolio-bot profile, imported from ${oneLine(fileName)} by \`portfolio-bot import\`.`];
  const yaml = renderYaml(data, draft, header);
  const notes = draft.notes.filter((note) => note.text.startsWith('FILL IN')).map((note) => `${formatPath(note.path)}: ${note.text}`);
  const base = { yaml, unplaced: draft.unplaced, notes };
  try {
    return { ...base, profile: parseProfile(yaml, options.profileFile ?? 'profile.yaml').profile, problems: [] };
  } catch (error) {
    if (!(error instanceof ProfileError)) throw error;
    return { ...base, problems: error.message.split('\n') };
  }
}

/** `work[2].location: Boston (why)`: one unplaced fact on one line. */
export function formatUnplaced(fact: UnplacedFact): string {
  const value = fact.value.replace(/\s+/g, ' ');
  return `${fact.path}: ${value.length > 160 ? `${value.slice(0, 159)}…` : value}${fact.why ? ` (${fact.why})` : ''}`;
}

function formatPath(path: YamlNote['path']): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
}

/** The profile as YAML, with a header, each note beside its value, and the unplaced facts at the end. */
function renderYaml(data: Record<string, unknown>, draft: Draft, header: readonly string[]): string {
  const doc = new Document(data);
  doc.commentBefore = [
    ...header.map(oneLine),
    ' Check it with `npx portfolio-bot validate <this file>`; try it with `npm start` or `npx portfolio-bot preview`.',
    ' Lines marked FILL IN hold placeholders for what was not said. The full schema is src/profile/schema.ts.',
  ].join('\n');
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const guide = isScalar(pair.key) ? GUIDE[String(pair.key.value)] : undefined;
      if (guide && isScalar(pair.key)) pair.key.commentBefore = ` ${guide}`;
    }
  }
  for (const note of draft.notes) {
    const node = doc.getIn(note.path, true) as YamlNode | undefined;
    const text = ` ${oneLine(note.text)}`;
    if (isScalar(node)) node.comment = node.comment ? `${node.comment};${text}` : text;
    else if (isCollection(node)) node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${text}` : text;
  }
  if (draft.unplaced.length > 0) {
    doc.comment = [
      ' NOT PLACED: facts of the résumé that have no field in the profile. Nothing shows',
      ' them: move what you want the bot to answer with into a section above, then delete this list.',
      ...draft.unplaced.map((fact) => `   ${oneLine(formatUnplaced(fact))}`),
    ].join('\n');
  }
  return doc.toString({ lineWidth: 100 });
}

/** What each section is for, above it: the starter's comments, for every imported profile. */
const GUIDE: Readonly<Record<string, string>> = {
  site: 'Where your site lives: links that start with "/" (e.g. /files/cv.pdf) are resolved against it.',
  updated: 'When you last updated this file (YYYY-MM-DD).',
  identity: 'Who the bot speaks of. Contact link kinds: github, email, twitter, linkedin, resume, website.',
  about: 'Short topics for /about and for questions: background, interests, free time, awards.',
  education: 'Degrees and schools, for /about and "where did she study?".',
  experience: 'Roles, newest first: start and end as YYYY-MM (leave end out while you are still there).',
  research: 'Papers and research in progress, for /research.',
  learning: 'Courses and certificates, for /learning.',
  blogs: 'Posts and tutorials (kind: blog or tutorial), for /blogs.',
  categories: 'Projects are grouped by category for /projects.',
  projects:
    'Tags and aliases are how people find a project: add the words they would type.\n' +
    ' Link kinds: repo, report, paper, demo, gist, competition, post. Status: active, unmaintained or dropped.',
  skills: 'Skills by level; tags are other names people may ask for ("does she know pandas?").',
};

/** A comment is one line: a résumé's line breaks (or a hostile "\n key: value") must not start YAML of their own. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
}
