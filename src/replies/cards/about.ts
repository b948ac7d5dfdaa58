import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Profile, Topic } from '../../profile/schema.js';
import { LIMITS } from '../fit.js';
import type { ReplyPayload } from '../types.js';
import { COLOURS, field, footer, linkRows } from './common.js';
import { CONTACT_STYLE, contactButton } from './contact.js';
import { isWebUrl, joinWithin, mdLink, pronounIs } from './sections.js';

/** The about topics the card shows, in order: prose, or the topic's list when it has one. */
const TOPICS: readonly { id: string; show: 'text' | 'items'; heading?: string }[] = [
  { id: 'background', show: 'text' },
  { id: 'interests', show: 'items' },
  { id: 'philosophy', show: 'text' },
  { id: 'free-time', show: 'items', heading: 'Free time' },
];

/**
 * Who the person is, in one card: headline and summary, the about topics, what
 * they are working on now, and the public links as buttons (e-mail as text,
 * since a link button needs http(s)). Private values are never read.
 */
export function buildAboutCard(profile: Profile): ReplyPayload {
  const { identity } = profile;
  const fields: APIEmbedField[] = [];
  for (const { id, show, heading } of TOPICS) {
    const topic = profile.about.find((entry) => entry.id === id);
    if (topic) fields.push(field(heading ?? topic.title, topicText(topic, show)));
  }
  const now = workingOnNow(profile);
  if (now) fields.push(field(`What ${pronounIs(profile)} working on now`, now));
  const emails = identity.links.filter((link) => link.url.startsWith('mailto:'));
  if (emails.length > 0) {
    fields.push(
      field(
        CONTACT_STYLE.email.label,
        emails.map((link) => `${CONTACT_STYLE.email.emoji} ${link.url.slice('mailto:'.length)}`).join('\n'),
        true,
      ),
    );
  }

  const home = identity.links.find((link) => link.kind === 'github' || link.kind === 'website');
  const who = [`**${identity.headline}**`, ...(identity.location ? [`📍 ${identity.location}`] : [])];
  const description = `${who.join('\n')}\n\n${identity.summary}`;
  const embed: APIEmbed = {
    title: identity.name,
    ...(home ? { url: home.url } : {}),
    description,
    color: COLOURS.about,
    ...(isWebUrl(identity.avatar) ? { thumbnail: { url: identity.avatar } } : {}),
    fields,
    footer: footer('More: /projects · /experience · /contact'),
  };
  const buttons = identity.links.filter((link) => isWebUrl(link.url)).map(contactButton);
  return { embeds: [embed], components: linkRows(buttons, 1) };
}

function topicText(topic: Topic, show: 'text' | 'items'): string {
  if (show === 'items' && topic.items && topic.items.length > 0)
    return joinWithin(
      topic.items.map((item) => `• ${item}`),
      LIMITS.fieldValue,
    );
  const links = (topic.links ?? []).filter((link) => isWebUrl(link.url)).map((link) => mdLink(link.label, link.url));
  const linkLine = links.length > 0 ? `\n🔗 ${links.join(' · ')}` : '';
  return topic.text.length + linkLine.length <= LIMITS.fieldValue ? topic.text + linkLine : topic.text;
}

/** One line for the research in progress, one for the current learning. */
function workingOnNow(profile: Profile): string {
  const research = profile.research.map((item) => `${item.title} (${item.status})`);
  const learning = profile.learning.map((item) => {
    const name = mdLink(item.title, item.url);
    return item.progress ? `${name} (${item.progress})` : name;
  });
  const lines: string[] = [];
  if (research.length > 0) lines.push(`🔬 **Research:** ${joinWithin(research, 450, ' · ')}`);
  if (learning.length > 0) lines.push(`📚 **Learning:** ${joinWithin(learning, 450, ' · ')}`);
  return lines.join('\n');
}
