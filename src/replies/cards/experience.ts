import type { APIEmbed } from 'discord-api-types/v10';
import type { Education, Experience, Profile } from '../../profile/schema.js';
import { LIMITS } from '../fit.js';
import type { ReplyPayload } from '../types.js';
import { author, COLOURS, field, footer, formatMonthRange } from './common.js';
import { isWebUrl, joinWithin } from './sections.js';

/** The roles share what the 6000-character total of a message's embeds leaves. */
const ROLES_BUDGET = 4800;

/** One embed per role, newest first as the profile lists them, then education as a last compact embed. */
export function buildExperienceCard(profile: Profile): ReplyPayload {
  const { experience: roles, education } = profile;
  if (roles.length === 0 && education.length === 0) {
    return { content: `${profile.identity.name}'s profile lists no roles or education yet. Try /about or /projects.` };
  }
  const shown = roles.slice(0, education.length > 0 ? LIMITS.embeds - 1 : LIMITS.embeds);
  const budget = Math.min(LIMITS.description, Math.floor(ROLES_BUDGET / Math.max(1, shown.length)));
  const embeds = shown.map((role) => roleEmbed(role, budget));
  if (education.length > 0) embeds.push(educationEmbed(education));

  const first = embeds[0];
  if (first) first.author = author(profile);
  const last = embeds[embeds.length - 1];
  const hidden = roles.length - shown.length;
  if (last) last.footer = footer(`${hidden > 0 ? `${hidden} earlier role(s) not shown · ` : ''}See also /projects, /skills and /resume`);
  return { embeds };
}

function roleEmbed(role: Experience, budget: number): APIEmbed {
  const head = [`📅 ${formatMonthRange(role.start, role.end)}`, ...(role.summary ? [role.summary] : [])].join('\n');
  const highlights = joinWithin(
    role.highlights.map((item) => `• ${item}`),
    Math.max(0, budget - head.length - 2),
  );
  return {
    title: `${role.title} — ${role.organisation}`,
    ...(isWebUrl(role.url) ? { url: role.url } : {}),
    description: highlights ? `${head}\n\n${highlights}` : head,
    color: COLOURS.experience,
  };
}

function educationEmbed(education: readonly Education[]): APIEmbed {
  const only = education.length === 1 ? education[0] : undefined;
  return {
    title: '🎓 Education',
    ...(only && isWebUrl(only.url) ? { url: only.url } : {}),
    color: COLOURS.education,
    fields: education.map((entry) =>
      field(
        `${entry.degree} — ${entry.institution}`,
        [entry.status, entry.location ? `📍 ${entry.location}` : undefined].filter(Boolean).join('\n') || '—',
      ),
    ),
  };
}
