// interpretQuestion: plain text → what is asked (an Intent), from the rule table
// and the profile's search index. Pure: the same text and Portfolio give the same Intent.
import type { Portfolio } from '../bot/types.js';
import type { ContactKind, Profile, Section } from '../profile/schema.js';
import type { SearchHit } from '../search/index.js';
import { fold, queryTokens, singular, STOP_WORDS, tokenize } from '../search/normalise.js';
import {
  escapeRegExp,
  GLOBAL_FILLER,
  isOnlyFiller,
  prepareQuestion,
  subjectPattern,
  subjectWords,
  type PreparedQuestion,
} from './language.js';
import { isFactWord } from './entry-facts.js';
import { GREETING, HELP, KIND_SECTION, RULES, SMALL_TALK, THANKS, type IntentKind, type Rule } from './rules.js';
import { findSkills, type SkillMatch } from './skills.js';
import { stemOf } from '../search/stem.js';
import { isGeneralWord, readWords } from './words.js';
import { CONTACT_WORDS, GENERAL_WORDS, SHORT_FORMS } from './vocabulary.js';
import { editDistance } from '../edit-distance.js';
import { isEnglishWord } from './english.js';

/** One thing a skill question asks about ("docker" in "does he know docker and kubernetes?"). */
export interface SkillQuery {
  /** What was typed, cleaned (the user's letter case, no markdown); echo it only escaped. */
  asked: string;
  /** Its folded words. */
  tokens: string[];
  /** The skills it names, best level first; empty when it is not a skill in the profile. */
  matches: SkillMatch[];
}

/** What every intent carries, whatever its kind. */
export interface IntentBase {
  /** The rule that decided it ("fallback" when none did). */
  rule: string;
  /** The profile section the answer comes from, when one does. */
  section: Section | null;
  /** Words of the question that narrow the answer (folded, space-separated); "" when none. */
  topic: string;
  /** The same words as typed (cleaned, not escaped): what an answer echoes, escaped. */
  shown: string;
  /** True when the question names the person (a pronoun or their name). */
  aboutPerson: boolean;
  /** Words as typed that the profile cannot place (neither its words nor everyday ones): "medal", "ensembling". */
  unplaced: string[];
  /** Every folded word of the question but stop words and the person: what picks the fact of an entry. */
  words: string[];
  /** Typos read as the profile's words: [as typed, as read]. */
  corrected: [string, string][];
  /** "How many …", "how large …": the fact asked for is a number. */
  quantity: boolean;
  /** "Which version of …": the fact asked for is a version ("v2", "1.0"). */
  version: boolean;
  /** "The name of his band": the thing whose name is asked (folded), when the question asks for a name. */
  nameOf: string | null;
  /** "Which resnet …", "what batch size …": the word the question asks for (folded), when it names one. */
  head: string | null;
  /** "best", "most proud of", "favourite": one entry is asked for. */
  superlative: boolean;
  /** "his first role", "the latest", "his previous job": which of dated entries, by date. */
  ordinal: Ordinal | null;
  /** "His role before AI Lead": the role (its id) a `before` or `after` ordinal counts from. */
  anchor: string | null;
}

/** Which of dated entries a question asks for: the earliest, the latest, or the one before the latest. */
export type Ordinal = 'first' | 'latest' | 'previous' | 'before' | 'after';

/** What is asked: the common fields, and exactly the fields its kind's answer reads. */
export type Intent = IntentBase &
  (
    | { kind: Exclude<IntentKind, 'skill' | 'experience' | 'contact' | 'topic' | 'search' | 'entry'> }
    | { kind: 'skill'; /** Each thing asked about. */ skills: SkillQuery[] }
    | {
        kind: 'experience';
        /** The organisation named, as the profile spells it, or as typed when the profile has no such place. */
        organisation: string | null;
        /** True when `organisation` is one the profile lists. */
        organisationKnown: boolean;
      }
    | { kind: 'contact'; /** The one link asked for, when one is. */ contact: ContactKind | null }
    | { kind: 'topic'; /** The id of the about-section topic that answers, or null when the profile has none. */ aboutTopic: string | null }
    | { kind: 'search'; /** The matches of the topic, best first. */ hits: SearchHit[] }
    | {
        kind: 'entry';
        /** The one entry that answers: its section and id. */
        entry: { section: Section; id: string };
        /** The words that named it (an `answers` phrase, or the topic that found it). */
        named: string[];
      }
  );

/** The intent of one kind: `IntentOf<'skill'>` has `skills`. */
export type IntentOf<K extends IntentKind> = Intent & { kind: K };

/** A rule's reading of a question; `finish` adds the common fields it leaves out. */
type Reading = DistributiveOmit<
  Intent,
  | 'section'
  | 'topic'
  | 'shown'
  | 'aboutPerson'
  | 'unplaced'
  | 'corrected'
  | 'words'
  | 'quantity'
  | 'version'
  | 'nameOf'
  | 'superlative'
  | 'ordinal'
  | 'anchor'
  | 'head'
> & {
  topic?: string;
  section?: Section;
};
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface CompiledRule {
  rule: Rule;
  patterns: RegExp[];
  /** Patterns of everyday words: they decide only when nothing more specific is named. */
  weak: RegExp[];
  filler: Set<string>;
}

interface Compiled {
  rules: CompiledRule[];
  subjects: Set<string>;
  subjectRegex: RegExp;
  organisations: { name: string; folded: string }[];
  /** Any organisation as a whole word, or null with none. */
  organisationRegex: RegExp | null;
  /** Each role's title as a whole phrase, and its last word when no other role's title ends so. */
  roles: { id: string; title: RegExp; head: RegExp | undefined; place: RegExp; placeName: string; start: string }[];
}

const compiledCache = new WeakMap<Profile, Compiled>();

/** The rule table with the profile's person and organisations filled in; once per profile. */
function compile(profile: Profile): Compiled {
  const cached = compiledCache.get(profile);
  if (cached) return cached;
  const who = subjectPattern(profile);
  const organisations = [...new Set(profile.experience.map((role) => role.organisation))].map((name) => ({
    name,
    folded: prepareQuestion(name).folded,
  }));
  const orgs =
    organisations.length > 0
      ? `(?:${organisations
          .map((o) => escapeRegExp(o.folded))
          .sort((a, b) => b.length - a.length)
          .join('|')})`
      : '(?!)';
  const regex = (source: string) => new RegExp(source.replaceAll('{who}', who).replaceAll('{org}', orgs), 'du');
  const rules = RULES.map((rule) => ({
    rule,
    patterns: rule.patterns.map(regex),
    weak: (rule.weak ?? []).map(regex),
    filler: new Set(tokenize(rule.filler ?? '')),
  }));
  const subjects = new Set(subjectWords(profile).flatMap((word) => tokenize(word)));
  const organisationRegex = organisations.length > 0 ? new RegExp(`\\b${orgs}\\b`, 'u') : null;
  const lastWord = (title: string) => tokenize(title).at(-1) ?? '';
  const roles = profile.experience.map((role) => {
    const head = lastWord(role.title);
    const unique = head.length > 2 && profile.experience.filter((other) => lastWord(other.title) === head).length === 1;
    return {
      id: role.id,
      title: new RegExp(`\\b${escapeRegExp(prepareQuestion(role.title).folded)}\\b`, 'u'),
      head: unique ? new RegExp(`\\b${escapeRegExp(head)}\\b`, 'u') : undefined,
      place: new RegExp(`\\b${escapeRegExp(prepareQuestion(role.organisation).folded)}\\b`, 'u'),
      placeName: role.organisation,
      start: role.start,
    };
  });
  const compiled: Compiled = { rules, subjects, subjectRegex: new RegExp(`\\b${who}\\b`, 'u'), organisations, organisationRegex, roles };
  compiledCache.set(profile, compiled);
  return compiled;
}

/** "How close is he to graduating", "how soon can he start": a question of degree, whose word is no topic. */
const HOW_DEGREE = /\bhow (?:close|far|near|soon|often|early|late)\b/g;

/** Most words a topic keeps: a search reads no more than this usefully. */
const MAX_TOPIC_WORDS = 8;

/** What a question is about once its question words, the person and the rule's own words are removed. */
function topicOf(text: string, compiled: Compiled, filler: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const token of queryTokens(text.replace(HOW_DEGREE, 'how'))) {
    if (
      compiled.subjects.has(token) ||
      STOP_WORDS.has(token) ||
      GLOBAL_FILLER.has(token) ||
      PARTICLES.has(token) ||
      filler.has(token) ||
      out.includes(token)
    )
      continue;
    out.push(token);
  }
  return out.slice(0, MAX_TOPIC_WORDS);
}

