// The small general vocabulary a question is read with, beside the profile's own
// words: everyday English that asks about someone's work. It does two jobs. A
// typo in an everyday word is corrected to it ("wat" is slang for "what", "buid"
// is read as "build") instead of being searched for in the profile; and a word
// that is neither here nor in the profile is one the profile cannot place, which
// the answer says plainly ("his profile doesn't mention “medal”"). So it holds the
// words of asking, not topics: "salary", "medal" or "gpu" are not in it, because
// a question about them asks something the profile may not say.
//
// It also holds the words the rules (./rules.ts) read that no profile may have ("reside",
// "mother tongue", "ring him"), so that the typo layer never reads them as another word.
//
// Words are base forms; inflections meet them through the search's stem keys.
import type { ContactKind } from '../profile/schema.js';
import { americanSpelling } from '../search/normalise.js';

/** Chat spellings for everyday words (lower case), read before any typo correction. */
export const SLANG: Readonly<Record<string, string>> = {
  wat: 'what',
  wht: 'what',
  wats: "what's",
  whats: "what's",
  wut: 'what',
  wot: 'what',
  r: 'are',
  u: 'you',
  ur: 'your',
  y: 'why',
  w: 'with',
  'w/o': 'without',
  'w/': 'with',
  // "optimizer shootouts": a comparison, as the field says it.
  shootout: 'comparison',
  shootouts: 'comparisons',
  wo: 'without',
  hes: 'he is',
  shes: 'she is',
  theyre: 'they are',
  im: 'i am',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  smth: 'something',
  sth: 'something',
  abt: 'about',
  bc: 'because',
  cuz: 'because',
  coz: 'because',
  tho: 'though',
  ppl: 'people',
  n: 'and',
  dont: "don't",
  doesnt: "doesn't",
  didnt: "didn't",
  isnt: "isn't",
  wasnt: "wasn't",
  hasnt: "hasn't",
  havent: "haven't",
  cant: "can't",
  wanna: 'want to',
  gimme: 'give me',
  ph: 'phone',
  mob: 'mobile',
  num: 'number',
  lemme: 'let me',
  gonna: 'going to',
  gotta: 'got to',
  kinda: 'kind of',
  prolly: 'probably',
  rn: 'right now',
  fav: 'favourite',
  fave: 'favourite',
  thingy: 'thing',
  rec: 'recommendation',
  recs: 'recommendations',
  any1: 'anyone',
  some1: 'someone',
  rite: 'right',
  b4: 'before',
  stuffs: 'stuff',
};

/**
 * Short forms people type for longer words, each with the words it may stand
 * for, most likely first: "comp" is a competition in one profile and a computer
 * in another. A question reads the first the profile has (its own vocabulary
 * decides), or the first that is an everyday word; with neither, the short form
 * stays as typed. The search folds a few more on both sides (src/search/normalise.ts).
 */
export const SHORT_FORMS: Readonly<Record<string, readonly string[]>> = {
  comp: ['competition', 'computer', 'comparison'],
  comps: ['competitions', 'computers'],
  acc: ['accuracy'],
  gh: ['github'],
  lb: ['leaderboard'],
  lib: ['library'],
  libs: ['libraries'],
  repo: ['repository'],
  repos: ['repositories'],
  proj: ['project'],
  projs: ['projects'],
  uni: ['university'],
  univ: ['university'],
  exp: ['experience'],
  yr: ['year'],
  yrs: ['years'],
  info: ['information'],
  algo: ['algorithm'],
  algos: ['algorithms'],
  mgmt: ['management'],
  dev: ['development', 'developer'],
  perf: ['performance'],
  eval: ['evaluation'],
  val: ['validation'],
  docs: ['documentation'],
  pic: ['picture'],
  pics: ['pictures'],
  msg: ['message'],
  stats: ['statistics'],
  arch: ['architecture'],
  param: ['parameter'],
  params: ['parameters'],
  env: ['environment'],
  config: ['configuration'],
  gig: ['job'],
  // The field's own short forms: the first the profile has.
  tf: ['tensorflow'],
  torch: ['pytorch'],
  aug: ['augmentation'],
  augs: ['augmentations'],
  grad: ['gradient'],
  grads: ['gradients'],
  net: ['network'],
  nets: ['networks'],
  nn: ['neural network'],
  lr: ['learning rate'],
  bs: ['batch size'],
  pkg: ['package'],
  lang: ['language'],
  imgs: ['images'],
  img: ['image'],
  strat: ['stratification', 'strategy'],
  org: ['organisation', 'organization', 'company'],
  // Everyday words for what a profile may call otherwise: the first the profile has.
  lesson: ['lecture', 'class'],
  lessons: ['lectures', 'classes'],
  boss: ['manager'],
  webdev: ['web development'],
  frontend: ['web development'],
};

