// What a question asks, as data: an ordered table of patterns → intent kind.
// The first rule with a matching pattern wins (a rule may still decline, e.g. a
// skill question whose skill part is empty), so the more specific rules come
// first: the private phone before contact links, "is he learning docker?" (a
// skill) before "what is he learning?", "free time" before "what does he do".
//
// Patterns are regex sources tested against the folded question (lower case, no
// accents, no markdown; see prepareQuestion). Placeholders:
//   {who}  any word naming the person: he/she/they/his/her/their/…, their name;
//   {org}  any organisation of the profile's experience.
// Named groups: `thing` (what a skill question asks about), `org` (a place of work).
//
// `filler` lists the words that make a question of this kind and are not its
// topic ("blog", "written" in "has he written any blogs about matplotlib?"), so
// that what is left ("matplotlib") narrows the answer.
import type { ContactKind, Section } from '../profile/schema.js';

export type IntentKind =
  | 'greeting'
  | 'help'
  | 'thanks'
  | 'phone'
  | 'resume'
  | 'contact'
  | 'location'
  | 'skill'
  | 'skills'
  | 'topic'
  | 'now'
  | 'research'
  | 'learning'
  | 'blogs'
  | 'metrics'
  | 'projects'
  | 'experience'
  | 'education'
  | 'about'
  | 'search'
  | 'entry'
  | 'offtopic'
  | 'unknown';

export interface Rule {
  name: string;
  /** Greetings, help and thanks are read before the table, search and unknown after it. */
  kind: Exclude<IntentKind, 'greeting' | 'help' | 'thanks' | 'search' | 'entry' | 'offtopic' | 'unknown'>;
  patterns: readonly string[];
  /**
   * Patterns of everyday words ("play", "write", "experience", "made") that decide
   * this kind only when nothing more specific is named: when the question's other
   * words name one entry elsewhere ("is he playing with fastai v2?"), or a place of
   * work ("the dataset he created at Pixxel"), that answers instead.
   */
  weak?: readonly string[];
  /** For kind "topic": the topic must hold every word of `about`, not just the nearest match. */
  strict?: boolean;
  /** Words of this kind of question that are not its topic (space-separated). */
  filler?: string;
  /** For kind "contact": the one link asked for. */
  contact?: ContactKind;
  /** For kind "topic": the words that find the about-section topic. */
  about?: string;
}

/** The profile section each kind of answer comes from. */
export const KIND_SECTION: Partial<Record<IntentKind, Section>> = {
  phone: 'contact',
  resume: 'contact',
  contact: 'contact',
  location: 'about',
  skill: 'skills',
  skills: 'skills',
  topic: 'about',
  now: 'research',
  research: 'research',
  learning: 'learning',
  blogs: 'blogs',
  metrics: 'projects',
  projects: 'projects',
  experience: 'experience',
  education: 'education',
  about: 'about',
};

const END = String.raw`\s*(?:[?!.;]|$)`;
// What follows a skill verb: the thing asked about, up to the end of the sentence.
const THING = String.raw`\s+(?<thing>[^?!;]+)`;

