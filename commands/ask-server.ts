// /ask in a server where members have shared their portfolios (issue #17): the
// question is put to every profile listed there, the owner's included, and the
// answer names whose it is. The ask engine (src/ask) still answers from one
// Portfolio at a time; this file only picks which ones to ask and in what order.
//
// Candidates come from the server's search (src/search/community.ts), which
// ranks every entry of every profile on one scale: the owners of the best hits,
// in that order. The first of them whose own profile answers the question gives
// the answer; the others that answer too are listed under it. A question that
// names no entry of anyone (a greeting, "how do I get in touch?") is the
// owner's, as it is everywhere else.
import { answerQuestion } from '../src/ask/index.js';
import { describeQuestion } from '../src/ask/facts.js';
import { labelled } from '../src/bot/dispatch.js';
import type { AnswerFacts, GuildCommunity, Portfolio, Surface } from '../src/bot/types.js';
import { alsoAnsweringLine } from '../src/replies/cards/community.js';
import type { ReplyPayload } from '../src/replies/index.js';
import { OWNER_ID, type Owner } from '../src/search/community.js';

/** Profiles a question is put to: the owners of the best hits. */
const CANDIDATES = 5;
/** Hits read to find them. */
const HITS_READ = 40;

interface Candidate {
  owner: Owner;
  portfolio: Portfolio;
  /** Their best-matching entry's title. */
  title: string;
}

interface Choice {
  answer: Candidate;
  facts: AnswerFacts;
  others: Candidate[];
}

/** The owner's own Portfolio, without the server's (what the ask engine reads as the owner's). */
function ownPortfolio(portfolio: Portfolio): Portfolio {
  const { community: _server, ...own } = portfolio;
  return own;
}

function candidatesFor(question: string, portfolio: Portfolio, community: GuildCommunity): Candidate[] {
  const found = new Map<string, Candidate>();
  for (const hit of community.search.search(question, { limit: HITS_READ })) {
    const { owner, doc } = hit.entry;
    if (found.has(owner.id)) continue;
    const own = owner.id === OWNER_ID ? ownPortfolio(portfolio) : community.members.get(owner.id)?.portfolio;
    if (own) found.set(owner.id, { owner, portfolio: own, title: doc.title });
    if (found.size >= CANDIDATES) break;
  }
  return [...found.values()];
}

/** An answer that names an entry (section:id): one about what the profile holds, not about its person alone. */
function namesEntry(facts: AnswerFacts): boolean {
  return facts.answered === true && facts.entry !== null && facts.entry.includes(':');
}

function choose(question: string, portfolio: Portfolio, community: GuildCommunity): Choice {
  const owner: Candidate = {
    owner: { id: OWNER_ID, name: portfolio.profile.identity.name },
    portfolio: ownPortfolio(portfolio),
    title: '',
  };
  const candidates = candidatesFor(question, portfolio, community).map((candidate) => ({
    candidate,
    facts: describeQuestion(question, candidate.portfolio),
  }));
  const [first, ...rest] = candidates.filter(({ facts }) => namesEntry(facts));
  if (first) return { answer: first.candidate, facts: first.facts, others: rest.map(({ candidate }) => candidate) };
  // No profile names an entry: a question the owner's profile answers without one (a greeting, getting in
  // touch) stays the owner's; otherwise the best match in the server's search says what it has.
  const ownerFacts = describeQuestion(question, owner.portfolio);
  const best = candidates[0];
  if (ownerFacts.answered !== false || !best) return { answer: owner, facts: ownerFacts, others: [] };
  return { answer: best.candidate, facts: best.facts, others: [] };
}

/** /ask's reply in a server with member portfolios. */
export function answerInServer(question: string, portfolio: Portfolio, community: GuildCommunity, surface?: Surface): ReplyPayload {
  const { answer, others } = choose(question, portfolio, community);
  const reply = labelled(answerQuestion(question, answer.portfolio, surface), `${answer.owner.name}'s portfolio`);
  const also = alsoAnsweringLine(others);
  return also ? { ...reply, content: reply.content ? `${reply.content}\n${also}` : also } : reply;
}

/** What /ask answered in a server, for insights: the chosen profile's facts. */
export function describeInServer(question: string, portfolio: Portfolio, community: GuildCommunity): AnswerFacts {
  return choose(question, portfolio, community).facts;
}
