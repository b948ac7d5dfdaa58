import type { APIEmbed } from 'discord-api-types/v10';
import type { Profile, Skill, SkillLevel } from '../../profile/schema.js';
import { SKILL_LEVELS } from '../../profile/constants.js';
import { LIMITS } from '../fit.js';
import type { ReplyPayload } from '../types.js';
import { COLOURS, field, footer } from './common.js';
import { joinWithin } from './sections.js';

export const SKILL_LEVEL_LABELS: Record<SkillLevel, string> = {
  expert: 'Expert',
  intermediate: 'Intermediate',
  basic: 'Basic',
  learning: 'Learning',
};

/** A level from what was typed ("Expert", " basic "), or undefined when it names none. */
export function parseSkillLevel(value: string): SkillLevel | undefined {
  const folded = value.trim().toLowerCase();
  return SKILL_LEVELS.find((level) => level === folded);
}

/** "AWS, GCP — *Managing VMs for AI Research / Model Training*" */
function skillLine(skill: Skill): string {
  return skill.note ? `• ${skill.name} — *${skill.note}*` : `• ${skill.name}`;
}

/** Every level as a field, in the order expert → learning; or one level with its notes. */
export function buildSkillsCard(profile: Profile, level?: SkillLevel): ReplyPayload {
  const name = profile.identity.name;
  if (level) {
    const skills = profile.skills[level];
    const others = SKILL_LEVELS.filter((other) => other !== level).map((other) => `/skills level:${other}`);
    const embed: APIEmbed = {
      title: `${name} — skills: ${SKILL_LEVEL_LABELS[level]}`,
      description: skills.length > 0 ? joinWithin(skills.map(skillLine), 4000) : 'Nothing listed at this level.',
      color: COLOURS.skills,
      footer: footer(`Other levels: ${others.join(' · ')}`),
    };
    return { embeds: [embed] };
  }
  const embed: APIEmbed = {
    title: `${name} — skills`,
    description: 'Self-rated levels: **Expert** › **Intermediate** › **Basic**, plus what is being **Learnt** now. Notes in *italics*.',
    color: COLOURS.skills,
    fields: SKILL_LEVELS.map((each) => {
      const skills = profile.skills[each];
      return field(
        SKILL_LEVEL_LABELS[each],
        skills.length > 0 ? joinWithin(skills.map(skillLine), LIMITS.fieldValue) : 'Nothing listed yet.',
      );
    }),
    footer: footer('One level with its notes: /skills level:expert (or intermediate, basic, learning)'),
  };
  return { embeds: [embed] };
}