export const RULES: readonly Rule[] = [
  {
    name: 'phone',
    kind: 'phone',
    patterns: [
      String.raw`\b(?:phone|mobile|cell ?phone|telephone|whats ?app|sms)\b`,
      // Not "does he call himself expert …": what he calls himself.
      String.raw`\b(?:call|text|ring) (?!himself\b|herself\b|themselves\b){who}\b`,
      // "his number", "a number for recruiters", "contact no": but not "did he no fastai" (a typo of
      // "know"), nor "the number of classes".
      String.raw`\b{who}(?:'s)? (?:number|cell|digits)\b|\b(?:a|contact|cell|mobile) (?:number|no)\b(?! of)`,
      // "number for him? want to team up": a number to reach the person by.
      String.raw`\bnumbers? (?:for|to (?:reach|call|text|ring|contact)) {who}\b`,
      // "number pls, need a teammate": a number asked for on its own.
      String.raw`^(?:(?:his|ur|your) )?(?:number|digits)(?: (?:pls|plz|please))?(?:[,.!?]|$)`,
    ],
  },
  {
    name: 'resume',
    kind: 'resume',
    // "cv" after a word of skill or work ("good at cv", "works in cv") is computer vision, not a résumé.
    // Nor "cv stuff", "cv work" (a field), nor "lb or cv" (a Kaggle score: cross-validation).
    patterns: [
      String.raw`\b(?:resume|curriculum vitae|bio ?data)\b|(?<!\b(?:at|in|with|on|of|into|knows?|does|do|use|uses|used|lb|or|and|vs|local) )` +
        String.raw`\bcv\b(?! (?:stuff|work|projects?|things?|models?|tasks?|research|problems?|score|or lb|and lb|vs lb)\b)`,
    ],
  },
  { name: 'email', kind: 'contact', contact: 'email', patterns: [String.raw`\be ?-?mail|\bmail\b|\binbox\b`] },
  { name: 'twitter', kind: 'contact', contact: 'twitter', patterns: [String.raw`\b(?:twitter|tweets?)\b`] },
  { name: 'linkedin', kind: 'contact', contact: 'linkedin', patterns: [String.raw`\blinked ?in\b`] },
  {
    name: 'github',
    kind: 'contact',
    contact: 'github',
    patterns: [String.raw`\bgit ?hub\b(?!.*\b(?:projects?|repos?|repositories|code)\b)`],
  },
  {
    name: 'website',
    kind: 'contact',
    contact: 'website',
    patterns: [
      String.raw`\b(?:{who}|personal|own) (?:web ?site|home ?page|blog site)\b`,
      String.raw`\b(?:does|do) {who} have (?:a|an|any) (?:personal )?(?:web ?site|home ?page)\b`,
      String.raw`^(?:web ?site|home ?page)${END}`,
    ],
  },
  {
    name: 'contact',
    kind: 'contact',
    patterns: [
      String.raw`\bcontact|\breach (?:out|{who})\b|\bget (?:in touch|hold of)\b|\bsocials?\b|\bsocial media\b|\blinks\b|\bconnect with\b`,
      String.raw`\b(?:message|dm|ping|hire|talk to) {who}\b`,
      // "How can I schedule an interview with him?": reaching him, by the public links.
      String.raw`\b(?:schedule|set up|arrange|book|have) (?:an? )?(?:interview|call|meeting|chat)\b|\binterview {who}\b`,
    ],
  },
  {
    name: 'location',
    kind: 'location',
    patterns: [
      String.raw`\bwhere (?:does|do|did) {who} (?:live|stay|reside|come from)\b|\bwhere (?:is|are) {who} (?:based|from|located|living|staying)\b`,
      String.raw`\blocation\b|\bhome ?town\b|\bbased (?:in|out of)\b|\b(?:which|what) (?:city|country|town|place)\b`,
    ],
  },
  {
    // Spoken languages are not programming skills: the profile's topic that lists them, or "doesn't say".
    name: 'spoken-languages',
    kind: 'topic',
    about: 'spoken languages',
    strict: true,
    patterns: [String.raw`\bspeaks?\b|\bspoken\b|\bspeaking\b|\bmother tongue\b|\bnative (?:language|tongue)\b|\bfluent in\b`],
  },
  {
    name: 'skill',
    kind: 'skill',
    patterns: [
      // The skill put first, as non-native speakers ask: "Sklearn he knows at what level?", "python he knows how well?"
      String.raw`^(?!(?:what|which|who|how|where|when|why|does|do|did|is|are|can|has|have)\b)(?<thing>[^?!;,]+?),? ` +
        // "Sklearn he is knowing at which level?" reaches here as "… does he know at which level?"
        String.raw`(?:{who} (?:knows|uses)|does {who} (?:know|use))` +
        String.raw`(?: (?:at|to|in) (?:what|which) (?:level|extent|degree)|` +
        String.raw` how (?:much|well|good))?${END}`,
      // "write" asks for a skill ("does he write rust?"), not "did he write about/up/his own…", which asks for a piece of work.
      String.raw`\b(?:does|do|did|can|could|would|will) {who} (?:\w+ly )?(?:know|use|code in|program in|` +
        String.raw`write(?! (?:about|on|up|anything|something|any|a|an|the|{who}|own|blogs?|posts?|articles?|tutorials?|publicly|online|` +
        String.raw`much|often|regularly|at all)\b)|work with|work in|` +
        String.raw`understand|master|have (?:any )?(?:experience|skills?|knowledge) (?:with|in|of))${THING}`,
      // "is he good at", and the statement "he is good at" non-native speakers ask with.
      String.raw`\b(?:(?:is|are) {who}|{who} (?:is|are)) (?:an? |any |very |really |pretty |quite )?` +
        String.raw`(?:good|great|skilled|proficient|experienced|familiar|fluent|comfortable|competent|strong|expert|decent|versed|well versed|` +
        String.raw`trained)` +
        String.raw`\s+(?:at|in|with|on)${THING}`,
      // "how good would he rate himself at fastai?": the level he gives the skill.
      String.raw`\bhow (?:good|well|much|skilled|proficient|experienced|strong|comfortable|familiar|confident) (?:is|are|does|do|would|did) {who}` +
        String.raw`(?: (?:rate|consider|call|describe|see) {who})?(?: be)?(?: (?:know|at|in|with|use|using))?${THING}`,
      String.raw`\b(?:has|have|had) {who} (?:ever )?(?:used|worked with|tried|learned|learnt|coded in|programmed in|touched|played with)${THING}`,
      String.raw`\b(?:is|are) {who} (?:currently |still )?learning${THING}`,
      // The statement non-native speakers ask with: "he is using which cloud?"
      String.raw`\b{who} (?:is|are) using (?:which|what)${THING}`,
      // Not "experience in an actual job": work, which the roles answer.
      String.raw`\b(?:knows?|knowledge of|experience (?:with|in(?! (?:an? |the )?(?:actual |real |paid |proper )?` +
        String.raw`(?:jobs?|company|companies|roles?|positions?|industry|startups?|workplaces?)\b))|level (?:in|of|at|with)|` +
        String.raw`proficiency (?:in|with))${THING}`,
      // "python skills?", "what about his docker skills": not "what are his strongest technical skills?", which asks which.
      String.raw`^(?:what about |and )?(?!(?:what|which|who|how|where|when|why|list|show|tell|give|are|is|does|do)\b)` +
        String.raw`(?<thing>[^?!;]+?) skills?${END}`,
    ],
  },
  {
    name: 'skills',
    kind: 'skills',
    filler:
      'skill skillset stack tech technical technology strength expertise expert proficiency competence language tool framework library ' +
      'core main key top programming knowledge code coding program write area field domain strong strongest platform software ' +
      'service provider vendor',
    patterns: [
      String.raw`\bskills?\b|\bskill ?set\b|\btech ?stack\b|\bstrengths?\b|\bexpertise\b|\bexpert\w*\b|\bproficien\w*|\bcompetenc\w*`,
      // Where someone is strongest is what they list as expert: "in which area is his work most strong?"
      String.raw`\bstrongest (?:area|field|domain|skill|suit|point|side)s?\b|\b(?:is|are) (?:\w+ ){0,2}strongest\b|\bmost strong\b|` +
        String.raw`\bstrong (?:suit|point|area)s?\b`,
      String.raw`\b(?:what|which) (?:\w+ ){0,2}(?:languages?|tools?|frameworks?|librar(?:y|ies)|technolog(?:y|ies)|tech|platforms?|` +
        String.raw`software|services|providers?|vendors?)\b`,
      String.raw`\bgood at${END}`,
      String.raw`\bwhat (?:does|do) {who} know${END}`,
    ],
  },
  {
    name: 'free-time',
    kind: 'topic',
    about: 'free time hobbies',
    patterns: [
      String.raw`\bhobb(?:y|ies)\b|\bfree time\b|\bspare time\b|\bfor fun\b|\bleisure\b|\bpastimes?\b|\bweekends?\b`,
      String.raw`\binstruments?\b|\bmusic\w*|\bdrum\w*|\bband\b|\bguitar|\bpiano|\bsing(?:s|ing|er)?\b|\bsports?\b`,
      String.raw`\boutside (?:of )?(?:work|college|office|class)\b`,
      // "wat does he do when hes not coding": his time away from work.
      String.raw`\bwhen (?:\w+ ){0,2}not (?:coding|working|programming|at work|studying|in class|training models)\b`,
    ],
    weak: [String.raw`\bplay(?:s|ed|ing)?\b(?! an? (?:role|part))`],
  },
  {
    name: 'day',
    kind: 'topic',
    about: 'day life routine',
    patterns: [
      String.raw`\bday in (?:{who}|the|a) life\b|\btypical (?:day|week)\b|\bdaily\b|\broutine\b|\beveryday\b|\bday look\b|\bschedule\b|` +
        String.raw`\bday to day\b`,
    ],
  },
  {
    name: 'philosophy',
    kind: 'topic',
    about: 'philosophy',
    patterns: [
      String.raw`\bphilosoph\w*|\bbeliefs?\b|\bbelieves?\b|\bvalues\b|\binfluenc\w*|\brole models?\b|\bidols?\b|` +
        String.raw`\bmission\b|\bmottos?\b|\bmantras?\b|\bslogans?\b|\bcatch ?phrases?\b`,
      String.raw`\bwhy (?:does|did|do) {who} (?:do|work|care)\b`,
    ],
    // "What motivates him?" is his philosophy; "the motivation behind the book website" is that project's.
    weak: [String.raw`\bmotivat\w*|\binspir\w*`],
  },
  {
    name: 'interests',
    kind: 'topic',
    about: 'research interests',
    patterns: [String.raw`\binterest(?:s|ed)?\b|\bpassion\w*|\bcares? about\b|\bexcite[sd]?\b|\benthusias\w*`],
  },
  {
    name: 'learning',
    kind: 'learning',
    filler: 'learn learning learnt learned course mooc online taking study studying class',
    patterns: [
      String.raw`(?<!\b(?:deep|machine|transfer|reinforcement|supervised|meta|representation|statistical|active|federated|ensemble) ` +
        String.raw`)\blearn(?:ing|s|t|ed)?\b`,
      String.raw`\bcourses?\b|\bmoocs?\b`,
      // "How far along is he in part 2?": a course's progress.
      String.raw`\bhow far (?:along |through |into )?(?:is|are) {who}\b`,
    ],
  },
  {
    name: 'now',
    kind: 'now',
    filler: 'working busy up these day nowadays presently researching building',
    patterns: [
      String.raw`\bworking on\b|\bbusy with\b|\bup to\b|\bwhat'?s new\b|\bcurrent (?:work|focus|research)\b`,
      String.raw`\b(?:doing|researching|building) (?:now|currently|these days|nowadays|lately)\b`,
      // Not "what he's currently doing professionally": his work, which the roles answer.
      String.raw`\b(?:currently|presently|nowadays|these days|lately) (?:doing|researching|building|working)\b` +
        String.raw`(?! professionally| for (?:work|a living))`,
    ],
  },
  {
    // What was published is the profile's to say: its research when an entry there says so (a
    // paper's status, a "publication" tag), else its writing (interpret.ts: publishedSection).
    name: 'published',
    kind: 'research',
    filler: 'publish published publishing publication paper research',
    patterns: [String.raw`\bpublish\w*|\bpublications?\b`],
  },
  {
    name: 'research',
    kind: 'research',
    filler:
      'research researching researched paper publication publish published thesis arxiv personal progress read reading write wrote written ' +
      'now day these nowadays lately',
    // Not "researcher": a role's title ("how long was he the AI researcher?").
    patterns: [String.raw`\bresearch(?!ers?\b)\w*|\bpapers?\b|\bthesis\b|\barxiv\b`],
  },
  {
    name: 'blogs',
    kind: 'blogs',
    // "He has written some blog, where I can read?": reading is what the asker does with them.
    filler:
      'blog blogging blogged post article written write writes wrote writing tutorial publish published medium read publicly online ' +
      'public audience technical',
    patterns: [
      String.raw`\bblog\w*|\bposts?\b|\barticles?\b|\btutorials?\b|\bwrit(?:e|es|ten|ing) (?:up|about)\b|` +
        // "Has he written anything on plugging in pretrained weights?": writing on a subject.
        String.raw`\bwrit(?:e|es|ten|ing) (?:anything|something|much|stuff|a lot|a piece|pieces) (?:on|about)\b`,
    ],
    // Not "written from scratch / in Java": code.
    weak: [
      String.raw`\b(?:writ(?:e|es|ten|ing)|wrote)\b(?! (?:from|in)\b| (?:an? |his |the |own |some |any |its )?(?:[\w-]+ ){0,3}` +
        String.raw`(?:librar(?:y|ies)|packages?|frameworks?|tools?|code|scripts?|implementations?|modules?)\b)`,
    ],
  },
  {
    name: 'metrics',
    kind: 'metrics',
    filler:
      'best top result metric score number achievement accomplishment proud impressive highest stat statistic performance win award ' +
      'favourite favorite greatest most project work thing built build made done did resume cv item career portfolio proudest ' +
      'brag boast show off',
    patterns: [
      String.raw`\bbest (?:results?|scores?|work|achievements?|performance|projects?)\b|\bresults?\b|\bmetrics?\b|\bscores?\b|\baccuracy\b`,
      String.raw`\bleaderboards?\b|\brank(?:ed|ing)?\b|\bachievements?\b|\baccomplish\w*|\bbenchmarks?\b|\bnumbers\b|` +
        String.raw`\bproud(?:est)?\b|\bimpressive\b|\bawards?\b|\bstats\b|\bstatistics\b|\bbrag\w*|\bboast\w*|\bshow(?:s|ing)? off\b`,
      String.raw`\bfavou?rite (?:project|work)\b|\bgreatest\b`,
      // Awards: a profile imported from a résumé keeps them as an about topic, which the metrics answer shows.
      String.raw`\bwon\b|\bhonou?rs\b`,
      // "his strongest competition finish": a rank, by the metric that ranks.
      String.raw`\b(?:best|strongest|top|highest) (?:\w+ )?(?:finish(?:es)?|placings?|placements?|standings?)\b`,
    ],
  },
  {
    name: 'projects',
    kind: 'projects',
    filler:
      'project portfolio repo repository built build building made create created open source side personal worked working ' +
      'work on done did code coded program programmed app experiment enter entered',
    patterns: [
      String.raw`\bprojects?\b|\bportfolio\b|\brepos?\b|\brepositor(?:y|ies)\b|\bcompetitions?\b|\bkaggle\b|\bhackathons?\b|\bchallenges?\b`,
      String.raw`\bopen source\b|\bapps?\b|\bexperiments?\b`,
    ],
    weak: [String.raw`\bbuilt\b|\bbuild(?:s|ing)?\b|\bcreated?\b|\bmade\b|\bmake\b|\b(?:worked|work) on\b|\bcode\b`],
  },
  {
    name: 'experience',
    kind: 'experience',
    filler:
      'job work worked working company employer role position career experience professional intern internship title designation ' +
      'responsibility where doing living employed employment history overview summary rundown senior seniority promoted promotion',
    patterns: [
      String.raw`\b(?:do|did|does|work\w*|job|role|position|intern\w*) (?:at|for|in) (?<org>[\p{L}\p{N}][\p{L}\p{N}&.'-]*(?: ` +
        String.raw`[\p{L}\p{N}&.'-]+){0,2})${END}`,
      String.raw`\b{org}\b`,
      String.raw`\bjobs?\b|\bemploy\w*|\bcareers?\b|\bcompan(?:y|ies)\b|\broles?\b|\bpositions?\b|\binternships?\b|\bwork experience\b|` +
        // "His current designation" (Indian English): his job title.
        String.raw`\bdesignations?\b`,
      String.raw`\b(?:work|job|professional) (?:history|background)\b|\bseniority\b|\bsenior\b|\bpromot(?:ed|ion|ions)\b`,
      String.raw`\bwhere (?:has|have|did|does|do|is|are) {who} (?:\w+ )?work\w*|\bwork\w* (?:at|for)\b|\bfor a living\b|\bprofessionally\b|` +
        String.raw`\bwhat (?:does|do) {who} do for work\b`,
    ],
    weak: [String.raw`\bexperience\b`],
  },
  {
    name: 'education',
    kind: 'education',
    filler:
      'study studying studied school college university degree education educated student graduate graduated major academic qualification where ' +
      'enrolled enroll enrol enrolment enrollment attend attends attending attended programme program year institution ' +
      // "Academic background", "educational history": the education, as "work history" is the roles.
      'background history record',
    patterns: [
      String.raw`\bstud(?:y|ies|ied|ying)\b|\bschool\w*|\bcolleges?\b|\buniversit(?:y|ies)\b|\bdegrees?\b|\beducat\w*|\bgraduat\w*|` +
        String.raw`\bmajor(?:ed|s)?\b`,
      String.raw`\bmasters?\b|\bmsc\b|\bbsc\b|\bb\.?tech\b|\bbachelor\w*|\bphd\b|\bacademic\w*|\balma mater\b|\bqualifications?\b|\bstudent\b`,
      // A programme (British) is a course of study; "what year is he in" asks how far through it.
      String.raw`\bprogrammes?\b|\bwhat year (?:is {who} in|of)\b|\bwhich year (?:is {who} in|of)\b`,
      // "The full name of his institution": where he studies, by the word an application form uses.
      String.raw`\b(?:{who}|the) (?:\w+ )?institution\b`,
    ],
  },
  {
    name: 'about',
    kind: 'about',
    // "Summarise who he is in a few lines": the words of a summary, not a topic.
    filler: 'summarize summary sum up few couple line lines sentence sentences word words brief briefly short nutshell',
    patterns: [
      String.raw`^(?:who|what) (?:is|are) {who}${END}`,
      String.raw`\bwho {who} (?:is|was|really is)\b`,
      String.raw`\bwho(?:'s| is| are) {who}\b|\babout {who}${END}|\bintroduc\w*|\bbio(?:graphy)?\b|\bbackground\b|\bsummary\b`,
      String.raw`\bwhat (?:does|do) {who} (?:even |actually |really |exactly )?do` +
        String.raw`(?: there| now| nowadays| exactly| for work| for a living)?${END}|` +
        String.raw`^(?:and )?{who}${END}`,
    ],
    weak: [String.raw`\bsummari[sz]\w*|\bsum (?:up|him up|her up|them up)\b|\bin a nutshell\b`],
  },
];

