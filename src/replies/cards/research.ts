import type { APIEmbed } from 'discord-api-types/v10';
import type { Profile, Research } from '../../profile/schema.js';
import { LIMITS } from '../fit.js';
import { truncate } from '../text.js';
import type { ReplyPayload } from '../types.js';
import { COLOURS, field, footer, linkButton, linkRows } from './common.js';
import { isWebUrl, joinWithin, mdLink } from './sections.js';

/** The research in progress: a field per item with its summary, status and links; the links as buttons too. */
export function buildResearchCard(profile: Profile): ReplyPayload {
  const items = profile.research;
  if (items.length === 0) {
    return { content: `${profile.identity.name}'s profile lists no research yet. Try /learning or /projects.` };
  }
  const embed: APIEmbed = {
    title: `${profile.identity.name} — research`,
    description: `${items.length} research ${items.length === 1 ? 'project' : 'projects'}, with the status of each.`,
    color: COLOURS.research,
    fields: items.slice(0, LIMITS.fields).map((item) => field(`🔬 ${item.title}`, researchText(item))),
    footer: footer('Related: /learning · /projects · /about'),
  };
  const buttons = items
    .flatMap((item) => item.links ?? [])
    .filter((link) => isWebUrl(link.url))
    .map((link) => linkButton(truncate(link.label, LIMITS.buttonLabel), link.url, '🔗'));
  return { embeds: [embed], components: linkRows(buttons, 2) };
}

function researchText(item: Research): string {
  const links = (item.links ?? []).map((link) => `🔗 ${mdLink(link.label, link.url)}`);
  return joinWithin([item.summary, `**Status:** ${item.status}`, ...links], LIMITS.fieldValue);
}
