// A member's submitted document as a profile: the project's YAML, validated
// exactly as `validate` validates a profile file (every rule and cap of the
// owner's profile), with its problems as `file:line:col` lines; or a JSON Resume
// (a document that is JSON), made into a profile by the importer the CLI's
// `import` uses (src/resume/import.ts), which validates what it makes the same way.
import { createHash } from 'node:crypto';
import { parseProfile, type LoadedProfile } from '../profile/load.js';
import { describeLoadFailure, type Problems } from '../profile/problems.js';
import { importResume } from '../resume/import.js';

export type ParsedMember = { loaded: LoadedProfile; format: 'yaml' | 'json-resume' } | ({ loaded?: undefined } & Problems);

export function isJsonDocument(text: string, filename: string): boolean {
  return /\.json$/i.test(filename) || (/^\s*\{/.test(text) && !/\.ya?ml$/i.test(filename));
}

export function parseMemberDocument(text: string, filename: string): ParsedMember {
  if (isJsonDocument(text, filename)) {
    const imported = importResume(text, filename, { profileFile: filename.replace(/\.json$/i, '.yaml') });
    if (!imported.profile) return { problems: imported.problems, total: imported.problems.length };
    const revision = createHash('sha256').update(text).digest('hex').slice(0, 12);
    return { loaded: { profile: imported.profile, revision }, format: 'json-resume' };
  }
  try {
    return { loaded: parseProfile(text, filename), format: 'yaml' };
  } catch (error) {
    return describeLoadFailure(filename, error);
  }
}
