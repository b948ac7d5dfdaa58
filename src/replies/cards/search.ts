import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Profile, Section } from '../../profile/schema.js';
import { SKILL_LEVELS } from '../../profile/constants.js';
import type { SearchHit } from '../../search/index.js';
import { queryTokens } from '../../search/normalise.js';
import { LIMITS } from '../fit.js';
import { cleanUserText, truncate } from '../text.js';
import type { ReplyPayload } from '../types.js';
import { COLOURS, field, footer } from './common.js';
import { joinWithin, mdLink, SECTION_LABELS } from './sections.js';
import { SKILL_LEVEL_LABELS } from './skills.js';

const SNIPPET_MAX = 100;
/** How much of the query the search reads; the words for snippets come from the same part. */
const QUERY_READ = 200;

/**
 * Search results grouped by section: a field per section, in the order of each
 * section's best hit (so the best hit's section comes first); in each, a line
 * per hit with its title (linked when it has a web url) and a short snippet
 * around the first query word it contains. The query is echoed escaped.
 */
export function buildSearchCard(profile: Profile, query: string, hits: readonly SearchHit[]): ReplyPayload {
  const echo = cleanUserText(query, 80);
  if (hits.length === 0) return noMatch(profile, echo);

  const groups = new Map<Section, SearchHit[]>();
  for (const hit of hits) {
    const group = groups.get(hit.section);
    if (group) group.push(hit);
    else groups.set(hit.section, [hit]);
  }
  const tokens = queryTokens(query.slice(0, QUERY_READ)).filter((token) => token.length >= 3);
  const fields: APIEmbedField[] = [...groups].map(([section, group]) =>
    field(
      SECTION_LABELS[section].label,
      joinWithin(
        group.map((hit) => hitLine(profile, hit, tokens)),
        LIMITS.fieldValue,
      ),
    ),
  );
  const sections = groups.size === 1 ? '1 section' : `${groups.size} sections`;
  const embed: APIEmbed = {
    title: `🔎 Search: “${echo}”`,
    description: `${hits.length === 1 ? '1 match' : `${hits.length} matches`} in ${sections}, best first.`,
    color: COLOURS.brand,
    fields,
    footer: footer('A project in full: /project name:… · a question: /ask …'),
  };
  return { embeds: [embed] };
}

function hitLine(profile: Profile, hit: SearchHit, tokens: readonly string[]): string {
  const title = `**${mdLink(hit.title, hit.url)}**`;
  const detail = hitDetail(profile, hit, tokens);
  return `• ${title}${detail ? ` — ${detail}` : ''}`;
}

function hitDetail(profile: Profile, hit: SearchHit, tokens: readonly string[]): string {
  if (hit.section === 'skills') {
    const level = SKILL_LEVELS.find((each) => profile.skills[each].some((skill) => skill.name === hit.title));
    const note = level ? profile.skills[level].find((skill) => skill.name === hit.title)?.note : undefined;
    return [level ? SKILL_LEVEL_LABELS[level] : undefined, note].filter(Boolean).join(' — ');
  }
  if (hit.url?.startsWith('mailto:')) return hit.url.slice('mailto:'.length);
  // Profile text, but cut anywhere: escaped so that half of a markdown pair cannot style the rest of the card.
  return cleanUserText(snippet([hit.doc.summary, ...hit.doc.body], tokens), 2 * SNIPPET_MAX);
}

/** Up to 100 characters of the first text that holds a query word, around that word; else the start of the first text. */
export function snippet(texts: readonly string[], tokens: readonly string[], max = SNIPPET_MAX): string {
  const flat = texts.map((text) => text.replace(/\s+/g, ' ').trim()).filter((text) => text !== '');
  for (const text of flat) {
    const lower = text.toLowerCase();
    const at = Math.min(...tokens.map((token) => lower.indexOf(token)).filter((index) => index >= 0));
    if (!Number.isFinite(at)) continue;
    if (at < max / 2) return truncate(text, max);
    const space = text.lastIndexOf(' ', at - 30);
    return `…${truncate(text.slice(space < 0 ? at : space + 1), max - 1)}`;
  }
  return flat[0] ? truncate(flat[0], max) : '';
}

function noMatch(profile: Profile, echo: string): ReplyPayload {
  const examples = [...new Set(profile.projects.filter((project) => project.notable).flatMap((project) => project.tags.slice(0, 1)))].slice(
    0,
    3,
  );
  const tryWords =
    examples.length > 0 ? `Try other words (e.g. ${examples.map((word) => `\`${word}\``).join(', ')}), ` : 'Try other words, ';
  const embed: APIEmbed = {
    title: echo ? `No matches for “${echo}”` : 'No matches',
    description:
      `Nothing in ${profile.identity.name}'s profile matches that.\n` +
      `${tryWords}browse with /projects, /experience or /skills, or ask a question with /ask.`,
    color: COLOURS.notice,
  };
  return { embeds: [embed] };
}
