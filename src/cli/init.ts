// `portfolio-bot init`: a new profile from a few answers (name, pronoun,
// headline, GitHub user, e-mail, a first project), or `init --from resume.json`,
// which is `import`. On a terminal it asks; with input piped in it reads one
// answer a line (the tests answer that way); an answer left out becomes a
// placeholder marked FILL IN. The answers are made into a JSON Resume and
// imported, so the starter goes through the same mapping and checks as a résumé.
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { parseConfig } from '../config.js';
import { importResume } from '../resume/import.js';
import type { JsonResume } from '../resume/types.js';
import { importFile, writeProfile } from './import.js';
import type { CliCommand, CliIO } from './types.js';

interface Question {
  key: 'name' | 'pronoun' | 'headline' | 'github' | 'email' | 'project' | 'summary' | 'url';
  ask: string;
}

export const QUESTIONS: readonly Question[] = [
  { key: 'name', ask: 'Your name' },
  { key: 'pronoun', ask: 'How should the bot speak of you: he, she or they? [they]' },
  { key: 'headline', ask: 'What you do, in one line (e.g. "Research engineer working on compilers")' },
  { key: 'github', ask: 'Your GitHub user name (empty: none)' },
  { key: 'email', ask: 'A public e-mail address (empty: none)' },
  { key: 'project', ask: 'The name of a project of yours' },
  { key: 'summary', ask: 'What it does, in a sentence' },
  { key: 'url', ask: 'Its link, http(s):// (empty: none)' },
];

export type Answers = Partial<Record<Question['key'], string>>;

/** The answers as a JSON Resume, for the importer. */
export function answersToResume(answers: Answers): JsonResume {
  const github = answers.github?.replace(/^@/, '').trim();
  const pronoun = answers.pronoun?.trim().toLowerCase();
  return {
    basics: {
      name: answers.name,
      label: answers.headline,
      email: answers.email || undefined,
      ...(pronoun ? { pronouns: pronoun } : {}),
      profiles: github ? [{ network: 'GitHub', username: github, url: `https://github.com/${encodeURIComponent(github)}` }] : [],
    },
    projects: answers.project ? [{ name: answers.project, description: answers.summary, url: answers.url || undefined }] : [],
  };
}

/** One answer per question: asked on a terminal, read line by line when piped; undefined past the end of the input. */
async function readAnswers(input: Readable, output: Writable, interactive: boolean): Promise<Answers> {
  const rl = createInterface({ input, output, terminal: interactive });
  const answers: Answers = {};
  if (interactive) {
    output.write('A few questions for a starter profile (Enter skips one; you can edit the file after).\n');
    for (const question of QUESTIONS) {
      const answer = (await rl.question(`${question.ask}: `)).trim();
      if (answer) answers[question.key] = answer;
    }
    rl.close();
    return answers;
  }
  const lines: string[] = [];
  for await (const line of rl) if (lines.push(line) >= QUESTIONS.length) break;
  rl.close();
  QUESTIONS.forEach((question, index) => {
    const answer = lines[index]?.trim();
    if (answer) answers[question.key] = answer;
  });
  return answers;
}

export const run: CliCommand = async (args, io) => {
  const from = args.values['from'];
  if (typeof from === 'string') return importFile(from, args, io);
  const output = typeof args.values['output'] === 'string' ? args.values['output'] : parseConfig().PROFILE_PATH;
  const answers = await readAnswers(process.stdin, process.stderr, Boolean(process.stdin.isTTY));
  return writeStarter(answers, output, args.values['force'] === true, io);
};

export async function writeStarter(answers: Answers, output: string, force: boolean, io: CliIO): Promise<number> {
  const result = importResume(JSON.stringify(answersToResume(answers)), 'your answers', {
    profileFile: output,
    header: [' A portfolio-bot profile, started by `portfolio-bot init`.'],
  });
  if (!result.profile) {
    // An answer the profile can't take (a link that isn't one, a name too long): say which, write nothing.
    for (const line of [
      ...result.problems,
      ...result.unplaced.map((fact) => `${fact.path}: ${fact.value} (${fact.why ?? 'not placed'})`),
    ]) {
      io.err(line);
    }
    io.err('nothing written: run init again with other answers');
    return 1;
  }
  for (const fact of result.unplaced) io.err(`not used: ${fact.value} (${fact.why ?? 'no field for it'})`);
  if (!(await writeProfile(output, result.yaml, result.profile, force, io))) return 1;
  if (result.notes.length > 0) io.out(`${result.notes.length} value${result.notes.length === 1 ? '' : 's'} to fill in: look for FILL IN`);
  io.out(`next: npx portfolio-bot validate ${output}, then npm start (or npx portfolio-bot preview ${output})`);
  return 0;
}
