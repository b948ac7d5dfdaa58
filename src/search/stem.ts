// Inflections folded for matching: "led", "leading" and "leads" meet "lead";
// "won", "wins" and "winning" meet "win"; "studied" meets "study". An irregular
// verb form is first taken to its base (wink-lexicon's table of English
// irregular verbs: "led" → "lead"), then Porter's stemmer (version 2, from
// wink-porter2-stemmer) takes suffixes off. Only inflections meet: a word
// whose stem drops more than an inflection's ending ("computer", "management")
// keeps itself as its key, so that "computing" does not find "computer vision".
// A key is for matching, never shown. wink-lemmatizer was tried first: it reads WordNet's whole word list on
// load, too slow for a cold start (docs/answers.md has the figures).
import porter2 from 'wink-porter2-stemmer';
import winkIrregularVerbs from 'wink-lexicon/src/irregular-verbs.js';

/** wink-lexicon's table of irregular verbs, with the few common forms it lacks ("became"). */
const irregularVerbs: Readonly<Record<string, string>> = {
  ...winkIrregularVerbs,
  became: 'become',
  overcame: 'overcome',
  understood: 'understand',
  undertook: 'undertake',
  // "goes" and "does" reach here as the search's singular cuts them ("goe", "doe"): the verb's third person.
  goe: 'go',
  doe: 'do',
};

/** Stems remembered (questions repeat their words); the oldest is forgotten first. */
const CACHE_SIZE = 5000;
const cache = new Map<string, string>();

/** What an inflection adds to a stem: "manag|ed", "studi|es", "win|ning" (a doubled last letter). */
const INFLECTION = /^(?:|e|s|es|ed|d|ing|y|ies|ied|ly)$/;

/** The matching key of a folded word: "leading" → "lead", "won" → "win". Words with digits, and short ones, stay as they are. */
export function stemOf(word: string): string {
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const key = keyOf(word);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(word, key);
  return key;
}

/** Every irregular form of a base verb: "lead" → ["led"], "win" → ["won"]. */
const irregularForms = new Map<string, string[]>();
for (const [form, base] of Object.entries(irregularVerbs)) {
  if (form === base) continue;
  const forms = irregularForms.get(base);
  if (forms) forms.push(form);
  else irregularForms.set(base, [form]);
}

/**
 * The words that may be inflections of `word` ("managed" → manage, manages,
 * managing…; "led" → lead, leads, leading…): candidates to look up in a
 * vocabulary, each to be confirmed by its own key. Generated rather than indexed,
 * so that no table of the vocabulary's keys needs building.
 */
export function inflectionsOf(word: string): string[] {
  const key = stemOf(word);
  if (key === word && !/^[a-z]+$/.test(word)) return [];
  const base = Object.hasOwn(irregularVerbs, word) ? (irregularVerbs[word] as string) : undefined;
  const roots = new Set([key, word, ...(base ? [base] : [])]);
  if (key.endsWith('i')) roots.add(`${key.slice(0, -1)}y`);
  const out = new Set<string>();
  for (const root of roots) {
    out.add(root);
    for (const ending of ['e', 's', 'es', 'ed', 'd', 'ing', 'y', 'ies', 'ied', 'ly']) out.add(root + ending);
    const last = root[root.length - 1] ?? '';
    out.add(`${root}${last}ing`).add(`${root}${last}ed`);
    if (root.endsWith('y')) for (const ending of ['ies', 'ied', 'ying']) out.add(root.slice(0, -1) + ending);
    if (root.endsWith('e')) out.add(`${root.slice(0, -1)}ing`);
    for (const form of irregularForms.get(root) ?? []) out.add(form);
  }
  return [...out].filter((form) => form !== word && stemOf(form) === key);
}

function keyOf(word: string): string {
  if (word.length < 3 || /\d/.test(word)) return word;
  if (Object.hasOwn(irregularVerbs, word)) return porter2(irregularVerbs[word] as string);
  const stem = porter2(word);
  // Porter writes a final "y" as "i": "study" → "studi".
  const root = word.startsWith(stem) ? stem : stem.endsWith('i') && word.startsWith(`${stem.slice(0, -1)}y`) ? stem.slice(0, -1) : '';
  if (!root) return word;
  let rest = word.slice(root.length);
  if (rest.length > 2 && rest[0] === root[root.length - 1]) rest = rest.slice(1); // "win|n|ing"
  return INFLECTION.test(rest) || (root !== stem && INFLECTION.test(`y${rest}`)) ? stem : word;
}
