// describeQuestion: what /ask answered a question with, for insights (issue #18):
// the entry, whether the profile had an answer, and how sure it was. Read from
// the same Intent answerQuestion composes its reply from, so the two agree on
// "answered" (a reply that says the profile has no answer is unanswered here).
import type { AnswerFacts, Portfolio } from '../bot/types.js';
import type { Section } from '../profile/schema.js';
import { slugify } from '../search/documents.js';
import { interpretQuestion, type Intent } from './interpret.js';

export function describeQuestion(text: string, portfolio: Portfolio): AnswerFacts {
  const intent = interpretQuestion(text, portfolio);
  const described = describeIntent(intent, text, portfolio);
  // The reply opens with "his profile doesn't mention “prize”": what was asked is missing, whatever it shows beside.
  if (described.answered && intent.unplaced.length > 0 && !PLACE_FREE.has(intent.kind)) return { ...described, answered: false };
  return described;
}

/** Kinds whose reply does not name the words the profile cannot place (answer.ts's TOPICLESS, less unknown). */
const PLACE_FREE = new Set<Intent['kind']>(['greeting', 'help', 'thanks', 'phone', 'resume', 'contact', 'location', 'offtopic']);

function describeIntent(intent: Intent, text: string, portfolio: Portfolio): AnswerFacts {
  const facts = (entry: string | null, confidence: number): AnswerFacts => ({
    query: text,
    entry,
    answered: entry !== null,
    confidence: Math.round(confidence * 100) / 100,
  });
  switch (intent.kind) {
    // Not questions about the profile: neither answered nor missed.
    case 'greeting':
    case 'help':
    case 'thanks':
      return { query: text, entry: null, answered: null, confidence: null };
    // Not about the person ("how do you win a Kaggle competition?"): neither answered nor missed.
    case 'offtopic':
      return { query: text, entry: null, answered: null, confidence: null };
    case 'unknown':
      return facts(null, 0);
    case 'entry':
      return facts(`${intent.entry.section}:${intent.entry.id}`, 1);
    case 'search': {
      const top = intent.hits[0];
      return top ? facts(`${top.section}:${top.id}`, top.score) : facts(null, 0);
    }
    case 'skill': {
      const found = intent.skills.filter((query) => query.matches.length > 0);
      const first = found[0]?.matches[0];
      return first ? facts(`skills:${slugify(first.skill.name)}`, found.length / intent.skills.length) : facts(null, 0);
    }
    case 'topic':
      return intent.aboutTopic ? facts(`about:${intent.aboutTopic}`, 1) : facts(null, 0);
    case 'experience':
      if (intent.organisation !== null && !intent.organisationKnown) return facts(null, 0);
      if (intent.organisation !== null) {
        const role = portfolio.profile.experience.find((each) => each.organisation === intent.organisation);
        return facts(role ? `experience:${role.id}` : 'experience', 1);
      }
      return narrowed(intent, 'experience', portfolio, facts);
    case 'now':
    case 'research':
    case 'learning':
    case 'blogs':
    case 'metrics':
    case 'projects':
    case 'education':
      return narrowed(intent, intent.section ?? 'projects', portfolio, facts);
    default:
      // phone, résumé, contact, location, skills, about: the section answers.
      return facts(intent.section ?? intent.kind, 1);
  }
}

/** A section narrowed by the question's topic: its best entry, or unanswered when the topic matches none. */
function narrowed(
  intent: Intent,
  section: Section,
  portfolio: Portfolio,
  facts: (entry: string | null, confidence: number) => AnswerFacts,
): AnswerFacts {
  if (!intent.topic) return facts(section, 1);
  const top = portfolio.search.search(intent.topic, { section, limit: 1 })[0];
  return top ? facts(`${section}:${top.id}`, top.score) : facts(null, 0);
}
