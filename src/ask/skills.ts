// Looking a named thing up in the profile's skills: by the skill's name or a
// part of it ("Pandas" in "NumPy, Pandas, Matplotlib, Jupyter"), then by its
// tags, then by a phrase inside what was asked ("python programming"), then
// allowing a typo (the search's typo layer, over the skills' names and tags). A
// thing that matches none of these is not a skill: never the nearest skill by
// chance.
import type { Profile, Skill, SkillLevel } from '../profile/schema.js';
import { SKILL_LEVELS } from '../profile/constants.js';
import { tokenize } from '../search/normalise.js';
import { createTypoLayer, type TypoLayer } from '../search/typos.js';
import { FIELD_SHORT_FORMS } from './vocabulary.js';

export interface SkillMatch {
  /** The skill as the profile lists it. */
  skill: Skill;
  level: SkillLevel;
  /** What to call it in an answer: the matching part of its name, or its name. */
  shown: string;
  /** How it matched: its name, one of its tags, or its name or a tag with a typo. */
  via: 'name' | 'tag' | 'typo';
}

interface SkillKey {
  key: string;
  compact: string;
  skill: Skill;
  level: SkillLevel;
  shown: string;
  via: 'name' | 'tag';
}

/** Single words too general to stand for a skill on their own when part of a longer phrase. */
const GENERIC = new Set(
  (
    'programming program language development developer learning deep machine data model framework library tool web computer ' +
    'science network system software engineering code coding vision design analysis'
  ).split(' '),
);

interface SkillIndex {
  keys: SkillKey[];
  /** Over the keys without spaces: "tensorflw" → "tensorflow". */
  typos: TypoLayer;
}

const indexCache = new WeakMap<Profile, SkillIndex>();

function skillIndex(profile: Profile): SkillIndex {
  const cached = indexCache.get(profile);
  if (cached) return cached;
  const keys: SkillKey[] = [];
  for (const level of SKILL_LEVELS) {
    for (const skill of profile.skills[level]) {
      const add = (text: string, shown: string, via: 'name' | 'tag') => {
        const key = tokenize(text).join(' ');
        if (key) keys.push({ key, compact: key.replace(/ /g, ''), skill, level, shown, via });
      };
      add(skill.name, skill.name, 'name');
      const parts = skill.name.split(/\s*(?:,|\+|\/|&|\band\b)\s*/);
      if (parts.length > 1) for (const part of parts) if (part.trim()) add(part, part.trim(), 'name');
      for (const tag of skill.tags ?? []) add(tag, skill.name, 'tag');
    }
  }
  const index = { keys, typos: createTypoLayer(keys.map((k) => k.compact)) };
  indexCache.set(profile, index);
  return index;
}

const LEVEL_RANK = new Map(SKILL_LEVELS.map((level, index) => [level, index]));
const VIA_RANK = { name: 0, tag: 1, typo: 2 } as const;

/**
 * The skills `tokens` (the folded words of the thing asked about, without
 * question words) name, best level first; [] when it names none.
 */
export function findSkills(tokens: readonly string[], profile: Profile): SkillMatch[] {
  if (tokens.length === 0) return [];
  const { keys, typos } = skillIndex(profile);
  const phrase = tokens.join(' ');

  const exact = (text: string): SkillMatch[] => {
    const named = keys.filter((k) => k.via === 'name' && k.key === text);
    const found = named.length > 0 ? named : keys.filter((k) => k.via === 'tag' && k.key === text);
    return found.map((k) => ({ skill: k.skill, level: k.level, shown: k.shown, via: k.via }));
  };

  let found = exact(phrase);
  // A phrase inside what was asked: longest first ("python programming" → "python").
  for (let size = tokens.length - 1; found.length === 0 && size >= 1; size--) {
    for (let start = 0; start + size <= tokens.length; start++) {
      const words = tokens.slice(start, start + size);
      if (size === 1 && GENERIC.has(words[0] ?? '')) continue;
      found.push(...exact(words.join(' ')));
    }
  }
  // "cv", "nlp": a field's short name, as its long one.
  const long = tokens.length === 1 ? FIELD_SHORT_FORMS[phrase] : undefined;
  if (found.length === 0 && long) found = exact(tokenize(long).join(' '));
  if (found.length === 0) found = typoMatches(phrase.replace(/ /g, ''), keys, typos);
  return rank(found);
}

/** Keys nearest to what was typed, ignoring spaces, within the typo layer's allowance: "pytroch", "tensorflw". */
function typoMatches(compact: string, keys: readonly SkillKey[], typos: TypoLayer): SkillMatch[] {
  const near = typos.lookup(compact);
  const best = new Set(near.filter(({ edits }) => edits === near[0]?.edits).map(({ term }) => term));
  return keys.filter((k) => best.has(k.compact)).map((k) => ({ skill: k.skill, level: k.level, shown: k.shown, via: 'typo' as const }));
}

/** One match per skill (its best way of matching), expert first, then by how it matched. */
function rank(matches: readonly SkillMatch[]): SkillMatch[] {
  const best = new Map<Skill, SkillMatch>();
  for (const match of matches) {
    const seen = best.get(match.skill);
    if (!seen || VIA_RANK[match.via] < VIA_RANK[seen.via]) best.set(match.skill, match);
  }
  return [...best.values()].sort(
    (a, b) => (LEVEL_RANK.get(a.level) ?? 9) - (LEVEL_RANK.get(b.level) ?? 9) || VIA_RANK[a.via] - VIA_RANK[b.via],
  );
}
