// Works for a stranger (#16.6): an invented person's realistic JSON Resume
// (tests/fixtures/resume/stranger.json: a computational biologist with six
// projects, three jobs and a volunteer role, awards, publications, a
// certificate), imported through the real entry point, then asked twenty-five
// questions with `ask --json`, as Discord would get the answers. Each answer
// must name the right entry; none may speak of the shipped profile's person,
// nor call her "he".
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths.js';
import type { ReplyPayload } from '../src/replies/index.js';
import { runCli } from './helpers/cli.js';

const STRANGER = join(REPO_ROOT, 'tests', 'fixtures', 'resume', 'stranger.json');

/** Each question, and a text the right entry's answer holds (an entry's name, a skill's level, a link). */
const QUESTIONS: [question: string, expected: string][] = [
  ['what projects has she done on genome assembly?', 'Polisher'],
  ['single-cell projects', 'scAtlas Browser'],
  ['does she have anything on contamination?', 'Kmer Sketch'],
  ['show me her metagenomics work', 'Lichen Metagenomes'],
  ['/projects variant calling', 'VarCall Pipeline'],
  ['which project teaches reproducibility?', 'Reproducible Workflows Course'],
  ['does she know python?', 'Python is one of her expert skills'],
  ['does she know nextflow?', 'Workflow engines is one of her expert skills'],
  ['is she good at kubernetes?', 'Cloud is one of her basic skills'],
  ['does she know julia?', "Julia is something she's learning"],
  ['where has she worked?', 'Senior Bioinformatician at Nordic Genome Centre'],
  ['what did she do at Helix Diagnostics?', 'Bioinformatics Engineer'],
  ['does she volunteer?', 'Software Carpentry'],
  ['has she won anything?', 'Best Poster Award'],
  ['what awards has she got?', 'Wallenberg Early Career Fellowship'],
  ['what are her publications?', 'Haplotype-aware polishing of nanopore assemblies'],
  // Her research says what was published (she has no blog posts); her spoken languages are a topic, not skills.
  ['what has she published?', 'Haplotype-aware polishing of nanopore assemblies'],
  ['what languages does she speak?', 'Swedish'],
  ['where can I see her code?', 'https://github.com/mireille-ol'],
  ['where did she study?', 'Uppsala University'],
  ['how can I contact her?', 'mireille.ol@example.net'],
  ['what is her github?', 'https://github.com/mireille-ol'],
  ['what does she do for fun?', 'Bouldering'],
  ['is she certified in AWS?', 'AWS Certified Solutions Architect'],
  ['where is she based?', 'Uppsala'],
];

/** What a reader sees of a payload: its text, and each embed's title, description, fields and footer. */
function readable(payload: ReplyPayload): string {
  const embeds = (payload.embeds ?? []).flatMap((embed) => [
    embed.author?.name ?? '',
    embed.title ?? '',
    embed.description ?? '',
    ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
    embed.footer?.text ?? '',
  ]);
  return [payload.content ?? '', ...embeds].join('\n').replace(/\*\*/g, '');
}

let env: NodeJS.ProcessEnv;
const answers = new Map<string, string>();

beforeAll(async () => {
  const profile = join(mkdtempSync(join(tmpdir(), 'pb-stranger-')), 'profile.yaml');
  const imported = await runCli(['import', STRANGER, '-o', profile]);
  expect(imported.code).toBe(0);
  env = { ...process.env, DISCORD_TOKEN: '', PROFILE_PATH: profile, LOG_LEVEL: 'error' };
  // Four at a time: each is a process of its own, as a person at a shell would run it.
  const inputs = [...QUESTIONS.map(([question]) => question), '/help', '/about', '/projects', '/skills', '/contact'];
  for (let start = 0; start < inputs.length; start += 4) {
    await Promise.all(
      inputs.slice(start, start + 4).map(async (input) => {
        const { code, stdout, stderr } = await runCli(['ask', input, '--json'], '', { env });
        expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
        answers.set(input, readable(JSON.parse(stdout) as ReplyPayload));
      }),
    );
  }
}, 180_000);

describe('a stranger imported from a JSON Resume, asked through ask --json', () => {
  it.each(QUESTIONS)('%s → %s', (question, expected) => {
    expect(answers.get(question)).toContain(expected);
  });

  it('never speaks of anyone else, nor of her as "he"', () => {
    for (const [input, text] of answers) {
      expect({ input, text }).not.toEqual({ input, text: expect.stringMatching(/\b(?:he|his|him|himself)\b/i) });
      expect({ input, text }).not.toEqual({ input, text: expect.stringMatching(/akash|palrecha|fast\.?ai|pixxel|kaggle/i) });
    }
  });
});
