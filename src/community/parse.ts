// A member's submitted document as a profile: the project's YAML, validated
// exactly as `validate` validates a profile file (every rule and cap of the
// owner's profile), with its problems as `file:line:col` lines. A document that
// is JSON is a JSON Resume.
import { parseProfile, type LoadedProfile } from '../profile/load.js';
import { describeLoadFailure, type Problems } from '../profile/problems.js';

export type ParsedMember = { loaded: LoadedProfile; format: 'yaml' | 'json-resume' } | ({ loaded?: undefined } & Problems);

/** How many problems a reply lists (the rest are counted). */
export const PROBLEMS_SHOWN = 10;

export function parseMemberDocument(text: string, filename: string): ParsedMember {
  const looksLikeJson = /^\s*[{[]/.test(text) && !/\.ya?ml$/i.test(filename);
  if (looksLikeJson) {
    return {
      problems: [
        `${filename}: JSON Resume documents are not taken yet by this version of the bot; submit your profile as YAML ` +
          '(the schema of data/profile.yaml: `portfolio-bot validate` checks it)',
      ],
      total: 1,
    };
  }
  try {
    return { loaded: parseProfile(text, filename), format: 'yaml' };
  } catch (error) {
    return describeLoadFailure(filename, error);
  }
}
