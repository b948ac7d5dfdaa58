// Synthetic member profiles for the community index (src/search/community.ts):
// what `npm run bench:community` measures and what tests/community-index.test.ts
// checks incremental updates on. Seeded, so a run can be replayed.
//
// Words are drawn from the shipped profile's plus made-up ones, skewed so that
// a few are common across the server and most are rare (as in a real
// community's portfolios); some are hyphenated compounds and some multi-word
// tags, so that the phrase boosts and compound tokens are exercised too.
import type { Profile } from '../../src/profile/schema.js';
import { mulberry32 } from './random.js';

export interface SyntheticServer {
  /** The words entries are made of, commonest first. */
  words: string[];
  /** A word, drawn with the server's skew. */
  pick(): string;
  /** A number in [0, 1), from the server's seeded sequence. */
  rand(): number;
  /** A member's profile: `entries` projects (seeded by `member` and `version`). */
  memberProfile(member: number, entries: number, version?: number): Profile;
  /** Queries of the kinds people type: whole names, a name's word, a typo of one, word and tag, any word. */
  queries(profiles: readonly Profile[], count: number): string[];
}

const SYLLABLES = ['ka', 'ro', 'mi', 'tel', 'san', 'vor', 'qui', 'lex', 'dra', 'po', 'nu', 'bet', 'fi', 'gon', 'ser', 'ula', 'che', 'wy'];

/** `base` is the profile members' profiles are made from (its categories, identity); its words are the common ones. */
export function syntheticServer(base: Profile, seed: number, madeUpWords = 20_000): SyntheticServer {
  const rand = mulberry32(seed);
  const shipped = [
    ...new Set(
      JSON.stringify(base)
        .toLowerCase()
        .match(/[a-z]{4,}/g) ?? [],
    ),
  ];
  const madeUp = new Set<string>();
  while (madeUp.size < madeUpWords) {
    madeUp.add(Array.from({ length: 2 + Math.floor(rand() * 3) }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join(''));
  }
  const words = [...shipped, ...madeUp];
  // rand()^3 favours the start of the list: the shipped words are the common ones.
  const pick = () => words[Math.floor(rand() ** 3 * words.length)]!;
  const phrase = (n: number) => Array.from({ length: n }, pick).join(' ');

  function memberProfile(member: number, entries: number, version = 0): Profile {
    const projects = Array.from({ length: entries }, (_, i) => ({
      id: `p-${i}`,
      name: i % 7 === 3 ? `${pick()}-${pick()} ${pick()}` : `${phrase(2)} ${member}-${i}${version ? ` v${version}` : ''}`,
      category: base.categories[i % base.categories.length]!.id,
      summary: phrase(12),
      details: [phrase(25)],
      highlights: [phrase(6)],
      tools: [pick(), pick()],
      links: [{ kind: 'repo' as const, label: 'Repo', url: `https://example.org/${member}/${i}` }],
      tags: [pick(), pick(), i % 5 === 0 ? phrase(2) : pick()],
      status: 'active' as const,
    }));
    return {
      ...base,
      identity: { ...base.identity, name: `Member ${member}`, links: [] },
      about: [],
      education: [],
      experience: [],
      research: [],
      learning: [],
      blogs: [],
      skills: { expert: [], intermediate: [], basic: [], learning: [] },
      projects,
    } as Profile;
  }

  function queries(profiles: readonly Profile[], count: number): string[] {
    const out: string[] = [];
    const typo = (w: string) => {
      const at = Math.floor(rand() * w.length);
      return w.slice(0, at) + 'qwertyuiop'[Math.floor(rand() * 10)] + w.slice(at + 1);
    };
    for (let i = 0; i < count; i++) {
      const profile = profiles[Math.floor(rand() * profiles.length)]!;
      const project = profile.projects[Math.floor(rand() * profile.projects.length)]!;
      const word = project.name.split(' ')[0]!;
      const kind = i % 5;
      out.push(
        kind === 0 ? project.name : kind === 1 ? word : kind === 2 ? typo(word) : kind === 3 ? `${word} ${project.tags[0]}` : pick(),
      );
    }
    return out;
  }

  return { words, pick, rand, memberProfile, queries };
}