/** Interprets a question about the profile's person. Never throws; any text gives an Intent. */
export function interpretQuestion(text: string, portfolio: Portfolio): Intent {
  const compiled = compile(portfolio.profile);
  const prepared = withoutAskerSentences(
    prepareQuestion(simpleTense(withoutFraming(numberedWords(String(text))), compiled.subjects)),
    compiled.subjects,
    compiled.subjectRegex,
    (token) => portfolio.search.knows(token) && !inPassing(token, portfolio),
  );
  const read = readWords(ownPlace(prepared, portfolio.profile, compiled.subjectRegex), portfolio.search, compiled.subjects);
  let question = read.question;
  const context: Context = {
    unplaced: read.unplaced,
    corrected: read.corrected,
    words: [],
    quantity: false,
    version: false,
    nameOf: null,
    head: null,
    superlative: false,
    ordinal: null,
    anchor: null,
  };

  const greeting = GREETING.exec(question.folded);
  if (greeting && greeting[0].length > 0) {
    const rest = question.cased.slice(greeting[0].length);
    if (!/[\p{L}\p{N}]/u.test(rest)) return finish({ kind: 'greeting', rule: 'greeting' }, question, false, context);
    question = prepareQuestion(rest);
  }
  if (SMALL_TALK.test(question.folded)) return finish({ kind: 'greeting', rule: 'greeting' }, question, false, context);
  // "Does anyone know where akash studied?": the question is what follows, when it is about the person.
  const around = ASKING_AROUND.exec(question.folded);
  if (around && compiled.subjectRegex.test(question.folded.slice(around[0].length)))
    question = prepareQuestion(question.cased.slice(around[0].length));
  if (!/[\p{L}\p{N}]/u.test(question.folded) || HELP.test(question.folded))
    return finish({ kind: 'help', rule: 'help' }, question, false, context);
  if (THANKS.test(question.folded)) return finish({ kind: 'thanks', rule: 'thanks' }, question, false, context);

  // "Ever finished 1st anywhere?": a question that starts with "ever" leaves out its subject, the person asked about.
  const aboutPerson = compiled.subjectRegex.test(question.folded) || /^ever\b/.test(question.folded);
  // A task for the bot ("draft a polite rejection email for a candidate") before any rule reads a word of it.
  if (!aboutPerson && TASK.test(question.folded))
    return finish({ kind: 'offtopic', rule: 'not-the-person' }, question, aboutPerson, context);
  context.words = tokenize(question.folded).filter(
    (token) => !compiled.subjects.has(token) && (!STOP_WORDS.has(token) || isFactWord(token)),
  );
  context.quantity = QUANTITY.test(question.folded);
  context.version = VERSION.test(question.folded);
  // The thing is the last word of its phrase, before a word that starts another: "his climbing gym in college" → "gym".
  const named = (NAME_OF.exec(question.folded)?.slice(1).find(Boolean) ?? '').split(' ').filter((word) => !STOP_WORDS.has(word));
  context.nameOf = named[named.length - 1] ?? null;
  const head = HEAD_PHRASE.exec(question.folded)?.[1] ?? HEAD.exec(question.folded)?.[1];
  context.head = head && !STOP_WORDS.has(head) && !GLOBAL_FILLER.has(head) ? (tokenize(head)[0] ?? null) : null;
  context.superlative = SUPERLATIVE.test(question.folded);
  // "Strongest", "proudest": understood as asking for one, whatever the profile's words.
  if (context.superlative) context.unplaced = context.unplaced.filter((word) => !SUPERLATIVE.test(word.toLowerCase()));
  context.ordinal = ordinalOf(question.folded);
  const relative = relativeRole(question.folded, compiled);
  if (relative) Object.assign(context, relative);
  const organisation = namesOrganisation(question, compiled);
  // "What is Pixxel?", "what's pixxel building": the place described, where the profile describes it.
  const described = organisation ? placeDescribed(question, compiled, portfolio) : undefined;
  if (described) return finish(described, question, aboutPerson, context);
  let concepts = false;
  for (const entry of compiled.rules) {
    if (!concepts && !EARLY_KINDS.has(entry.rule.kind)) {
      concepts = true;
      // "How do you win a Kaggle competition?" asks how to, not about the person; "who won the
      // ipl?" and "when does the next course start?" are about someone or something else.
      if (
        !aboutPerson &&
        (HOW_TO.test(question.folded) ||
          ADVICE.test(question.folded) ||
          (EXPLAIN.test(question.folded) && !namesAnEntry(question, compiled, portfolio)) ||
          isClockQuestion(question.folded) ||
          aboutAnother(question, compiled, portfolio))
      )
        return finish({ kind: 'offtopic', rule: 'not-the-person' }, question, aboutPerson, context);
      // "Who did he report to?", "who is his manager?": a person the profile names nowhere.
      const relation = aboutPerson ? RELATION.exec(question.folded) : null;
      if (relation && /^(?:who|whom|what(?:'s| is) the name)\b/.test(question.folded))
        return finish({ kind: 'unknown', rule: 'relation', topic: relation[0] }, question, aboutPerson, context);
      // "Has he ever met Jeremy Howard in person?": a profile records work, never who the person met.
      const meeting = aboutPerson ? MEETING.exec(question.folded) : null;
      if (meeting) return finish({ kind: 'unknown', rule: 'relation', topic: meeting[0] }, question, aboutPerson, context);
      // "Which company will he join after his degree?": a profile records what was and is, not plans it doesn't state.
      const future = aboutPerson ? FUTURE_PLAN.exec(question.folded) : null;
      if (future) return finish({ kind: 'unknown', rule: 'future', topic: future[0] }, question, aboutPerson, context);
      // "Did he team up with anyone on the protein comp?": nor who the work was done with.
      const collaboration = aboutPerson ? COLLABORATION.exec(question.folded) : null;
      if (collaboration) return finish({ kind: 'unknown', rule: 'relation', topic: collaboration[0] }, question, aboutPerson, context);
      // "where can I see his code?": the public link the profile tags with those words.
      const link = linkByTags(question, compiled, portfolio);
      if (link) return finish(link, question, aboutPerson, context);
      // Without the person, a phrase of `answers` must outweigh the words the profile lacks: "any awards or
      // prizes?" is his #1 place, "won the ipl cup?" is not.
      const concept = conceptEntry(question, compiled, portfolio);
      if (concept?.kind === 'entry' && (aboutPerson || concept.named.length >= read.unplaced.length))
        return finish(concept, question, aboutPerson, context);
    }
    // "The role he held before he was made lead": a role counted from another is a role, whatever else the words say.
    if (context.anchor && ROLE_WORD.test(question.folded) && entry.rule.kind !== 'experience' && !EARLY_KINDS.has(entry.rule.kind))
      continue;
    // "The most impressive item on his résumé" asks for one piece of work, not for the résumé.
    if (entry.rule.kind === 'resume' && context.superlative) continue;
    // "What tools did he build at Pixxel?": a place of work is more specific than a list of skills.
    if (entry.rule.kind === 'skills' && organisation) continue;
    // "Which library is he learning right now?": what he is learning, not what he knows.
    if (entry.rule.kind === 'skills' && LEARNING_NOW.test(question.folded)) continue;
    // "Which city is the Pixxel office in?" asks where the place is (roles have no location), not where the person is.
    // "He is from which city originally?": where he comes from, which a profile's location (where he is) does not say.
    if (
      entry.rule.kind === 'location' &&
      ORIGIN.test(question.folded) &&
      (entry.patterns.some((pattern) => pattern.test(question.folded)) || /\b(?:native place|home ?town)\b/.test(question.folded))
    )
      return finish({ kind: 'unknown', rule: 'origin', topic: 'hometown' }, question, aboutPerson, context);
    // "The matplotlib article, it is published in which place?": where a piece of work appeared, not where he is.
    if (entry.rule.kind === 'location' && /\bpublish\w*/.test(question.folded)) continue;
    // "In which town is his university?": where he studies, which his education says.
    if (
      entry.rule.kind === 'location' &&
      STUDY_PLACE.test(question.folded) &&
      entry.patterns.some((pattern) => pattern.test(question.folded))
    )
      return finish({ kind: 'education', rule: 'education', topic: '' }, question, aboutPerson, context);
    if (entry.rule.kind === 'location' && organisation && entry.patterns.some((pattern) => pattern.test(question.folded))) {
      const topic = topicOf(question.folded, compiled).join(' ');
      return finish({ kind: 'unknown', rule: 'place-location', topic }, question, aboutPerson, context);
    }
    for (const [index, pattern] of [...entry.patterns, ...entry.weak].entries()) {
      const match = pattern.exec(question.folded);
      if (!match) continue;
      if (index >= entry.patterns.length) {
        // An everyday word ("made", "play", "experience"): a place of work, or one entry named
        // elsewhere, is more specific than it.
        if (organisation && entry.rule.kind !== 'experience') break;
        const section = entry.rule.kind === 'topic' ? null : (KIND_SECTION[entry.rule.kind] ?? null);
        const own = new Set([...entry.filler, ...tokenize(match[0])]);
        const specific = namedElsewhere(question, compiled, portfolio, section, own);
        if (specific) return finish(specific, question, aboutPerson, context);
        // "Any hands-on NLP experience?" is experience with a skill, as "experience with NLP" is.
        const skill = entry.rule.kind === 'experience' ? skillNamed(question, compiled, portfolio, own, entry.rule.name) : undefined;
        if (skill) return finish(skill, question, aboutPerson, context);
      }
      let reading = fromRule(entry, match, question, compiled, portfolio);
      if (!reading) continue;
      // "write me a poem": a listing rule's word, but nothing the profile has, and not about the person.
      const topicWords = reading.topic ? reading.topic.split(' ') : [];
      const placed = (t: string) => portfolio.search.knows(t) || isGeneralWord(t);
      if (
        !aboutPerson &&
        reading.kind !== 'projects' &&
        LISTING_KINDS.has(reading.kind) &&
        topicWords.length > 0 &&
        !topicWords.some(placed)
      )
        reading = { kind: 'unknown', rule: 'unplaced', topic: reading.topic ?? '' };
      // The words the rule read ("strengths", "inspiring") are placed: the rule understood them.
      const span = new Set(tokenize(match[0]));
      context.unplaced = context.unplaced.filter((word) => !tokenize(word).every((token) => span.has(token) || entry.filler.has(token)));
      return finish(reading, question, aboutPerson, context);
    }
  }
  return finish(fallback(question, compiled, portfolio, aboutPerson, new Set(), context.unplaced), question, aboutPerson, context);
}

/** What every reading of one question shares. */
type Context = Pick<
  IntentBase,
  'unplaced' | 'corrected' | 'words' | 'quantity' | 'version' | 'nameOf' | 'superlative' | 'ordinal' | 'anchor' | 'head'
>;

/** Rules read before the profile's own concepts: the private number and the public links are never hijacked. */
const EARLY_KINDS = new Set<IntentKind>(['phone', 'resume', 'contact', 'location']);
/** Where someone comes from, as against where they are. */
const ORIGIN = /\b(?:originally|native place|home ?town|grew up|born|hails? from)\b/;
/** A place of study: where it is, is the education's to say. */
const STUDY_PLACE = /\b(?:universit(?:y|ies)|colleges?|campus|institutes?|institution|alma mater)\b/;
/** "Anyone know if …", "does somebody here know whether …": asking the channel a question about the person. */
const ASKING_AROUND = new RegExp(
  String.raw`^(?:does |do )?(?:any ?one|any1|anybody|some ?one|some1|somebody|u guys|you guys|y'?all)(?: here)? ` +
    String.raw`(?:know|knows)(?: (?:if|whether))? |` +
    // "The hiring manager wants to know if he can ship a web app": who wants to know is not what is asked.
    String.raw`^(?:[\w'-]+ ){0,4}(?:wants?|would like|like|needs?|asked|asks|asking|wanted) to (?:know|find out|understand|check) ` +
    // "… to know which comp he's proudest of": the question keeps its own question word.
    String.raw`(?:(?:if|whether) |(?=(?:which|what|how|when|where|why|who)\b))`,
);
/** "Is he learning", "he is currently studying": what is being learnt, asked as a verb of now. */
const LEARNING_NOW = /\b(?:is|are|he's|she's|they're) (?:\w+ )?(?:currently |still |now )?(?:learning|studying)\b/;
const ROLE_WORD = /\b(?:roles?|jobs?|positions?|titles?|posts?|designations?)\b/;
const HOW_TO = /^(?:how (?:do|can|should|would|could|does|did) (?:i|you|we|one|people|someone|anyone)|how to)\b/;
const QUANTITY = /\bhow (?:many|big|large|old)\b|\bhow much\b(?! time)|\bsize of\b|\b(?:team|group) size\b/;
const VERSION = /\bversions?\b/;
/** The word a "which …" or "what …" question asks for: "which resnet", "what batch size", "what kind of model". */
const HEAD = /^(?:so |and |ok |okay )?(?:which|what)(?: kind of| type of| sort of)? ([a-z][a-z0-9-]*)\b/;
/**
 * The same phrase when a name comes before the word asked for: "which fast.ai course is he …" asks for a
 * course, its last word before the verb.
 */
const HEAD_PHRASE = new RegExp(
  String.raw`^(?:so |and |ok |okay )?(?:which|what)(?: kind of| type of| sort of)? [a-z][a-z0-9.-]* (?:[a-z][a-z0-9.-]* )?` +
    String.raw`([a-z][a-z0-9-]*) (?:is|was|are|were|does|did|do|has|have|had|can|could|would|will)\b`,
);
/** "The name of his band", "what's his band called": the thing named (a word, not a name the question gives). */
const CALLED_ADVERBS = String.raw`(?:even|actually|exactly|again|now|officially)\b`;
const NAME_OF = new RegExp(
  String.raw`\bname of (?:the |his |her |their |that |this |a |an )?([a-z]+(?: [a-z]+)?)|` +
    // "whats his band even called": the band.
    String.raw`\bwhat(?:'s| is| was)? (?:his|her|their|the) ([a-z]+(?: (?!${CALLED_ADVERBS})[a-z]+)?)(?: ${CALLED_ADVERBS})? called\b`,
);
/**
 * Advice for the asker, not a question about the person: "what's a good learning
 * rate for adamw?", "should I learn fastai or pytorch?", "which is better, …?".
 */
const ADVICE = new RegExp(
  String.raw`^(?:what(?:'s| is| are| would be)?|which(?: is| are)?) (?:a |an |the )?(?:good|decent|reasonable|recommended|ideal|` +
    String.raw`optimal|sensible|typical|usual) |\bshould (?:i|we)\b|\bwhich (?:one )?is better\b|^(?:is|are) \w+(?: \w+)? better than\b|` +
    // A task for the bot: "write a cover letter", "recommend me a drum kit", "help me write a job description",
    // "tell me good books for …".
    String.raw`^(?:please |pls |can you |could you |would you )?(?:help me (?:to )?)?(?:write|recommend|suggest|generate|translate|` +
    String.raw`compose|draw|plan|draft|prepare) (?:me |us )?(?:a|an|some|the|my|good|great|nice|decent)\b|` +
    String.raw`^(?:please |pls |can you |could you )?(?:tell|give|show) (?:me|us) (?:some |a few )?(?:good|great|nice|decent) |` +
    // "any1 got a good drum pedal rec": a recommendation for the asker.
    String.raw`\b(?:good|decent|nice|solid|great) (?:[a-z0-9-]+ ){0,4}(?:recommendations?|suggestions?)\b|` +
    // "any1 know a good pizza place near pilani": a place for the asker to go.
    String.raw`\b(?:good|decent|nice|best|cheap|great) (?:[a-z0-9-]+ ){0,3}(?:places?|spots?|restaurants?|cafes?|shops?|hotels?|hostels?) ` +
    String.raw`(?:near|in|around|close to)\b|` +
    // "anyone know …?", "does somebody have …": asked of the channel, not of the profile.
    String.raw`^(?:does |do )?(?:any ?one|any1|anybody|some ?one|some1|somebody|u guys|you guys) (?:know|knows|got|have|has)\b|` +
    // "is 'Deep Learning for Coders' a good book to start with?", "best drum sticks for a beginner?": advice.
    String.raw`\b(?:good|best|great|decent|nice) (?:[a-z0-9-]+ ){0,2}(?:to start with|for (?:a |the )?(?:beginners?|beginers?|newbies?|noobs?))\b|` +
    // "anyone wanna jam tonite": an invitation to the channel.
    String.raw`^(?:any ?one|any1|anybody|who(?:'s)?) (?:wanna|want to|wants to|down to|up for)\b|` +
    // "best way to ensemble models for a kaggle comp?"
    String.raw`^(?:what(?:'s| is) )?(?:the )?(?:best|right|correct|easiest|fastest) (?:way|approach|method) (?:to|for|of)\b|` +
    // "best CV strategy for time series comps?": a method for the asker's own problem.
    // "gl everyone on the lb tonight", "bruh this server is dead": the channel's chatter.
    String.raw`^(?:gl|glhf|gg|good luck|best of luck)\b|\b(?:this|the) (?:server|channel|chat|discord)\b|` +
    // "any good youtube channels for lessons": resources for the asker.
    String.raw`\bany (?:good|decent|nice|great) (?:[a-z0-9-]+ ){0,3}(?:channels?|videos?|books?|resources?|sites?|websites?|apps?) ` +
    String.raw`(?:for|to|on|about)\b|` +
    String.raw`^(?:what(?:'s| is| are) )?(?:the |a |any )?(?:best|good|right|recommended) (?:[a-z0-9-]+ ){0,2}` +
    String.raw`(?:strateg(?:y|ies)|approach(?:es)?|practices?|tips?|methods?|techniques?|setups?|tricks?|schedules?|schedulers?|` +
    String.raw`hyperparam(?:eter)?s?|settings?|configs?|backbones?|schemes?)(?: (?:for|to|in|on)\b|[\s?!.]*$)|` +
    // "What is difference between MSc and MTech in India?": a definition, not his.
    String.raw`^what(?:'s| is| are)? (?:the )?differences? between\b|` +
    // "Which is the best mathematics college in India?": a ranking of places, not his.
    String.raw`^(?:(?:which|what)(?:'s| is| are)? )?(?:the )?(?:best|top|cheapest|greatest) (?:[a-z0-9-]+ ){0,3}(?:colleges?|` +
    String.raw`universit(?:y|ies)|schools?|institutes?|bootcamps?|books?|laptops?|gpus?|cit(?:y|ies)|countr(?:y|ies)|restaurants?|` +
    String.raw`companies|company) (?:in|near|around|for|under|below)\b`,
);
/** "Can someone explain progressive resizing in general terms": a lesson, unless it names a piece of his work. */
const EXPLAIN = new RegExp(
  String.raw`^(?:can|could|would|will) (?:some ?one|any ?one|somebody|anybody|you|u|you guys|u guys)(?: please| pls| plz)? explain\b|` +
    String.raw`^(?:please |pls |plz )?explain\b|\bin (?:general|simple|layman'?s?) terms\b`,
);
const SUPERLATIVE = new RegExp(
  String.raw`\b(?:best|proudest|greatest|biggest|strongest|favou?rite|top|` +
    String.raw`most (?:proud|impressive|important|successful|notable|famous|interesting))\b|\bproud\b|` +
    // "the one he brags about", "shows off the most": what he is proud of.
    String.raw`\b(?:brag|boast|show(?:s|ing)? off)`,
);
/** Ordinal words, by what they pick among dated entries. */
const ORDINALS: readonly [RegExp, Ordinal][] = [
  [/\b(?:previous|prior|former|preceding)\b/, 'previous'],
  [/\b(?:first|earliest|initial|original|1st)\b/, 'first'],
  [/\b(?:latest|last|current|currently|most recent|newest|present|now|right now)\b/, 'latest'],
];

/** "Before becoming AI Lead", "before he became a lead": a role counted from by its dates, named by its title or its last word. */
function relativeRole(folded: string, compiled: Compiled): { ordinal: Ordinal; anchor: string } | undefined {
  const relative = /\b(?:before|prior to|after)\b/.exec(folded);
  // "What was he promoted to?", "when did he get promoted": the role the promotion made.
  if (!relative) {
    const promotion = PROMOTION.test(folded) ? promotionAt(folded, compiled) : undefined;
    return promotion ? { ordinal: 'after', anchor: promotion.from } : undefined;
  }
  const rest = folded.slice(relative.index);
  const ordinal = relative[0] === 'after' ? 'after' : 'before';
  const role = compiled.roles.find((each) => each.title.test(rest)) ?? compiled.roles.find((each) => each.head?.test(rest));
  if (role) return { ordinal, anchor: role.id };
  // "Before joining Pixxel": counted from the first role there (from the last one, after it).
  const there = compiled.roles.filter((each) => each.place.test(rest)).sort((a, b) => a.start.localeCompare(b.start));
  const edge = ordinal === 'before' ? there[0] : there[there.length - 1];
  if (edge) return { ordinal, anchor: edge.id };
  // "His position at Pixxel before he got promoted": a promotion is a role that follows another at the same
  // place; counted from the promoted-to role (before it), or from the one it followed (after it).
  const promotion = PROMOTION.test(rest) ? promotionAt(folded, compiled) : undefined;
  if (!promotion) return undefined;
  return { ordinal, anchor: ordinal === 'before' ? promotion.to : promotion.from };
}

const PROMOTION = /\bpromot(?:ed|ion|ions)\b|\b(?:made|became|become|becoming|got) (?:a |an |the )?(?:lead|head|senior|manager|director)\b/;

/** The latest promotion at the place the question names, or anywhere when it names none. */
function promotionAt(folded: string, compiled: Compiled): { from: string; to: string } | undefined {
  const named = compiled.roles.filter((each) => each.place.test(folded));
  return promotionIn(named.length > 0 ? named : compiled.roles);
}

/** The latest promotion among these roles: a role and the one before it at the same place, by their ids. */
function promotionIn(roles: Compiled['roles']): { from: string; to: string } | undefined {
  const sorted = [...roles].sort((a, b) => a.start.localeCompare(b.start));
  for (let at = sorted.length - 1; at > 0; at--) {
    const to = sorted[at];
    const from = sorted
      .slice(0, at)
      .reverse()
      .find((each) => to !== undefined && each.placeName === to.placeName);
    if (to && from) return { from: from.id, to: to.id };
  }
  return undefined;
}

/**
 * "Today what is the date?", "what time is it": the clock or the calendar, asked of the bot. (Not "the
 * date of the leaderboard place": only the date, the time or the day, with nothing else asked.)
 */
function isClockQuestion(folded: string): boolean {
  const bare = folded
    .replace(/\b(?:today|now|right now|currently|please|pls|plz|exactly)\b/g, ' ')
    .replace(/[^a-z' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return /^(?:what(?:'s| is)|whats|which) (?:the |todays |today's )?(?:date|time|day|weather)(?: is it)?$|^what (?:time|day|date) is it$/.test(
    bare,
  );
}

/** A sentence about the asker ("I need the start month for our background check"): context, not the question. */
const ASKER_SENTENCE = /^(?:i|i'm|im|i've|i'd|i'll|we|we're|we've|we'd|our|my|me)\b/;
/** "Trying to work out how close he is to graduating.", "Just curious.": why the asker asks, its subject left out. */
const ASKER_PURPOSE = /^(?:just |only |mostly )?(?:trying|asking|wondering|curious|planning|hoping|checking|asking for)\b/;

/**
 * The question without the sentences about the asker, when another sentence asks
 * something ("What dates does his AI Researcher stint cover? I need the start month
 * for our background check."). A question made only of such sentences stays whole.
 */
function withoutAskerSentences(
  question: PreparedQuestion,
  subjects: ReadonlySet<string>,
  person: RegExp,
  names: (token: string) => boolean,
): PreparedQuestion {
  const sentences = question.cased.split(/(?<=[?!.])\s+/);
  if (sentences.length < 2) return question;
  // A sentence of the asker's that speaks of the person ("I'd like to lead with the one he's proudest of") is asked too.
  const kept = sentences.filter((sentence) => {
    const folded = fold(sentence);
    return !ASKER_PURPOSE.test(folded) && (!ASKER_SENTENCE.test(folded) || person.test(folded));
  });
  if (kept.length === 0 || kept.length === sentences.length) return question;
  const rest = kept.join(' ');
  const asks = queryTokens(rest.toLowerCase()).some((token) => !subjects.has(token) && !GLOBAL_FILLER.has(token));
  // "… worked on remote-sensing data in a real company. What on his record fits?": a question that points back at
  // what the asker said, and names nothing of its own, is asked of it.
  const naming = (token: string) => !RECORD.has(token) && !subjects.has(token) && !isGeneralWord(token) && names(token);
  // "Our ML stack is mostly TensorFlow. How strong is he with it?": "it" is what the asker's sentence names.
  const pronoun = IT_AT_END.exec(rest);
  if (pronoun) {
    const said = queryTokens(fold(sentences.filter((sentence) => !kept.includes(sentence)).join(' '))).filter(naming);
    if (said.length > 0) return prepareQuestion(`${rest.slice(0, pronoun.index)} ${pronoun[1]} ${said.join(' ')}?`);
  }
  if (REFERRING.test(rest.toLowerCase()) && !queryTokens(rest.toLowerCase()).some(naming)) return question;
  return asks ? prepareQuestion(rest) : question;
}

/** "… with it?", "… at them?": a pronoun at the end of the question, after the word that asks of it. */
const IT_AT_END = /\b(with|at|in|on|using|of|for) (?:it|them)\s*[?!.]*\s*$/i;

/** Words for the whole of someone's record, which point at no part of it. */
const RECORD = new Set('profile record portfolio resume cv background history experience work career job'.split(' '));
/** A question that asks of what was said before it: "what fits?", "anything that matches?", "does he have that?". */
const REFERRING = /\b(?:fits?|match(?:es)?|relevant|suits?|qualif(?:y|ies)|that|this|those|such)\b/;

/** Verbs of state that non-native speakers put in the continuous ("is he knowing", "he is having"): their plain form. */
const STATIVE: Readonly<Record<string, string>> = {
  knowing: 'know',
  having: 'have',
  understanding: 'understand',
  liking: 'like',
  wanting: 'want',
  needing: 'need',
  preferring: 'prefer',
  owning: 'own',
  possessing: 'possess',
};
const CONTINUOUS_QUESTION = /\b(is|are) ([\p{L}]+) (knowing|having|understanding|liking|wanting|needing|preferring|owning|possessing)\b/giu;
const CONTINUOUS_STATEMENT =
  /\b([\p{L}]+) (?:is|are) (knowing|having|understanding|liking|wanting|needing|preferring|owning|possessing)\b/giu;

/**
 * "Is he knowing javascript?", "he is having any publications?": asked as "does he know …", "does he have …",
 * when the subject is the person (not "what is having a good GPU worth").
 */
function simpleTense(text: string, subjects: ReadonlySet<string>): string {
  const person = (word: string) => subjects.has(word.toLowerCase());
  const does = (who: string) => (who.toLowerCase() === 'they' ? 'do' : 'does');
  return (
    text
      // "Which all tools", "what all projects" (Indian English): which, what.
      .replace(/\b(which|what) all\b/gi, '$1')
      .replace(CONTINUOUS_QUESTION, (whole, _be: string, who: string, verb: string) =>
        person(who) ? `${does(who)} ${who} ${STATIVE[verb.toLowerCase()] ?? verb}` : whole,
      )
      .replace(CONTINUOUS_STATEMENT, (whole, who: string, verb: string) =>
        person(who) ? `${does(who)} ${who} ${STATIVE[verb.toLowerCase()] ?? verb}` : whole,
      )
  );
}

/**
 * Phrases that frame a question rather than ask it, rewritten before it is read: "on his side", a role "on his CV",
 * the asker's "If I could …," and a trailing "…, not comps".
 */
const SET_ASIDE = String.raw`outside(?: of)?|other than|apart from|aside from|besides|except(?: for)?|excluding|not counting`;
const ARTICLE = String.raw`(?:(?:the|a|an|his|her|their|any) )?`;
const NOT_WORK =
  String.raw`(?!(?:of )?${ARTICLE}(?:[\w-]+ )?(?:jobs?|work|office|class(?:es)?|college|school|uni|university|studies|coding|programming|` +
  // "besides the dl course": what he studies on the side is more of his learning.
  String.raw`courses?|lessons?)\b)` +
  ARTICLE;
function withoutFraming(text: string): string {
  return (
    text
      // "Anything like that on his side?": his, not a side.
      .replace(/\bon (his|her|their) (?:side|end|part)\b/gi, 'of $1')
      // "For the AI Lead position on his CV, what was the start date?": the role, wherever it is listed.
      .replace(/\b(position|role|job|title|project|degree) (?:listed )?on (?:his|her|their) (?:cv|resume|r\u00e9sum\u00e9)\b/gi, '$1')
      // "If I could only show the hiring committee one of his projects, which …": the asker's case, not the question.
      .replace(/^if (?:i|we) [^,?]*,\s*/i, '')
      // "remote sensing experience in an actual job, not comps?": what is set aside at the end is not asked about.
      // A "not" needs its comma: "when hes not coding" is asked about.
      .replace(/(?:, ?not|,? (?:rather than|instead of)) (?:(?:the|a|an|his|her|their|any) )?[\w-]+(?: [\w-]+)?(?=\s*[?!.]|\s*$)/gi, '')
      // "… satellite imagery outside of Kaggle?", "Besides Kaggle, what …": what is set aside is not asked about, unless
      // it is work or study ("outside of work" asks for his free time).
      .replace(new RegExp(String.raw`,? (?:${SET_ASIDE}) ${NOT_WORK}[\w.-]+(?: [\w-]+)?(?=\s*[?!.]|\s*$)`, 'gi'), '')
      .replace(new RegExp(String.raw`^(?:${SET_ASIDE}) ${NOT_WORK}[^,?]*,\s*`, 'i'), '')
      // "Kindly share.", "kindly tell": politeness, not the question.
      .replace(/(?<=[?!.])\s*(?:kindly |please |pls |plz )?(?:share|tell|reply|revert|advise|let (?:me|us) know)[\s.!]*$/i, '')
      .replace(/\bkindly\s+/gi, '')
      // "at the moment", "at present": now.
      .replace(/\bat (?:the|this) moment\b|\bat present\b/gi, 'now')
  );
}

/** Ordinal and number words before or after a numbered thing ("the second part", "lecture twelve"): digits, as profiles write them. */
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  '1st': 1,
  '2nd': 2,
  '3rd': 3,
  '4th': 4,
  '5th': 5,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const NUMBERED_THINGS = 'part|lesson|lecture|week|chapter|module|unit|season|level|semester|year';
const ORDINAL_BEFORE = new RegExp(String.raw`\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th) (${NUMBERED_THINGS})\b`, 'gi');
const NUMBER_AFTER = new RegExp(
  String.raw`\b(${NUMBERED_THINGS}) (one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b`,
  'gi',
);

/** "Finished 1st", "came first", "first place": a rank, as profiles write it ("#1"). */
const FIRST_PLACE =
  /\b(?:(finish(?:ed)?|came|come|placed|ranked|got|took|won) (?:1st|first)(?: place)?|(?:1st|first) place|top (?:spot|place|position))\b/gi;

/** "4ch", "6-band": a number of an image's channels, as the field writes them ("4-channel"). */
const CHANNELS = /\b(\d+)[- ]?(?:ch|chan|chans|channels?|bands?)\b/gi;

function numberedWords(text: string): string {
  return text
    .replace(CHANNELS, '$1-channel')
    .replace(FIRST_PLACE, (_, verb: string | undefined) => (verb ? `${verb} #1` : '#1 place'))
    .replace(ORDINAL_BEFORE, (_, number: string, thing: string) => `${thing} ${NUMBER_WORDS[number.toLowerCase()] ?? number}`)
    .replace(NUMBER_AFTER, (_, thing: string, number: string) => `${thing} ${NUMBER_WORDS[number.toLowerCase()] ?? number}`);
}

/** "His company", "her employer": the place of the latest role, by name, when the profile has one. */
const OWN_PLACE = /\b(?:his|her|their) (?:company|employer|startup|start-up|workplace|firm|organi[sz]ation|office|day job)\b/i;
/** "When did he join the startup?": "the" with a word only a place of work is, in a question about the person. */
const THE_PLACE = /\bthe (?:[a-z-]+ )?(?:employer|startup|start-up)\b/i;

function ownPlace(question: PreparedQuestion, profile: Profile, subject: RegExp): PreparedQuestion {
  const match = OWN_PLACE.exec(question.cased) ?? (subject.test(question.folded) ? THE_PLACE.exec(question.cased) : null);
  if (!match) return question;
  const latest = [...profile.experience].sort((a, b) => b.start.localeCompare(a.start))[0];
  if (!latest) return question;
  const cased = `${question.cased.slice(0, match.index)}${latest.organisation}${question.cased.slice(match.index + match[0].length)}`;
  return prepareQuestion(cased);
}

function ordinalOf(folded: string): Ordinal | null {
  return ORDINALS.find(([pattern]) => pattern.test(folded))?.[1] ?? null;
}

/**
 * People around the person ("who did he report to?", "who is his manager?"): a
 * small everyday vocabulary. The profile names the people it knows of in its
 * text (an influence, an author), never by these relations.
 */
const RELATION = new RegExp(
  String.raw`\breport(?:s|ed|ing)? to\b|\b(?:his|her|their) (?:manager|boss|supervisor|mentor|advisor|adviser|guide|professor|` +
    String.raw`teammates?|team ?mates?|colleagues?|co-?workers?|girlfriend|boyfriend|wife|husband|partner|parents?|father|mother|` +
    String.raw`friends?|co-?founders?|ceo|founder|lead|team lead)\b`,
);

/**
 * Whom the work was done with: "did he team up with anyone", "has he collaborated", "his teammates" (not the
 * asker's "want to team up").
 */
const COLLABORATION = new RegExp(
  String.raw`\b(?:did|has|have|had|does|do) \w+ (?:ever )?(?:team(?:ed)? up|collaborat\w*|partner(?:ed)?(?: up)?|work(?:ed)? with any ?one)\b|` +
    String.raw`\b(?:teamed up|collaborated|partnered) with\b|\bteam ?mates?\b|\bco-?authors?\b`,
);

/** A plan: "will he join", "he will join … after completing his degree", "what will he do after graduating". */
const FUTURE_PLAN = new RegExp(
  String.raw`\b(?:will|going to|gonna|plans? to|planning to) (?:\w+ )?(?:join|work|move|do|go|pursue|study)\b.*\bafter\b|` +
    String.raw`\bafter (?:completing|finishing|his|her|their|the) (?:\w+ )?(?:degree|studies|graduation|college|msc|masters)\b` +
    String.raw`.*\b(?:join|work|do|go)\b`,
);

/** A task for the bot: "write me a cover letter", "draft a polite rejection email", "translate this". */
const TASK = new RegExp(
  String.raw`^(?:please |pls |can you |could you |would you )?(?:help me (?:to )?)?(?:write|generate|translate|compose|draft|prepare) ` +
    String.raw`(?:me |us )?(?:a|an|some|the|my)\b`,
);

/** Meeting someone: "met X", "meet X in person" (not a deadline or a goal met). */
const MEETING = new RegExp(
  String.raw`\b(?:met|meet|meeting) (?!(?:the |his |her |their |a |an |any )?` +
    String.raw`(?:deadlines?|targets?|goals?|requirements?|expectations?|criteria)\b)\w+|\bin person\b`,
);

/** "What is X", "what does X do / build / make", "tell me about X": asked of the place, not of his roles there. */
const WHAT_PLACE = new RegExp(
  String.raw`^(?:what|wat)(?:'s| is| does| do| are)? (?:the )?(?:company |startup |organi[sz]ation )?(\S+(?: \S+){0,2}?)` +
    String.raw`(?: (?:do|does|build|builds|building|make|makes|making|work on|working on|about))?\??$`,
);

/** The about entry that names the place the question asks what it is, as an entry reading; or none. */
function placeDescribed(question: PreparedQuestion, compiled: Compiled, portfolio: Portfolio): Reading | undefined {
  const asked = WHAT_PLACE.exec(question.folded.replace(/[?!.]+$/, ''))?.[1];
  const place = asked ? compiled.organisations.find((each) => each.folded === asked) : undefined;
  if (!place) return undefined;
  const doc = portfolio.search.documents.find(
    (each) => each.section === 'about' && [each.summary, ...each.body].some((text) => prepareQuestion(text).folded.includes(place.folded)),
  );
  return doc ? { kind: 'entry', rule: 'place', entry: { section: 'about', id: doc.id }, named: [place.folded] } : undefined;
}

/** Does the question name one of the profile's places of work? */
function namesOrganisation(question: PreparedQuestion, compiled: Compiled): boolean {
  return compiled.organisationRegex?.test(question.folded) ?? false;
}

/**
 * A question whose subject is someone or something else, not the person: "who
 * won the ipl last year?", "who made pytorch?" (a "who" that is not the person),
 * "when does the next fastai course start?" (a subject with an article and its own
 * verb). Unless it names an entry by name, or one entry holds all its words.
 */
function aboutAnother(question: PreparedQuestion, compiled: Compiled, portfolio: Portfolio): boolean {
  const who = WHO_ELSE.test(question.folded);
  if (STILL_OPEN.test(question.folded)) return true;
  if (!who && !THING_SUBJECT.test(question.folded)) return false;
  const all = topicOf(question.folded, compiled).filter((token) => !isFactWord(token));
  if (all.length === 0) return true;
  const known = all.filter((token) => portfolio.search.knows(token));
  const specific = known.filter((token) => !isGeneralWord(token));
  const topic = specific.length > 0 ? specific : known;
  const top = topic.length > 0 ? portfolio.search.search(topic.join(' '), { limit: 1 })[0] : undefined;
  if (!top) return true;
  // "Who made java-ml?", "who has built optimizers?" ask whose work that is: his, when a piece of his work
  // has every word. "Who made pytorch?" is about a tool he uses, "who won the ipl?" about no work of his.
  const holds = all.every((token) => isGeneralWord(token) || coversWord(top.doc, token));
  if (who) return !(WORK_SECTIONS.has(top.section) && (namesIn(top.doc, all) || holds));
  // "What does the matplotlib article cover?": a word the rules read for the entry's section ("article" for
  // writing) names the kind of thing it is; an everyday word ("cover") asks about it. Not the next one of its
  // kind ("when does the next fastai course start?"), which is no work of his.
  const lenient = specific.length > 0 && !/\b(?:next|upcoming|coming)\b/.test(question.folded);
  const ofItsKind = (token: string) => lenient && (isGeneralWord(token) || sectionWord(compiled, top.section, token));
  return !namesIn(top.doc, all) && !all.every((token) => coversWord(top.doc, token) || ofItsKind(token));
}

/** Does the question hold a word of an entry's name that is no everyday word ("lookahead", not "project")? */
function namesAnEntry(question: PreparedQuestion, compiled: Compiled, portfolio: Portfolio): boolean {
  const words = topicOf(question.folded, compiled).filter((token) => !isGeneralWord(token));
  return portfolio.search.documents.some((doc) => doc.section !== 'skills' && words.some((word) => nameStemsOf(doc).has(stemOf(word))));
}

/** Is this a word a rule of another kind reads as its own ("education" for the education rule)? */
function otherRuleWord(compiled: Compiled, token: string, kind: IntentKind): boolean {
  return compiled.rules.some((entry) => entry.rule.kind !== kind && entry.rule.kind !== 'skills' && entry.filler.has(token));
}

/** Is this a word a rule of the section reads ("article" for blogs, "comp" for projects)? */
function sectionWord(compiled: Compiled, section: Section, token: string): boolean {
  return compiled.rules.some((entry) => KIND_SECTION[entry.rule.kind] === section && entry.filler.has(token));
}

/** Sections of the person's own work: what a "who made …?" about the profile can name. */
const WORK_SECTIONS = new Set<Section>(['projects', 'blogs', 'research']);

const WHO_ELSE = /^who(?:'s|s| is| was| are| were)? \w/;
const THING_SUBJECT = new RegExp(
  String.raw`^(?:when|where|how|what|why|which)(?: \w+)? (?:do|does|did|will|would|can|could|should) ` +
    String.raw`(?:the|a|an|this|that|these|those|my|your|our|its|next)\b|` +
    // "when is the next kaggle competition?", "how much funding has pixxel raised?"
    String.raw`^(?:when|where)(?: \w+)? (?:is|are|will be) (?:the )?(?:next|upcoming)\b|` +
    // "how many gpu hours a week does kaggle give now"
    String.raw`^how (?:much|many) \w+(?: \w+){0,3} (?:has|have|had|did|does|do|is|are|was|were) (?:the |a |an )?\w+|` +
    // "Is Jeremy Howard's new book out yet?": someone else's next piece of work.
    String.raw`^(?:is|are|has|have|was|were|when|where|did|does|will) (?:[\w.]+ ){0,3}[\w.]+'s (?:new|next|latest|upcoming|recent|forthcoming)\b`,
);
/**
 * "is the jigsaw multilingual toxicity comp still accepting late subs": whether a competition is open now, which
 * is not his, even when he entered it ("is the protein atlas comp still taking late subs").
 */
const STILL_OPEN = new RegExp(
  String.raw`^(?:is|are) (?:the )?(?:[\w-]+ ){0,4}(?:comps?|competitions?|challenges?|contests?|courses?|servers?|channels?) still ` +
    String.raw`(?:open|accepting|taking|running|live|on|going|up)\b`,
);

/** Words that ask where to find something, beside what is to be found. */
const ACCESS = /\b(?:where|link|links|url|find|see|look|check|browse|view|visit|access|site|website)\b/;

/**
 * "Where can I find his code?", "where his repos at": a public link of the
 * profile's identity whose tags (or kind) hold every word that says what is
 * sought. The words come from the data: another profile tags its own links.
 */
function linkByTags(question: PreparedQuestion, compiled: Compiled, portfolio: Portfolio): Reading | undefined {
  if (!ACCESS.test(question.folded)) return undefined;
  const sought = topicOf(question.folded, compiled).filter((token) => !ACCESS_WORDS.has(token));
  if (sought.length === 0) return undefined;
  let best: { kind: ContactKind; count: number } | undefined;
  for (const link of portfolio.profile.identity.links) {
    const words = linkWords(link);
    const found = sought.filter((token) => [token, ...(SHORT_FORMS[token] ?? [])].some((form) => words.has(stemOf(singular(form)))));
    // Every word that says what is sought, bar everyday ones ("work" in "his open source work").
    const rest = sought.filter((token) => !found.includes(token));
    if (found.length === 0 || !rest.every((token) => isGeneralWord(token) || isFactWord(token))) continue;
    if (!best || found.length > best.count) best = { kind: link.kind, count: found.length };
  }
  return best ? { kind: 'contact', rule: 'link-tags', contact: best.kind } : undefined;
}

const ACCESS_WORDS = new Set([
  'where',
  'link',
  'url',
  'find',
  'see',
  'look',
  'check',
  'browse',
  'view',
  'visit',
  'access',
  'site',
  'website',
]);

const linkStems = new WeakMap<object, ReadonlySet<string>>();

/** A contact link's kind, what that kind is in everyday words, and its tags, as stem keys; once per link. */
function linkWords(link: Profile['identity']['links'][number]): ReadonlySet<string> {
  let words = linkStems.get(link);
  if (!words) {
    words = new Set(tokenize([link.kind, CONTACT_WORDS[link.kind], ...(link.tags ?? [])].join(' ')).map(stemOf));
    linkStems.set(link, words);
  }
  return words;
}

/** A search score at which one entry is the answer (the section's own rule would only list it among others). */
const ENTRY_SCORE = 0.5;

function finish(full: Reading, question: PreparedQuestion, aboutPerson: boolean, context: Context): Intent {
  const { topic = '', section, ...reading } = thingUnknown(full, question, aboutPerson, context);
  const shown = topic ? shownTopic(question.cased, topic) : '';
  return { ...reading, ...context, section: section ?? KIND_SECTION[reading.kind] ?? null, topic, shown, aboutPerson } as Intent;
}

/** Readings that answer from the profile (not a greeting, a link, a refusal). */
const ANSWERING = new Set<IntentKind>([
  'skill',
  'skills',
  'topic',
  'now',
  'research',
  'learning',
  'blogs',
  'metrics',
  'projects',
  'experience',
  'education',
  'about',
  'search',
  'entry',
]);

/**
 * A question that doesn't name the person asks about a thing; a word of it the
 * profile cannot place ("the fees for MSc at BITS", "how are the protein atlas
 * images stained") is what it asks, and the profile doesn't say: not the entry it
 * names. (A question about the person is only weakened by such a word, and an
 * everyday word misspelt past correcting is no word of the topic.)
 */
function thingUnknown(reading: Reading, question: PreparedQuestion, aboutPerson: boolean, context: Context): Reading {
  if (aboutPerson || !ANSWERING.has(reading.kind) || context.unplaced.length === 0) return reading;
  const head = THING_ASKED.exec(question.folded)?.slice(1).find(Boolean);
  if (!head || !context.unplaced.some((word) => word.toLowerCase() === head)) return reading;
  return { kind: 'unknown', rule: 'unplaced-thing', topic: tokenize(head).join(' ') };
}

/**
 * The word a question about a thing asks for: "what is the fees for …" (the noun
 * after the article), "how are the protein atlas images stained" (the participle
 * that ends the clause).
 */
const THING_ASKED = new RegExp(
  String.raw`^(?:what|which)(?:'s| is| are| was| were) the ([a-z]+)\b|` +
    String.raw`^how (?:is|are|was|were) (?:the |a |an )?(?:[a-z0-9]+ ){1,5}([a-z]+ed)\b(?=\s*(?:[,?!.;]|$))`,
);

/**
 * The entry whose `answers` (the profile's own words for what it answers: "managed
 * people", "won a competition") are all in the question, inflections folded. The
 * longest phrase wins. The question's other words must not point elsewhere: a
 * profile word the entry does not have ("kaggle" beside "won") leaves the
 * question to the rules and the search.
 */
const LIKENESS = /\b(looks?|looked|looking|seems?|sounds?|feels?|something|stuff|things?|just|kind of|sort of) like\b/g;

function conceptEntry(question: PreparedQuestion, compiled: Compiled, portfolio: Portfolio): Reading | undefined {
  // "what does a normal day look like": "like" as a likeness, not a liking ("why he likes fast.ai").
  const folded = question.folded.replace(LIKENESS, '$1');
  const tokens = queryTokens(folded).filter((token) => !compiled.subjects.has(token));
  const asked = new Set(tokens.map(stemOf));
  let best: { doc: SearchHit['doc']; phrase: string[] } | undefined;
  for (const doc of portfolio.search.documents) {
    for (const { phrase, stems } of answersOf(doc)) {
      if (stems.length === 0 || !stems.every((stem) => asked.has(stem))) continue;
      if (!best || phrase.length > best.phrase.length) best = { doc, phrase };
    }
  }
  if (!best) return undefined;
  // "Which of his projects came out of the satellite company?" asks for projects, not the text that phrase names.
  const bestSection = best.doc.section;
  if (tokens.some((token) => SECTION_WORDS.has(token) && SECTION_WORDS.get(token) !== bestSection)) return undefined;
  const named = new Set(best.phrase.map(stemOf));
  const own = stemsOf(best.doc);
  // Numbers ("part 2") point nowhere on their own; the phrase outweighs fewer words than its own.
  const elsewhere = tokens.filter(
    (token) =>
      !named.has(stemOf(token)) &&
      !GLOBAL_FILLER.has(token) &&
      !isGeneralWord(token) &&
      !/^\d+$/.test(token) &&
      portfolio.search.knows(token) &&
      !own.has(stemOf(token)),
  );
  // Everyday words of a phrase ("outside his job") outweigh nothing: "research of his own, outside of the day job" is his research.
  const weight = best.phrase.filter((word) => !isGeneralWord(word)).length;
  if (elsewhere.length > 0 && (elsewhere.length >= weight || weight < 2)) return undefined;
  return {
    kind: 'entry',
    rule: 'answers',
    entry: { section: best.doc.section, id: best.doc.id },
    named: best.phrase,
    section: best.doc.section,
  };
}

/** Words that ask for the entries of one section ("projects", "blog posts", "courses"), as tokens. */
const SECTION_WORDS = new Map<string, Section>([
  ['project', 'projects'],
  ['repo', 'projects'],
  ['repository', 'projects'],
  ['blog', 'blogs'],
  ['article', 'blogs'],
  ['tutorial', 'blogs'],
  ['course', 'learning'],
]);

const docAnswers = new WeakMap<SearchHit['doc'], { phrase: string[]; stems: string[] }[]>();

/** An entry's `answers` as words and stem keys; once per document. */
function answersOf(doc: SearchHit['doc']): { phrase: string[]; stems: string[] }[] {
  let answers = docAnswers.get(doc);
  if (!answers) {
    // A dotted name is typed with its dot or without: "fast.ai" and "fastai".
    const texts = doc.answers.flatMap((answer) => (/\w\.\w/.test(answer) ? [answer, answer.replace(/(\w)\.(\w)/g, '$1$2')] : [answer]));
    answers = texts.map((answer) => {
      const phrase = queryTokens(answer);
      return { phrase, stems: phrase.map(stemOf) };
    });
    docAnswers.set(doc, answers);
  }
  return answers;
}

const docStems = new WeakMap<SearchHit['doc'], ReadonlySet<string>>();

/** Every word of an entry, as stem keys; once per document. */
export function stemsOf(doc: SearchHit['doc']): ReadonlySet<string> {
  let stems = docStems.get(doc);
  if (!stems) {
    stems = new Set(tokenize([...doc.names, ...doc.keywords, doc.summary, ...doc.body].join(' ')).map(stemOf));
    docStems.set(doc, stems);
  }
  return stems;
}

/**
 * The search of a question's topic when it names one entry of another section
 * strongly: "which framework did he train the drought model in?" matches the
 * skills rule by "framework", but is about the Drought project.
 */
function namedElsewhere(
  question: PreparedQuestion,
  compiled: Compiled,
  portfolio: Portfolio,
  section: Section | null,
  filler: ReadonlySet<string> = new Set(),
  targets: ReadonlySet<Section> = ELSEWHERE,
  strong = false,
): Reading | undefined {
  // Beside a section's own word, everyday words alone ("pursuing" in "what degree is he pursuing?") name no entry elsewhere.
  const topic = searchTopic(question, compiled, portfolio, filler);
  // Nor a bare number ("part 1 of the course": the "1" of "1 step back" names nothing).
  if (strong && topic.every((token) => isGeneralWord(token) || /^\d+$/.test(token))) return undefined;
  if (topic.length === 0) return undefined;
  let [top, second] = portfolio.search.search(topic.join(' '), { limit: 2 });
  // Everyday words beside a specific one ("started … new v2 … library") dilute its match: the specific words alone.
  const specific = topic.filter((token) => !isGeneralWord(token));
  if ((!top || top.score < ENTRY_SCORE) && specific.length > 0 && specific.length < topic.length)
    [top, second] = portfolio.search.search(specific.join(' '), { limit: 2 });
  if (!top || top.score < ENTRY_SCORE || top.section === section || !targets.has(top.section)) return undefined;
  // Of two close entries, the one whose name holds a word asked ("the drought thing": the Drought Detection
  // Challenge, not the role that built a drought model) when the other's holds none.
  if (second && second.score >= top.score * CLEARLY_AHEAD) {
    const [topNamed, secondNamed] = [namesAWord(top, specific), namesAWord(second, specific)];
    if (!topNamed && secondNamed && targets.has(second.section) && second.section !== section) [top, second] = [second, top];
    if (topNamed !== secondNamed) second = undefined;
  }
  // One entry, clearly ahead: a word many entries share ("code") names none of them. Two close roles
  // ("the model he built for roads": both at Pixxel) name the roles, whose answer picks between them by their facts.
  if (second && second.score >= top.score * CLEARLY_AHEAD) {
    const places = new Set(compiled.organisations.flatMap((each) => tokenize(each.folded)));
    const asked = specific.filter((token) => !places.has(token));
    if (second.section !== top.section || top.section !== 'experience' || asked.length === 0) return undefined;
    return { kind: 'experience', rule: 'named-elsewhere', organisation: null, organisationKnown: false, topic: topic.join(' ') };
  }
  return fallback(question, compiled, portfolio, true, filler);
}

const profileWords = new WeakMap<readonly SearchHit['doc'][], { naming: ReadonlySet<string>; written: ReadonlySet<string> }>();

/**
 * Is the word common English that the profile uses only in passing: no entry is named, tagged or asked about by
 * it, and no entry writes it as typed ("close" is only in "closely agree"; "lecture" is the course's "Lecture 12")?
 */
function inPassing(token: string, portfolio: Portfolio): boolean {
  const documents = portfolio.search.documents;
  let words = profileWords.get(documents);
  if (!words) {
    const naming = new Set(documents.flatMap((doc) => tokenize([...doc.names, ...doc.keywords, ...doc.answers].join(' ')).map(stemOf)));
    const written = new Set(documents.flatMap((doc) => tokenize([doc.summary, ...doc.body].join(' '))));
    profileWords.set(documents, (words = { naming, written }));
  }
  return !words.naming.has(stemOf(token)) && !words.written.has(token) && isEnglishWord(token);
}

/** Sections an entry named elsewhere may come from (not the contact links, which their own rules answer). */
const ELSEWHERE = new Set<Section>(['projects', 'experience', 'education', 'research', 'learning', 'blogs', 'skills', 'about']);
/** A project question narrowed by a skill ("projects with pytorch") is still a project question. */
const NOT_SKILLS = new Set<Section>([...ELSEWHERE].filter((section) => section !== 'skills'));
/** An unknown place of work names a project, or nothing: "working in fastai" is Fast Callbacks; "google" is not GCP. */
const PROJECTS_ONLY = new Set<Section>(['projects']);
/** The share of the best score the second match must stay under for the best to be the one named. */
const CLEARLY_AHEAD = 0.8;

/**
 * The words a search reads: the topic's words the profile has (a word it lacks
 * finds nothing and would only count against every entry; the answer names it
 * instead), without the words that ask for a kind of fact ("framework",
 * "accuracy") when others remain.
 */
function searchTopic(
  question: PreparedQuestion,
  compiled: Compiled,
  portfolio: Portfolio,
  filler: ReadonlySet<string> = new Set(),
): string[] {
  const topic = topicOf(question.folded, compiled, filler).filter((token) => portfolio.search.knows(token));
  const entryWords = topic.filter((token) => !isFactWord(token));
  return entryWords.length > 0 ? entryWords : topic;
}

/** The typed words that gave the topic ("java-ml" for "java machine learning javaml"), or the topic itself. */
function shownTopic(cased: string, topic: string): string {
  const wanted = new Set(topic.split(' '));
  const words = cased
    .split(' ')
    .map((word) => word.replace(/^[^\p{L}\p{N}#]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word && tokenize(word).some((token) => wanted.has(token)));
  return words.length > 0 ? words.join(' ') : topic;
}

function fromRule(
  entry: CompiledRule,
  match: RegExpExecArray,
  question: PreparedQuestion,
  compiled: Compiled,
  portfolio: Portfolio,
): Reading | undefined {
  const { rule, filler } = entry;
  // The words a narrowing answer searches: those the profile has ("medal" would find nothing and sink the rest).
  const topic = () => {
    const all = topicOf(question.folded, compiled, filler);
    const placed = all.filter((token) => portfolio.search.knows(token));
    if (placed.length > 0) return placed.join(' ');
    // "His best project according to him": everyday words don't narrow the results to none. (A project's
    // status, "unmaintained", is an everyday word that does: the projects answer reads it.)
    return (rule.kind === 'metrics' ? all.filter((token) => !isGeneralWord(token)) : all).join(' ');
  };
  if (rule.kind === 'skills') {
    // "What cloud platforms has he used?": the skills the other words name, at their level.
    const words = topicOf(question.folded, compiled, filler).filter((token) => !TRAILING.has(token));
    const matches = words.length > 0 ? findSkills(words, portfolio.profile) : [];
    if (matches.length > 0)
      return { kind: 'skill', rule: rule.name, skills: [{ asked: shownTopic(question.cased, words.join(' ')), tokens: words, matches }] };
  }
  if (LISTING_KINDS.has(rule.kind) && !ownSectionHolds(entry, question, compiled, portfolio, filler)) {
    const targets = rule.kind === 'projects' ? NOT_SKILLS : ELSEWHERE;
    const elsewhere = namedElsewhere(question, compiled, portfolio, KIND_SECTION[rule.kind] ?? null, filler, targets, true);
    if (elsewhere) return elsewhere;
  }
  switch (rule.kind) {
    case 'contact':
      // "oversampling lib github link": the link of that entry, not the profile's GitHub.
      if (rule.contact && DEFERRING_CONTACTS.has(rule.contact)) {
        const words = new Set([...filler, ...tokenize(match[0])]);
        const entryLink = namedElsewhere(question, compiled, portfolio, 'contact', words, NOT_SKILLS);
        if (entryLink && (entryLink.kind === 'entry' || entryLink.kind === 'search')) return entryLink;
      }
      return { kind: 'contact', rule: rule.name, contact: rule.contact ?? null };
    case 'skill': {
      const skills = skillQueries(match, question, compiled, portfolio.profile);
      if (skills.length === 0) return undefined;
      // "He is expert in which all tools?": no one skill, but which of them, at that level: the skills answer.
      if (skills.every((query) => query.matches.length === 0 && query.tokens.every((token) => SKILL_KINDS.has(token))))
        return { kind: 'skills', rule: rule.name, topic: '' };
      // "His highest level of education": a word another rule reads is that rule's question, not a skill.
      if (skills.every((query) => query.matches.length === 0 && query.tokens.every((token) => otherRuleWord(compiled, token, rule.kind))))
        return undefined;
      // "Which resnet did he use for lookahead?" asks which, about an entry: not whether he uses a skill.
      if (/\b(?:which|what)\b/.test(question.folded.slice(0, match.index))) return fallback(question, compiled, portfolio, true);
      // "He is knowing how to train when one epoch is taking more than one hour?": a task, which his work may show.
      if (/^\s*how to\b/.test(match.groups?.['thing'] ?? '') && skills.every((query) => query.matches.length === 0))
        return fallback(question, compiled, portfolio, true);
      // "Has he used gradient accumulation …?", "did he write the augmentation code?": no skill, but an
      // entry may be where he did. ("Does he know java?" is still a skill question: he doesn't list it.)
      if (skills.every((query) => query.matches.length === 0) && (APPLIED.test(match[0]) || MAKING.test(match[0]))) {
        const elsewhere = namedElsewhere(question, compiled, portfolio, 'skills');
        if (elsewhere) return elsewhere;
      }
      // "Did he write his own fastai callbacks?": more than the skill is named, and one entry has it all.
      const specific = beyondSkill(skills, question, compiled, portfolio);
      if (specific) return specific;
      const applied = appliedSkill(match, skills, question, compiled, portfolio);
      return applied ?? { kind: 'skill', rule: rule.name, skills };
    }
    case 'topic': {
      const about = rule.about ?? rule.name;
      const hit = portfolio.search.search(about, { section: 'about', limit: 1 })[0];
      const holds = hit && (!rule.strict || tokenize(about).every((token) => coversWord(hit.doc, token)));
      return { kind: 'topic', rule: rule.name, aboutTopic: holds ? hit.id : null };
    }
    case 'experience': {
      const reading = experienceIntent(rule, match, question, compiled, filler);
      if (reading.kind === 'experience' && reading.organisation && !reading.organisationKnown) {
        // "working in fastai": no place of work, but maybe a project.
        return namedElsewhere(question, compiled, portfolio, 'experience', filler, PROJECTS_ONLY) ?? reading;
      }
      return reading;
    }
    case 'research':
      if (rule.name === 'published') return { kind: publishedSection(portfolio), rule: rule.name, topic: topic() };
      return { kind: rule.kind, rule: rule.name, topic: topic() };
    case 'now':
    case 'learning':
    case 'blogs':
    case 'metrics':
    case 'projects':
    case 'education':
      return { kind: rule.kind, rule: rule.name, topic: topic() };
    default:
      return { kind: rule.kind, rule: rule.name };
  }
}

/** A match in the asked section this good is the answer, even when another section matches better. */
const OWN_SECTION_SCORE = 0.3;

/**
 * Does the section the rule asks for ("has he written anything on …": his writing) have an
 * entry the topic finds? Then an entry of another section that shares more words ("pretrained
 * weights" in a project) is not what was asked.
 */
function ownSectionHolds(
  entry: CompiledRule,
  question: PreparedQuestion,
  compiled: Compiled,
  portfolio: Portfolio,
  filler: ReadonlySet<string>,
): boolean {
  const section = KIND_SECTION[entry.rule.kind];
  if (!section) return false;
  const topic = searchTopic(question, compiled, portfolio, filler).filter((token) => !isGeneralWord(token));
  if (topic.length === 0) return false;
  const [own] = portfolio.search.search(topic.join(' '), { section, limit: 1 });
  if (own !== undefined && own.score >= OWN_SECTION_SCORE) return true;
  // The search wants most words in one entry; an entry of the section holding most of them is enough.
  const needed = Math.max(2, Math.ceil(topic.length / 2));
  return portfolio.search.documents.some(
    (doc) => doc.section === section && topic.filter((token) => coversWord(doc, token)).length >= needed,
  );
}

/** Words for skills in general ("which tools", "what technologies"): no skill of their own. */
const SKILL_KINDS = new Set([
  'tool',
  'technology',
  'tech',
  'framework',
  'library',
  'language',
  'stack',
  'skill',
  'software',
  'which',
  'what',
]);

/** Links a question may name beside an entry ("the drought repo on github"): the entry's own link answers. */
const DEFERRING_CONTACTS = new Set<ContactKind>(['github', 'website', 'twitter', 'linkedin']);

/**
 * Where "published" points in this profile: its research when an entry there
 * says it was published (a status, a tag), else its writing when a piece says so,
 * else whichever section it has.
 */
function publishedSection(portfolio: Portfolio): 'research' | 'blogs' {
  const says = (section: Section) =>
    portfolio.search.documents.some((doc) => doc.section === section && [PUBLISH, PUBLICATION].some((stem) => stemsOf(doc).has(stem)));
  if (says('research')) return 'research';
  if (says('blogs')) return 'blogs';
  return portfolio.profile.research.length > 0 || portfolio.profile.blogs.length === 0 ? 'research' : 'blogs';
}

const PUBLISH = stemOf('published');
const PUBLICATION = stemOf('publication');

/**
 * A skill question that names more than the skill ("his own fastai callbacks",
 * "the v2 of fastai", "road segmentation"): when one entry outside the skills,
 * clearly ahead of the rest, has every word the skill doesn't, it is what is asked.
 */
function beyondSkill(
  skills: readonly SkillQuery[],
  question: PreparedQuestion,
  compiled: Compiled,
  portfolio: Portfolio,
): Reading | undefined {
  const [only] = skills;
  const primary = only?.matches[0];
  if (skills.length !== 1 || !only || !primary) return undefined;
  // "Does he use the fastai v2 api?": an entry named by a longer name than the skill's ("FastAI V2").
  const skillLength = tokenize(primary.shown).length;
  const thing = ` ${only.tokens.join(' ')} `;
  const named = portfolio.search.documents.filter(
    (doc) =>
      doc.section !== 'skills' &&
      doc.section !== 'contact' &&
      nameKeys(doc).some((key) => key.split(' ').length > skillLength && thing.includes(` ${key} `)),
  );
  const [byName] = named;
  if (named.length === 1 && byName)
    return { kind: 'entry', rule: 'beyond-skill', entry: { section: byName.section, id: byName.id }, named: [], section: byName.section };
  const skillWords = new Set(tokenize(`${primary.shown} ${primary.skill.name} ${(primary.skill.tags ?? []).join(' ')}`).map(stemOf));
  const extra = only.tokens.filter(
    (token) =>
      !skillWords.has(stemOf(token)) &&
      !GLOBAL_FILLER.has(token) &&
      !STOP_WORDS.has(token) &&
      !TRAILING.has(token) &&
      !isFactWord(token) &&
      portfolio.search.knows(token) &&
      !isGeneralWord(token),
  );
  if (extra.length === 0) return undefined;
  const words = only.tokens.filter((token) => portfolio.search.knows(token) && !isFactWord(token));
  const [top, second] = portfolio.search.search(words.join(' '), { limit: 2 });
  if (!top || top.section === 'skills' || top.section === 'contact') return undefined;
  if (second && second.score >= top.score * CLEARLY_AHEAD) return undefined;
  if (!extra.every((token) => coversWord(top.doc, token))) return undefined;
  return { kind: 'entry', rule: 'beyond-skill', entry: { section: top.section, id: top.id }, named: [], section: top.section };
}

/** Kinds whose answer lists a section: a question that names one entry elsewhere is about that entry. */
const LISTING_KINDS = new Set<IntentKind>(['skills', 'now', 'research', 'learning', 'blogs', 'metrics', 'projects', 'education']);

/** Verbs of making something, which a piece of work answers: "did he write the augmentation code?" */
const MAKING = /\b(?:write|wrote|written|build|built|make|made|create|created)\b/;

/** Verbs that ask whether a skill was put to work: "has he tried ULMFiT on a real dataset?" */
const APPLIED = /\b(?:has|have|had) \S+ (?:ever )?(?:used|tried|applied|worked with|played with)\b/;

/**
 * "Has he tried ULMFiT on a real dataset?" asks where a skill was used, not its
 * level: when the thing says more than the skill's name, the projects that list
 * the skill answer.
 */
function appliedSkill(
  match: RegExpExecArray,
  skills: readonly SkillQuery[],
  question: PreparedQuestion,
  compiled: Compiled,
  portfolio: Portfolio,
): Reading | undefined {
  const [only] = skills;
  const primary = only?.matches[0];
  if (skills.length !== 1 || !only || !primary || !APPLIED.test(match[0])) return undefined;
  const skillWords = new Set(tokenize(primary.shown));
  const extra = only.tokens.filter((token) => !skillWords.has(token) && !GLOBAL_FILLER.has(token) && !STOP_WORDS.has(token));
  if (extra.length === 0) return undefined;
  const words = only.tokens.filter((token) => skillWords.has(token));
  const hits = portfolio.search.search(words.join(' '), { section: 'projects', limit: 10 });
  if (hits.length === 0) return undefined;
  return { kind: 'search', rule: 'applied-skill', topic: words.join(' '), hits, section: 'projects' };
}

/** The things of a skill question: the `thing` group split at "and", "or", commas and slashes. */
function skillQueries(match: RegExpExecArray, question: PreparedQuestion, compiled: Compiled, profile: Profile): SkillQuery[] {
  const span = match.indices?.groups?.['thing'];
  if (!span) return [];
  const typed = question.cased.slice(span[0], span[1]);
  const queries: SkillQuery[] = [];
  for (const part of typed.split(/\s*(?:,|\/|&|\band\b|\bor\b|\bnor\b)\s*/i).slice(0, 5)) {
    const asked = trimFiller(part, compiled);
    const tokens = tokenize(asked).filter((token) => !compiled.subjects.has(token));
    if (tokens.length === 0 || isOnlyFiller(tokens, compiled.subjects)) continue;
    if (queries.some((query) => query.tokens.join(' ') === tokens.join(' '))) continue;
    queries.push({ asked, tokens, matches: findSkills(tokens, profile) });
  }
  return queries;
}

/** Drops question words from both ends of a typed phrase: "his pytorch at all" → "pytorch". */
function trimFiller(text: string, compiled: Compiled): string {
  const words = text.trim().split(/\s+/);
  const ignorable = (word: string, end: boolean) => {
    const tokens = tokenize(word);
    return (
      tokens.length === 0 ||
      tokens.every((t) => STOP_WORDS.has(t) || GLOBAL_FILLER.has(t) || compiled.subjects.has(t) || (end && TRAILING.has(t)))
    );
  };
  // "language models at all": "language" begins the thing, "all" ends the question.
  while (words.length > 0 && ignorable(words[0] ?? '', false)) words.shift();
  while (words.length > 0 && ignorable(words[words.length - 1] ?? '', true)) words.pop();
  return words.join(' ');
}

/** Words that end a skill question without being part of the skill: "does he know docker well?" */
const TRAILING = new Set([
  'well',
  'properly',
  'already',
  'also',
  'though',
  'too',
  'enough',
  'fluently',
  'deeply',
  'language',
  'programming',
  'all',
  'yet',
]);

function experienceIntent(
  rule: Rule,
  match: RegExpExecArray,
  question: PreparedQuestion,
  compiled: Compiled,
  filler: ReadonlySet<string>,
): Reading {
  const topic = topicOf(question.folded, compiled, filler);
  const named = compiled.organisations.find((org) => new RegExp(`\\b${escapeRegExp(org.folded)}\\b`, 'u').test(question.folded));
  if (named) {
    const orgTokens = new Set(tokenize(named.folded));
    const rest = topic.filter((token) => !orgTokens.has(token)).join(' ');
    return { kind: 'experience', rule: rule.name, organisation: named.name, organisationKnown: true, topic: rest };
  }
  const span = match.indices?.groups?.['org'];
  if (span) {
    const typed = trimFiller(question.cased.slice(span[0], span[1]), compiled);
    const tokens = tokenize(typed);
    const meaningful = tokens.filter((t) => !STOP_WORDS.has(t) && !GLOBAL_FILLER.has(t) && !compiled.subjects.has(t) && !filler.has(t));
    if (meaningful.length > 0 && !meaningful.every((t) => /^\d+$/.test(t))) {
      return { kind: 'experience', rule: rule.name, organisation: typed, organisationKnown: false };
    }
  }
  return { kind: 'experience', rule: rule.name, organisation: null, organisationKnown: false, topic: topic.join(' ') };
}

/** No rule matched: search the profile for the question's words. */
function fallback(
  question: PreparedQuestion,
  compiled: Compiled,
  portfolio: Portfolio,
  aboutPerson: boolean,
  filler: ReadonlySet<string> = new Set(),
  unplaced: readonly string[] = [],
): Reading {
  const all = topicOf(question.folded, compiled, filler);
  if (all.length === 0) return { kind: aboutPerson ? 'about' : 'unknown', rule: 'fallback' };
  const topic = searchTopic(question, compiled, portfolio, filler);
  const pointedTo = pointedAt(question, portfolio);
  // Everyday words ("since", "held") count for the search only when the profile's own words find something with them.
  const specificTopic = topic.filter((token) => !isGeneralWord(token));
  let found = topic.length > 0 ? portfolio.search.search(topic.join(' '), { limit: 10 }) : [];
  if (found.length === 0 && specificTopic.length > 0 && specificTopic.length < topic.length)
    found = portfolio.search.search(specificTopic.join(' '), { limit: 10 });
  const pointed = pointedTo && (found.find((hit) => hit.section === pointedTo.section && hit.id === pointedTo.id) ?? pointedTo);
  // An entry the question names by its name ("hpa") comes first, ahead of others that share more words.
  const byName = pointed ?? found.find((hit) => namesIn(hit.doc, all)) ?? namedHit(portfolio, all) ?? nameHolder(found, all);
  const hits = byName ? [byName, ...found.filter((hit) => hit !== byName)] : found;
  const top = hits[0];
  // A question that names neither the person, nor an entry by its name ("does java-ml
  // support gpus"), nor one entry by all its words is about something else: "best
  // running shoes?", "the meaning of life".
  const onlyNumbers = all.every((token) => /^[\d#.,]+$/.test(token));
  const named = top !== undefined && (top === pointed || namesIn(top.doc, all));
  // Everyday words ("handling" in "anything on handling imbalanced datasets?") need not be in it when two
  // words of the profile are ("the meaning of life" has only one).
  const specific = all.filter((token) => !isGeneralWord(token));
  const loose = specific.length >= 2 && top !== undefined && specific.every((token) => coversWord(top.doc, token));
  // An everyday word misspelt past correcting ("sumthing about drought") weakens the
  // answer, never sinks it, when no more of them than of the profile's own words are asked and the entry
  // holds every one of those ("best running shoes" has no word of a profile that runs nothing).
  // So does any word the profile lacks ("extra" in "that resnet w extra channels thing") beside more of the
  // profile's own words than there are of them, when one entry holds all of those; not in the asker's own
  // matter ("sigmoid or relu for my homework").
  const askersOwn = /\b(?:i|me|my|mine|we|our|us)\b/.test(question.folded);
  const misspelt = new Set(unplaced.filter((word) => misspeltEveryday(word.toLowerCase())).flatMap((word) => tokenize(word)));
  // A word of the profile the entry lacks ("bands" in "resnets on more than 3 bands") counts as such a word too.
  const covering = (token: string) => top !== undefined && (coversWord(top.doc, token) || entryHas(top.doc, token));
  const others = [
    ...unplaced.flatMap((word) => tokenize(word)),
    ...specific.filter((token) => portfolio.search.knows(token) && !covering(token)),
  ].filter((token) => !misspelt.has(token));
  const known = specific.filter((token) => !misspelt.has(token) && portfolio.search.knows(token) && covering(token));
  const strays = !askersOwn && known.length >= 2 && others.length < known.length ? new Set([...misspelt, ...others]) : misspelt;
  const placed = specific.filter((token) => !strays.has(token) && portfolio.search.knows(token));
  const weakened =
    strays.size > 0 && placed.length >= strays.size && top !== undefined && placed.every((token) => coversWord(top.doc, token));
  const stray = (token: string) => weakened && strays.has(token);
  const uncovered = (token: string) =>
    top !== undefined && !coversWord(top.doc, token) && !((loose || weakened) && isGeneralWord(token)) && !stray(token);
  if (!aboutPerson && !named && (!top || onlyNumbers || all.some(uncovered)))
    return { kind: 'unknown', rule: 'fallback', topic: all.join(' ') };
  if (!top) return { kind: 'unknown', rule: 'fallback', topic: all.join(' ') };
  // One everyday word found alone ("into" in "what does he want to get into next") names no entry.
  if (!named && topic.length === 1 && all.length > 1 && PARTICLES.has(topic[0] ?? '') && all.every((token) => isGeneralWord(token)))
    return { kind: 'unknown', rule: 'fallback', topic: all.join(' ') };
  // The words that say what is asked about (not which kind of fact) must be mostly in what answers:
  // "his notice period" is not the role whose "training period" shares only the word that asks for dates.
  // Everyday words the entry lacks ("normal" in "a normal day") count neither way.
  const asked = all.filter((token) => !isFactWord(token));
  const held = asked.filter((token) => coversWord(top.doc, token) || entryHas(top.doc, token));
  const missing = asked.filter((token) => !held.includes(token) && !isGeneralWord(token) && !stray(token));
  // Only everyday words in common ("open" in "is he open to relocation") beside one the profile lacks: no answer.
  const onlyEveryday = held.every((token) => isGeneralWord(token)) && held.length <= missing.length;
  if (!named && asked.length > 0 && (held.length === 0 || held.length < missing.length || onlyEveryday))
    return { kind: 'unknown', rule: 'fallback', topic: all.join(' ') };
  return { kind: 'search', rule: 'fallback', topic: topic.join(' '), hits, section: top.section };
}

/** "the protein one", "the batchnorm thing": a word or two of one entry's name, pointing at it. */
const POINTING_AT = /\bthe ((?:[a-z0-9-]+ ){1,2})(?:one|thing|stuff|project|comp|competition|challenge|paper|post|piece)\b/;

/** The one entry a "the protein one" points at by words of its name (none of them everyday words); or none. */
function pointedAt(question: PreparedQuestion, portfolio: Portfolio): SearchHit | undefined {
  const words = tokenize(POINTING_AT.exec(question.folded)?.[1] ?? '').filter((word) => !isGeneralWord(word) && !STOP_WORDS.has(word));
  if (words.length === 0) return undefined;
  const docs = portfolio.search.documents.filter(
    (doc) => doc.section !== 'skills' && doc.section !== 'contact' && words.every((word) => nameStemsOf(doc).has(stemOf(word))),
  );
  const [doc] = docs;
  if (docs.length !== 1 || !doc) return undefined;
  return { section: doc.section, id: doc.id, title: doc.title, url: doc.url, score: 1, doc };
}

/** Words that only join others ("get into", "go through"): found alone, they name nothing. */
const PARTICLES = new Set(
  'into onto upon about through across along around toward towards within without between among over under off out up down'.split(' '),
);

/**
 * A word two letters from an everyday one, its first letter kept ("sumthing", "somethin"): a misspelling
 * of a word that carries no topic. A real word the profile lacks ("capital", "homework") is the topic.
 */
function misspeltEveryday(word: string): boolean {
  if (word.length < 5) return false;
  for (const general of GENERAL_WORDS) {
    if (general[0] === word[0] && Math.abs(general.length - word.length) <= 2 && editDistance(general, word) <= 2) return true;
  }
  return false;
}

/** The skills the question's words name, apart from `filler` ("NLP" in "hands-on NLP experience"), as a skill reading. */
function skillNamed(
  question: PreparedQuestion,
  compiled: Compiled,
  portfolio: Portfolio,
  filler: ReadonlySet<string>,
  rule: string,
): Reading | undefined {
  const words = topicOf(question.folded, compiled, filler).filter((token) => portfolio.search.knows(token) && !isGeneralWord(token));
  const matches = words.length > 0 ? findSkills(words, portfolio.profile) : [];
  if (matches.length === 0) return undefined;
  return { kind: 'skill', rule, skills: [{ asked: shownTopic(question.cased, words.join(' ')), tokens: words, matches }] };
}

/** The one entry (not a skill or a link) the words name by its name, as a hit, when the search of them all finds none. */
function namedHit(portfolio: Portfolio, words: readonly string[]): SearchHit | undefined {
  const named = portfolio.search.documents.filter((doc) => doc.section !== 'skills' && doc.section !== 'contact' && namesIn(doc, words));
  const [doc] = named;
  if (named.length !== 1 || !doc) return undefined;
  // Only everyday words beside the name ("did he team up with anyone for HPA?") ask what no entry says.
  const naming = new Set(tokenize(doc.names.join(' ')));
  const asked = words.filter((word) => !naming.has(word));
  // A word that asks for one of its facts ("between which dates … the AI Lead title") asks of the entry named.
  if (!asked.some((word) => isFactWord(word) || (!isGeneralWord(word) && portfolio.search.knows(word)))) return undefined;
  return { section: doc.section, id: doc.id, title: doc.title, url: doc.url, score: 1, doc };
}

/** Does the question's topic hold one of the entry's names (or aliases), word for word? */
export function namesIn(doc: SearchHit['doc'], topic: readonly string[]): boolean {
  const words = ` ${topic.join(' ')} `;
  return nameKeys(doc).some((key) => words.includes(` ${key} `));
}

const docNameKeys = new WeakMap<SearchHit['doc'], readonly string[]>();

/** An entry's names and aliases, folded as the search folds them; once per document. */
function nameKeys(doc: SearchHit['doc']): readonly string[] {
  let keys = docNameKeys.get(doc);
  if (!keys) {
    keys = doc.names.map((name) => tokenize(name).join(' ')).filter((key) => key.length > 0);
    docNameKeys.set(doc, keys);
  }
  return keys;
}

/**
 * Does the entry have a word that starts with this one ("resnet" in "resnet34"), or, for a word of five letters
 * or more, a compound that ends with it ("board" in "leaderboard")?
 */
export function entryHas(doc: SearchHit['doc'], token: string): boolean {
  const stem = stemOf(token);
  if (stem.length < 4) return false;
  for (const word of stemsOf(doc)) if (word.startsWith(stem) || (stem.length >= 5 && word.endsWith(stem))) return true;
  return false;
}

/**
 * Of hits close to the best, the first whose name holds a word asked ("the drought dataset": the Drought Detection
 * Challenge, not the role whose dataset sentence shares both words), when the best's name holds none.
 */
function nameHolder(hits: readonly SearchHit[], words: readonly string[]): SearchHit | undefined {
  const [top] = hits;
  const specific = words.filter((token) => !isGeneralWord(token));
  if (!top || namesAWord(top, specific)) return undefined;
  return hits.find((hit) => hit.score >= top.score * CLEARLY_AHEAD && namesAWord(hit, specific));
}

/** Does the entry's name (or an alias) hold one of these words? */
function namesAWord(hit: SearchHit, words: readonly string[]): boolean {
  const names = nameStemsOf(hit.doc);
  return words.some((word) => names.has(stemOf(word)));
}

const docNameStems = new WeakMap<SearchHit['doc'], ReadonlySet<string>>();

/** The stem keys of an entry's names and aliases; once per document. */
export function nameStemsOf(doc: SearchHit['doc']): ReadonlySet<string> {
  let stems = docNameStems.get(doc);
  if (!stems) docNameStems.set(doc, (stems = new Set(tokenize(doc.names.join(' ')).map(stemOf))));
  return stems;
}

/** Does the entry have this word, or a word asking for one of its facts? */
function coversWord(doc: SearchHit['doc'], token: string): boolean {
  return stemsOf(doc).has(stemOf(token)) || isFactWord(token);
}
