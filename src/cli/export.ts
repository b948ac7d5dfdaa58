import { loadPortfolio } from '../bot/load.js';
import { parseConfig } from '../config.js';
import { exportResume } from '../resume/export.js';
import { writeNewFile } from '../resume/files.js';
import { UsageError, type CliCommand } from './types.js';

export const FORMATS = ['json-resume'] as const;

export const run: CliCommand = async ({ values, positionals }, io) => {
  const format = values['format'] ?? 'json-resume';
  if (format !== 'json-resume') throw new UsageError(`unknown format ${JSON.stringify(format)}: the one format is json-resume`);
  const file = positionals[0] ?? parseConfig().PROFILE_PATH;
  const loaded = await loadPortfolio(file);
  if (!loaded.portfolio) {
    for (const line of loaded.problems) io.err(line);
    io.err(`${file}: not exported (${loaded.total} problem${loaded.total === 1 ? '' : 's'})`);
    return 1;
  }
  const includePrivate = values['private'] === true;
  const text = JSON.stringify(exportResume(loaded.portfolio.profile, { includePrivate }), null, 2) + '\n';
  const output = typeof values['output'] === 'string' ? values['output'] : '-';
  if (output === '-') {
    io.out(text.trimEnd());
    return 0;
  }
  const problem = await writeNewFile(output, text, values['force'] === true);
  if (problem) {
    io.err(problem);
    return 1;
  }
  io.out(`wrote ${output}: a JSON Resume of ${file}${includePrivate ? ', with the private phone number in basics.phone' : ''}`);
  return 0;
};
