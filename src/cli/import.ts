import { parseConfig } from '../config.js';
import type { Profile } from '../profile/schema.js';
import { countSections } from '../profile/summary.js';
import { readResumeFile, writeNewFile } from '../resume/files.js';
import { formatUnplaced, importResume } from '../resume/import.js';
import { UsageError, type CliCommand, type CliIO, type ParsedArgs } from './types.js';

export const run: CliCommand = async ({ values, positionals }, io) => {
  const source = positionals[0];
  if (source === undefined) throw new UsageError('expected a JSON Resume file: import resume.json');
  return importFile(source, { values, positionals }, io);
};

/** `import FILE` and `init --from FILE`: the résumé read, mapped, checked, written. */
export async function importFile(source: string, { values }: ParsedArgs, io: CliIO): Promise<number> {
  const output = typeof values['output'] === 'string' ? values['output'] : parseConfig().PROFILE_PATH;
  const read = await readResumeFile(source);
  if ('problem' in read) {
    io.err(read.problem);
    return 1;
  }
  const result = importResume(read.text, source, { profileFile: output === '-' ? 'profile.yaml' : output });
  if (result.yaml === '' || !result.profile) {
    for (const line of result.problems) io.err(line);
    io.err(result.yaml === '' ? `${source}: not imported` : `${source}: the profile made from it does not validate; nothing written`);
    return 1;
  }
  if (result.unplaced.length > 0) {
    io.err(`${result.unplaced.length} fact${result.unplaced.length === 1 ? '' : 's'} of ${source} have no field in the profile;`);
    io.err(`they are listed at the end of the file, under NOT PLACED:`);
    for (const fact of result.unplaced) io.err(`  ${formatUnplaced(fact)}`);
  }
  if (result.notes.length > 0) {
    io.err(`To fill in (marked FILL IN in the file):`);
    for (const note of result.notes) io.err(`  ${note}`);
  }
  if (output === '-') {
    io.out(result.yaml.trimEnd());
    return 0;
  }
  if (!(await writeProfile(output, result.yaml, result.profile, values['force'] === true, io))) return 1;
  io.out(`next: npx portfolio-bot validate ${output}, then PROFILE_PATH=${output} npm start (or npx portfolio-bot preview)`);
  return 0;
}

/**
 * Writes a new profile file (never over an existing one unless `force`) and says what it holds;
 * false, with the reason on stderr, when it could not be written. Shared by import and init.
 */
export async function writeProfile(output: string, yaml: string, profile: Profile, force: boolean, io: CliIO): Promise<boolean> {
  const problem = await writeNewFile(output, yaml, force);
  if (problem) {
    io.err(problem);
    return false;
  }
  const counts = Object.entries(countSections(profile))
    .map(([section, count]) => `${count} ${section}`)
    .join(', ');
  io.out(`wrote ${output}: valid (${counts})`);
  return true;
}
