import type { APIEmbed } from 'discord-api-types/v10';
import type { ContactKind, Profile } from '../../profile/schema.js';
import type { ReplyPayload } from '../types.js';
import { author, COLOURS, footer, linkButton, linkRows } from './common.js';

const EMOJI: Record<ContactKind, string> = { github: '🐙', email: '✉️', twitter: '🐦', linkedin: '💼', resume: '📄', website: '🌐' };
const KIND_LABEL: Record<ContactKind, string> = { github: 'GitHub', email: 'E-mail', twitter: 'Twitter', linkedin: 'LinkedIn', resume: 'Résumé', website: 'Website' };

/** The public links only: the private ones never leave the profile. */
export function buildContactCard(profile: Profile): ReplyPayload {
  const links = profile.identity.links;
  const lines = links.map((link) => {
    const shown = link.url.startsWith('mailto:') ? link.url.slice('mailto:'.length) : link.url.replace(/^https?:\/\//, '');
    return `${EMOJI[link.kind]} **${KIND_LABEL[link.kind]}**: [${shown}](${link.url})`;
  });
  const embed: APIEmbed = {
    title: `Contact ${profile.identity.name}`,
    description: lines.join('\n'),
    color: COLOURS.contact,
    author: author(profile),
    footer: footer('See also /resume and /about'),
  };
  const buttons = links.filter((link) => /^https?:/.test(link.url)).map((link) => linkButton(KIND_LABEL[link.kind], link.url, EMOJI[link.kind]));
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
  return { embeds: [embed], components: linkRows([linkButton('Open résumé', resume.url, EMOJI.resume)], 1) };
}