/**
 * Short names of fields of work, read when a skill is asked about ("is he good at
 * cv?"): elsewhere "cv" is a résumé. Only the skill lookup reads these.
 */
export const FIELD_SHORT_FORMS: Readonly<Record<string, string>> = {
  cv: 'computer vision',
  nlp: 'natural language processing',
  rl: 'reinforcement learning',
  ds: 'data science',
  de: 'data engineering',
  swe: 'software engineering',
  llm: 'large language models',
  llms: 'large language models',
  gan: 'generative adversarial networks',
  cnn: 'convolutional neural networks',
  cnns: 'convolutional neural networks',
  mlops: 'machine learning operations',
  devops: 'development operations',
};

/**
 * What each kind of public link is, in everyday words: code lives on GitHub
 * whatever the profile. A profile's own tags on a link add to these.
 */
export const CONTACT_WORDS: Readonly<Record<ContactKind, string>> = {
  github: 'github code source repository repositories repo open source',
  email: 'email mail inbox',
  twitter: 'twitter tweets',
  linkedin: 'linkedin professional profile',
  resume: 'resume cv',
  website: 'website homepage home page personal site',
};

/** Words that only colour a chat message: never a topic. */
export const INTERJECTIONS =
  'lol lmao lmfao rofl bro bruh dude man yo nah naw yeah yea ya yep nope hmm hm uh um ok okay k pls plz tho fr ngl tbh idk btw'.split(' ');

const WORDS = `
a about above across actually after again against ago all almost along already also although always am among an and another any
anybody anyone anything anyway anywhere are around as ask at away back bad based be because become been before being below best
better between big bigger biggest both bring build busy but by call can care certain change check come could currently day
describe detail did different do does doing done down during each early easy either else end enough even ever every everybody
everyone everything exactly example explain far favourite feel few find fine first for found free from full get give go going good
got great had happen hard has have he hear hello help her here hers herself hey hi him himself his hold how however i if important
in include info information into is it its itself just keep kind know large last late later least less let level like likely
little long look lot lots made main make many may maybe me mean meaning mention might mine more most much must my myself name near
need never new next nice no none nor not nothing now of off often old on once one only or other our out over own part particular
past people person personally please plus point pretty probably put quick quite rather real really recent recently right same say
see seem she should show side similar since small so some somebody someone something sometimes soon sort start still stuff such
sure take talk tell than thank thanks that the their them then there these they thing think this those though through till time title
to today together too top total true try turn type under until up upon us use used usual usually very want was way we well went
were what whatever when where whether which while who whole whom whose why will wish with within without work would yeah yes yet
you your yours
ability able accomplish achieve active actual add advice ago aim apply approach area around available aware basic become begin
believe bit career case cause chance choose claim clear code college common company complete consider continue cool course create
according attend current deal expect decide deep degree deliver develop doing
drive earn easy effect effective effort employ enjoy enter entire especially
experience expert fact fail fan field finish focus follow fun get goal guy handle hang happen hire hobby hold hope idea impressive
improve interest involve job join kid leave learn level live lead love manage matter meet mind miss mostly move natural nearly
normal notice obviously offer open opinion order organize outside pay perhaps pick place plan play plenty possible practice prefer
prepare present probably problem process proud provide pursue question quickly quite ready reason recommend regular remember
require result role run school seem serious set share skill solve speak spend stand stay stop strong study success suggest support
team tend thanks thing think topic tough train travel trouble understand usual value various view wait watch win wonder word world
worth write wrong year young
high higher highest low lower lowest form learner rewrite rewritten somewhere everywhere nowhere load loading loaded
active maintained unmaintained abandoned dropped discontinued incomplete unfinished ongoing
expertise intern internship mother tongue alma mater reside ring sing git promote promotion cover
notable significant major quit bother instead portfolio related kindly
`;

/** The general vocabulary, lower case, each word also in the form words are matched in ("favourite" and "favorite"). */
export const GENERAL_WORDS: ReadonlySet<string> = new Set(
  [...WORDS.split(/\s+/).filter(Boolean), ...INTERJECTIONS].flatMap((word) => [word, americanSpelling(word)]),
);
