import { parseConfig } from '../config.js';
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
  const problem = await writeNewFile(output, result.yaml, values['force'] === true);
  if (problem) {
    io.err(problem);
    return 1;
  }
  const counts = Object.entries(countSections(result.profile))
    .map(([section, count]) => `${count} ${section}`)
    .join(', ');
  io.out(`wrote ${output}: valid (${counts})`);
  io.out(`next: npx portfolio-bot validate ${output}, then PROFILE_PATH=${output} npm start (or npx portfolio-bot preview)`);
  return 0;
}
