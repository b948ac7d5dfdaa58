// Query and document normalisation, applied identically to both sides so that
// "Multi-Channel ResNets", "multichannel resnet" and "multi channel resnets" meet.
import { INVISIBLE } from '../characters.js';

/** Abbreviations every profile shares; profile-specific words belong in the data's tags and aliases. */
const ABBREVIATIONS = new Map<string, string[]>(
  Object.entries({
    js: 'javascript',
    ts: 'typescript',
    py: 'python',
    ml: 'machine learning',
    dl: 'deep learning',
    nn: 'neural network',
    nns: 'neural network',
    app: 'application',
    apps: 'application',
    webapp: 'web application',
    webapps: 'web application',
    '&': 'and',
  }).map(([short, long]) => [short, long.split(' ')]),
);

/** Words that carry no meaning in a search query. */
export const STOP_WORDS = new Set(
  (
    'a an the of on in at to for from by with and or his her their he she they him them it its is are was ' +
    'were be been has have had do does did what which who whom where when how why any some all about me my i ' +
    'you your this that these those there than then also just show tell list give find enter entered take ' +
    'took part participate participated work worked done use used using know knows'
  ).split(' '),
);

// Words, decimals ("99.26") and ranks ("#1"); hyphen and underscore compounds.
const TOKEN = /#\d+|[\p{L}\p{N}]+(?:[.,]\p{N}+)*/gu;
const COMPOUND = /[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+)+/gu;
// The same on folded ASCII, where the only letters are a-z and the only numbers 0-9: plain classes
// match faster than the Unicode ones (docs/performance.md).
const ASCII_TOKEN = /#\d+|[a-z0-9]+(?:[.,][0-9]+)*/g;
const ASCII_COMPOUND = /[a-z0-9]+(?:[-_][a-z0-9]+)+/g;

/** The text without accents (letters decomposed, their marks dropped) or invisible characters, in its own letter case. */
export function unaccent(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(INVISIBLE, '');
}

/** Lower case, no accents, no invisible characters: what search compares. */
export function fold(text: string): string {
  // ASCII has no accents, no invisible characters, and is its own NFKD form.
  return !NON_ASCII.test(text) ? text.toLowerCase() : unaccent(text).toLowerCase();
}

const NON_ASCII = /[\u0080-\uffff]/;

/** Plural to singular, conservatively: "optimizers" → "optimizer", "classes" → "class", "analysis" stays. */
export function singular(word: string): string {
  // Every rule below takes off an "s": a word that does not end in one stays, with no pattern tried.
  if (word.length <= 3 || !word.endsWith('s') || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  // "boxes", "buzzes" lose "es"; "sizes", "prizes" only the "s".
  if (/(ss|sh|ch|x|zz)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is|os)$/.test(word)) return word.slice(0, -1);
  return word;
}

// British spellings and their American twins ("optimiser" and "optimizer", "colour" and "color",
// "analyse" and "analyze") are one word: every word of both sides is written the American way. The
// exceptions are general English words whose "-ise" or "-our" is no variant ("exercise", "devour";
// "pairwise", any "-wise"; words of one or two letters before the ending, "rise" or "hour", never match).
const ISE = /^([a-z]{3,})is(e|es|ed|er|ers|ing|ation|ations|ational|able)$/;
const ISE_ONLY = new Set(
  (
    'advert adv appra anticlockw bru chast circumc clockw compr comprom conc cru dem den desp dev disgu enterpr exc exerc expert ' +
    'franch improv inc likew lou merchand otherw parad porpo prec prem prom repr rev superv surm surpr telev torto treat turquo upr'
  ).split(' '),
);
const OUR = /^([a-z]{3,})our(s|ed|ing|ite|ites|itism|al|ally|able|ably|ful|less|er|ers)?$/;
const OUR_ONLY = new Set('dev cont det troubad param vel glam seym'.split(' '));
const YSE = /^([a-z]*l)ys(e|es|ed|er|ers|ing)$/;

/** The American spelling of a folded word: "optimiser" → "optimizer", "behaviour" → "behavior", "analysed" → "analyzed". */
export function americanSpelling(word: string): string {
  if (word.length < 5 || !(word.includes('is') || word.includes('our') || word.includes('ys'))) return word;
  let match = ISE.exec(word);
  if (match && !ISE_ONLY.has(match[1]!) && !match[1]!.endsWith('w')) return `${match[1]}iz${match[2]}`;
  match = OUR.exec(word);
  if (match && !OUR_ONLY.has(match[1]!)) return `${match[1]}or${match[2] ?? ''}`;
  match = YSE.exec(word);
  if (match) return `${match[1]}yz${match[2]}`;
  return word;
}

/** The words of a text, folded and singular; hyphenated and slashed compounds also yield their joined form. */
export function tokenize(text: string, skip?: ReadonlySet<string>): string[] {
  const ascii = !NON_ASCII.test(text);
  const folded = ascii ? text.toLowerCase() : fold(text);
  const matches: string[] = folded.match(ascii ? ASCII_TOKEN : TOKEN) ?? [];
  // The words are written over the matches as they are read (one array less per
  // text: every profile of a server is tokenized on each submit), or into a copy
  // once an abbreviation's expansion would overtake the reading.
  let out = matches;
  let written = 0;
  for (let read = 0; read < matches.length; read++) {
    const match = matches[read]!;
    const raw = match.includes(',') ? match.replace(/,/g, '') : match;
    if (skip?.has(raw)) continue;
    // A Map, not an object: "constructor" is no abbreviation.
    const expanded = ABBREVIATIONS.get(raw);
    if (expanded) {
      if (out === matches && written + expanded.length > read + 1) out = matches.slice(0, written);
      for (const word of expanded) out[written++] = word;
    } else out[written++] = americanSpelling(singular(raw));
  }
  out.length = written;
  // Compounds need a hyphen or an underscore: most texts have none, and the scan
  // for them was the slower half of tokenizing.
  if (folded.includes('-') || folded.includes('_')) {
    for (const compound of folded.match(ascii ? ASCII_COMPOUND : COMPOUND) ?? [])
      out.push(americanSpelling(singular(compound.replace(/[-_]/g, ''))));
  }
  // A dotted name is typed with its dot or without: "fast.ai" (and "forums.fast.ai") also yields "fastai", "node.js" "nodejs".
  if (folded.includes('.')) for (const [, name, ending] of folded.matchAll(DOTTED)) out.push(`${name}${ending}`);
  return out;
}

/** A name of three letters or more, a dot, and an ending of two or three ("fast.ai", "node.js", "socket.io"). */
const DOTTED = /\b([a-z][a-z0-9]{2,})\.([a-z]{2,3})\b/g;

/** Query words that matter: tokens without stop words (none when only stop words were typed). */
export function queryTokens(query: string): string[] {
  return tokenize(query.replace(/&/g, ' and '), STOP_WORDS);
}