/** A greeting at the start of a question: removed, and answered with the intro when nothing else is asked. */
export const GREETING = new RegExp(
  String.raw`^(?:(?:hi|hello|hey|hiya|howdy|yo|sup|hola|greetings|heya|good (?:morning|afternoon|evening|day))(?: there| bot| everyone| all| ` +
    String.raw`folks)?\b[\s,!.:;-]*)+`,
);

/** "how are you doing today?", "what's up": small talk, answered as a greeting is. */
export const SMALL_TALK = new RegExp(
  String.raw`^(?:how (?:are|r) (?:you|u)(?: doing)?|how(?:'s| is) it going|how have you been|what'?s up|wassup|sup|` +
    String.raw`hope (?:you(?:'re| are)|u r) (?:well|good|doing well))(?: today| this (?:morning|evening))?[\s?!.]*$`,
);

/** Questions about the bot itself: answered with the intro and example questions. */
export const HELP = new RegExp(
  String.raw`^(?:help|commands?|examples?|usage|menu|start|\?+|what can (?:you|i) (?:do|ask)|how (?:do|does) (?:this|it|you) work|what (?:do|` +
    String.raw`can) you (?:do|know)|who are you|what are you)\b[\s?!.]*$|^[?!.\s]*$`,
);

export const THANKS = new RegExp(
  /^(?:thanks?(?: you)?|thx|ty|cheers|great|awesome|cool|nice|ok(?:ay)?|got it)\b[\s!.,]*(?:(?:a lot|so much|very much|bot)\b[\s!.,]*)?/
    .source +
    // "Thanks, that's all I needed for now!"
    /(?:that's (?:all|everything|it)(?: i needed| i wanted)?(?: for now)?[\s!.]*)?$/.source,
);
