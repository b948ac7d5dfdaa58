import type { APIEmbed } from 'discord-api-types/v10';
import type { Learning, Profile, Skill } from '../../profile/schema.js';
import { LIMITS } from '../fit.js';
import { truncate } from '../text.js';
import type { ReplyPayload } from '../types.js';
import { COLOURS, field, footer, linkButton, linkRows } from './common.js';
import { isWebUrl, joinWithin, mdLink, pronounIs } from './sections.js';

/** What the person is learning now, with progress and links, and the skills they rate as "learning". */
export function buildLearningCard(profile: Profile): ReplyPayload {
  const items = profile.learning;
  const skills = profile.skills.learning;
  if (items.length === 0 && skills.length === 0) {
    return { content: `${profile.identity.name}'s profile lists nothing being learnt right now. Try /research or /skills.` };
  }
  const embed: APIEmbed = {
    title: `📚 What ${pronounIs(profile)} learning now`,
    description: items.length > 0 ? joinWithin(items.map(learningLine), 4000) : 'No courses listed right now.',
    color: COLOURS.learning,
    ...(skills.length > 0
      ? { fields: [field('Skills at level "learning"', joinWithin(skills.map(skillText), LIMITS.fieldValue, ' · '))] }
      : {}),
    footer: footer('See also /research and /skills level:learning'),
  };
  const buttons = items
    .filter((item) => isWebUrl(item.url))
    .map((item) => linkButton(truncate(item.title, LIMITS.buttonLabel), item.url ?? '', '🎓'));
  return { embeds: [embed], components: linkRows(buttons, 2) };
}

/** "• **[Deep Learning Course, Part 2](url)** — fast.ai · progress: Lecture 12" */
function learningLine(item: Learning): string {
  const details = [item.provider, item.progress ? `progress: ${item.progress}` : undefined].filter(Boolean).join(' · ');
  return `• **${mdLink(item.title, item.url)}**${details ? ` — ${details}` : ''}`;
}

function skillText(skill: Skill): string {
  return skill.note ? `${skill.name} (${skill.note})` : skill.name;
}
