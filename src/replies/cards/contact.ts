import type { APIEmbed } from 'discord-api-types/v10';
import type { ContactKind, Profile } from '../../profile/schema.js';
import type { ReplyPayload } from '../types.js';
import { author, COLOURS, footer, linkButton, linkRows } from './common.js';
import { mdLink } from './sections.js';

/** How each kind of contact link is shown, in every card that shows one. */
export const CONTACT_STYLE: Record<ContactKind, { label: string; emoji: string }> = {
  github: { label: 'GitHub', emoji: '🐙' },
  email: { label: 'E-mail', emoji: '✉️' },
  twitter: { label: 'Twitter', emoji: '🐦' },
  linkedin: { label: 'LinkedIn', emoji: '💼' },
  resume: { label: 'Résumé', emoji: '📄' },
  website: { label: 'Website', emoji: '🌐' },
};

/** A link button for a contact link, labelled and decorated by its kind. */
export function contactButton(link: { kind: ContactKind; url: string }) {
  return linkButton(CONTACT_STYLE[link.kind].label, link.url, CONTACT_STYLE[link.kind].emoji);
}

/**
 * The public links only: the private ones never leave the profile. An e-mail
 * address is shown as written: Discord renders masked links to http(s) only.
 */
export function buildContactCard(profile: Profile): ReplyPayload {
  const links = profile.identity.links;
  const lines = links.map((link) => {
    const shown = link.url.startsWith('mailto:')
      ? link.url.slice('mailto:'.length)
      : mdLink(link.url.replace(/^https?:\/\//, ''), link.url);
    return `${CONTACT_STYLE[link.kind].emoji} **${CONTACT_STYLE[link.kind].label}**: ${shown}`;
  });
  const embed: APIEmbed = {
    title: `Contact ${profile.identity.name}`,
    description: lines.join('\n'),
    color: COLOURS.contact,
    author: author(profile),
    footer: footer('See also /resume and /about'),
  };
  const buttons = links.filter((link) => /^https?:/.test(link.url)).map(contactButton);
  return { embeds: [embed], components: linkRows(buttons, 1) };
}

export function buildResumeCard(profile: Profile): ReplyPayload {
  const resume = profile.identity.links.find((link) => link.kind === 'resume');
  if (!resume) {
    return { content: `${profile.identity.name}'s profile has no résumé link. Try /contact for the public links, or /experience.` };
  }
  const role = profile.experience[0];
  const embed: APIEmbed = {
    title: `${profile.identity.name} — résumé`,
    url: resume.url,
    description: `${profile.identity.headline}\n\n[Open the résumé (PDF)](${resume.url})`,
    color: COLOURS.contact,
    fields: role ? [{ name: 'Latest role', value: `${role.title}, ${role.organisation}`, inline: true }] : [],
    footer: footer('See also /experience, /skills and /contact'),
  };
  return { embeds: [embed], components: linkRows([linkButton('Open résumé', resume.url, CONTACT_STYLE.resume.emoji)], 1) };
}
