// Cards only /ask needs: one about-section topic, the projects' measured results,
// a short list of projects, and the intro with example questions. Everything
// else an answer shows reuses the section and project cards.
//
// Profile text is trusted and shown as written; anything a user typed arrives
// here already escaped (cleanUserText) by the caller.
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Profile, Project, Topic } from '../../profile/schema.js';
import { LIMITS } from '../fit.js';
import { truncate } from '../text.js';
import type { ReplyPayload, Surface } from '../types.js';
import { author, bullets, categoryColour, COLOURS, field, footer, linkButton, linkRows } from './common.js';
import { formatMetric, projectLine, projectUrl } from './project.js';
import { isWebUrl, joinWithin, mdLink } from './sections.js';

/** One topic of the about section: its text (the person's own words), its list and its links. */
export function buildTopicCard(profile: Profile, topic: Topic): ReplyPayload {
  const links = (topic.links ?? []).filter((link) => isWebUrl(link.url));
  const fields: APIEmbedField[] = [];
  if (topic.items && topic.items.length > 0)
    fields.push(
      field(
        'In short',
        joinWithin(
          topic.items.map((item) => `• ${item}`),
          LIMITS.fieldValue,
        ),
      ),
    );
  if (links.length > 0)
    fields.push(
      field(
        'Links',
        joinWithin(
          links.map((link) => `🔗 ${mdLink(link.label, link.url)}`),
          LIMITS.fieldValue,
        ),
      ),
    );
  const embed: APIEmbed = {
    title: truncate(topic.title, LIMITS.title),
    description: `> ${topic.text.replace(/\n+/g, '\n> ')}`,
    color: COLOURS.about,
    author: author(profile),
    fields,
    footer: footer(`${profile.identity.name}'s own words, from the profile · more: /about`),
  };
  const buttons = links.map((link) => linkButton(truncate(link.label, LIMITS.buttonLabel), link.url, '🔗'));
  return { embeds: [embed], components: linkRows(buttons, 1) };
}

/** The projects' measured results: a field per project, each metric with its context. */
export function buildMetricsCard(profile: Profile, projects: readonly Project[]): APIEmbed {
  const fields = projects.slice(0, LIMITS.fields).map((project) => {
    const lines = (project.metrics ?? []).map(formatMetric);
    const url = projectUrl(project);
    if (url) lines.push(`🔗 ${mdLink('Repository / page', url)}`);
    return field(truncate(project.name, LIMITS.fieldName), joinWithin(lines, LIMITS.fieldValue));
  });
  return {
    title: `${profile.identity.name} — results by the numbers`,
    description: 'Every measured result in the profile, project by project.',
    color: COLOURS.brand,
    author: author(profile),
    fields,
    footer: footer('A project in full: /project name:… · all projects: /projects'),
  };
}

/** A short list of projects (a line each, linked), titled. */
export function buildProjectLinesCard(profile: Profile, title: string, projects: readonly Project[], note: string): APIEmbed {
  const first = projects[0];
  return {
    title: truncate(title, LIMITS.title),
    description: joinWithin(
      projects.map((project) => projectLine(project)),
      4000,
    ),
    color: first ? categoryColour(profile, first.category) : COLOURS.brand,
    author: author(profile),
    footer: footer(note),
  };
}

/** Where a question can be asked, as the intro says it. */
const ASK_WHERE: Readonly<Record<Surface, string>> = {
  discord: 'Ask in plain words, in a DM, by mentioning me, or with /ask.',
  terminal: 'Ask in plain words, or with /ask.',
};

/** The intro: what the bot answers, example questions, and the commands to browse. */
export function buildAskIntroCard(
  profile: Profile,
  greeting: string,
  examples: readonly string[],
  surface: Surface = 'discord',
): ReplyPayload {
  const embed: APIEmbed = {
    title: `Ask me about ${profile.identity.name}`,
    description: `${profile.identity.headline}\n\n${ASK_WHERE[surface]} For example:\n${bullets(examples.map((example) => `*${example}*`))}`,
    color: COLOURS.brand,
    fields: [field('Browse', '/projects · /skills · /experience · /about · /contact · /search <words> · /help')],
    footer: footer('Answers come from the profile only: when it has no answer, I say so.'),
  };
  return { content: greeting, embeds: [embed] };
}
