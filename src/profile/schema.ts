// The profile schema: the single source of truth for profile data.
// Types are inferred from it, `data/profile.schema.json` is generated from it
// (`npm run schema`), and the loader reports its issues as file:line:col.
// The vocabularies and text bounds it uses are in ./constants.ts.
import * as z from 'zod';
import { CONTACT_KINDS, LIMITS, PROJECT_LINK_KINDS, PROJECT_STATUSES } from './constants.js';
import { nameKey } from './name-key.js';

export {
  CONTACT_KINDS,
  LIMITS,
  PROJECT_LINK_KINDS,
  PROJECT_STATUSES,
  SECTIONS,
  SKILL_LEVELS,
  type ContactKind,
  type ProjectLinkKind,
  type ProjectStatus,
  type Section,
  type SkillLevel,
} from './constants.js';

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A link in the profile: absolute http(s) or mailto, or a path relative to
 * `site` ("/files/x.pdf"), which the loader resolves to an absolute url.
 */
export const linkUrl = z
  .string()
  .max(LIMITS.url)
  .superRefine((value, ctx) => {
    const problem = describeLinkUrl(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  })
  .meta({ description: 'An absolute http(s) or mailto URL, or a path under `site` starting with "/".' });

/** Why `value` is not a link the bot may show, or undefined when it is one. */
export function describeLinkUrl(value: string): string | undefined {
  // A space would be cut out of the link where replies show it, silently
  // sending readers somewhere else: refuse it here, where it can be fixed.
  if (/\s/.test(value)) return 'Invalid URL: it contains a space or line break; write a space as %20';
  if (value.startsWith('/') && !value.startsWith('//')) return undefined;
  const generic = 'Invalid URL: use http(s)://…, mailto:… or a /path under site';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return generic;
  }
  if (url.protocol === 'mailto:') return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(url.pathname) ? undefined : generic;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return generic;
  return describeUserInfo(url) ?? (url.hostname.includes('.') ? undefined : generic);
}

/**
 * `https://github.com@evil.example/` opens evil.example: whatever comes before an
 * "@" in the host part is a user name (and password), which readers mistake for the host.
 */
function describeUserInfo(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  return `Invalid URL: it has a user name or password before "@", so it leads to ${url.hostname}, not ${url.username}; remove the part before "@"`;
}

/** The same checks for `site`, which z.url() has already parsed. */
function describeSiteUrl(value: string): string | undefined {
  if (/\s/.test(value)) return 'Invalid URL: it contains a space or line break; write a space as %20';
  try {
    return describeUserInfo(new URL(value));
  } catch {
    return undefined; // z.url() reports it
  }
}

const id = z
  .string()
  .regex(ID_PATTERN, 'Invalid id: use lowercase letters, digits and single hyphens (e.g. "lookahead-optimizer")')
  .max(LIMITS.id);
const text = (max: number) => z.string().trim().min(1, 'Must not be empty').max(max);
const tags = z.array(text(LIMITS.tag)).max(LIMITS.listItems);
const list = (max: number) => z.array(text(max)).max(LIMITS.listItems);
/**
 * Questions an entry answers, in the asker's words ("managed people", "won a
 * competition"): what a concept means for this profile, kept in the data
 * rather than in the bot's rules. /ask answers with the entry when every word
 * of one of them is in a question (inflections and typos allowed).
 */
const answers = list(LIMITS.short)
  .optional()
  .meta({ description: 'Questions this entry answers, in the asker\'s words ("managed people", "won a competition").' });

export const contactLinkSchema = z.strictObject({
  kind: z.enum(CONTACT_KINDS),
  label: text(LIMITS.label),
  url: linkUrl,
  tags: tags.optional(),
});

export const topicSchema = z.strictObject({
  id,
  title: text(LIMITS.name),
  text: text(LIMITS.paragraph),
  items: list(LIMITS.short).optional(),
  links: z
    .array(z.strictObject({ label: text(LIMITS.label), url: linkUrl }))
    .max(LIMITS.links)
    .optional(),
  tags: tags.optional(),
  answers,
});

export const educationSchema = z.strictObject({
  id,
  institution: text(LIMITS.name),
  degree: text(LIMITS.name),
  status: text(LIMITS.short).optional(),
  location: text(LIMITS.name).optional(),
  url: linkUrl.optional(),
  tags: tags.optional(),
  answers,
});

const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected a month as YYYY-MM');

export const experienceSchema = z.strictObject({
  id,
  title: text(LIMITS.name),
  organisation: text(LIMITS.name),
  url: linkUrl.optional(),
  start: yearMonth,
  end: yearMonth.optional(),
  summary: text(LIMITS.summary).optional(),
  highlights: list(LIMITS.short),
  tags: tags.optional(),
  answers,
});

export const researchSchema = z.strictObject({
  id,
  title: text(LIMITS.name),
  summary: text(LIMITS.summary),
  status: text(LIMITS.label),
  links: z
    .array(z.strictObject({ label: text(LIMITS.label), url: linkUrl }))
    .max(LIMITS.links)
    .optional(),
  tags: tags.optional(),
  answers,
});

export const learningSchema = z.strictObject({
  id,
  title: text(LIMITS.name),
  provider: text(LIMITS.name).optional(),
  progress: text(LIMITS.label).optional(),
  url: linkUrl.optional(),
  tags: tags.optional(),
  answers,
});

export const blogSchema = z.strictObject({
  id,
  title: text(LIMITS.name),
  kind: z.enum(['blog', 'tutorial']),
  venue: text(LIMITS.name),
  url: linkUrl,
  summary: text(LIMITS.summary),
  note: text(LIMITS.short).optional(),
  tags: tags.optional(),
  answers,
});

export const categorySchema = z.strictObject({
  id,
  name: text(LIMITS.name),
  description: text(LIMITS.summary).optional(),
  tags: tags.optional().meta({
    description: 'Words every project of this category answers to ("own tooling" for the things built from scratch), beside its name.',
  }),
});

export const projectSchema = z.strictObject({
  id,
  name: text(LIMITS.name),
  category: id,
  summary: text(LIMITS.summary),
  details: list(LIMITS.paragraph),
  highlights: list(LIMITS.short).optional(),
  metrics: z
    .array(
      z.strictObject({
        name: text(LIMITS.label),
        value: text(LIMITS.label),
        context: text(LIMITS.short).optional(),
        highlight: text(LIMITS.short).optional().meta({
          description: 'Why this is the result to name for "his best / most impressive result?" (one metric in the profile at most).',
        }),
      }),
    )
    .max(LIMITS.listItems)
    .optional(),
  tools: list(LIMITS.tag).optional(),
  links: z.array(z.strictObject({ kind: z.enum(PROJECT_LINK_KINDS), label: text(LIMITS.label), url: linkUrl })).max(LIMITS.links),
  tags: tags,
  aliases: z.array(text(LIMITS.name)).max(LIMITS.listItems).optional(),
  status: z.enum(PROJECT_STATUSES),
  statusNote: text(LIMITS.short).optional(),
  image: z.strictObject({ url: linkUrl, alt: text(LIMITS.label) }).optional(),
  usage: z.strictObject({ language: z.string().regex(/^[a-z0-9+#-]{1,20}$/), code: text(LIMITS.code) }).optional(),
  notable: z.boolean().optional(),
  answers,
  highlight: text(LIMITS.short)
    .optional()
    .meta({ description: 'Why this is the project to name for "his best / most impressive project?" (one project at most).' }),
});

export const skillSchema = z.strictObject({
  name: text(LIMITS.name),
  note: text(LIMITS.short).optional(),
  tags: tags.optional(),
});

export const profileSchema = z
  .strictObject({
    version: z.number().int().positive(),
    site: z
      .url({ protocol: /^https?$/, hostname: z.regexes.domain })
      .max(LIMITS.url)
      .superRefine((value, ctx) => {
        const problem = describeSiteUrl(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
      })
      .meta({ description: 'Base url that site-relative links ("/files/…") are resolved against.' }),
    updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD'),
    identity: z.strictObject({
      name: text(LIMITS.name),
      pronoun: z.enum(['he', 'she', 'they']).default('they'),
      headline: text(LIMITS.short),
      location: text(LIMITS.name).optional(),
      summary: text(LIMITS.summary),
      avatar: linkUrl.optional(),
      links: z.array(contactLinkSchema).min(1).max(LIMITS.links),
      private: z
        .strictObject({ phone: z.string().regex(/^\+?[0-9 ()-]{6,20}$/, 'Expected a phone number') })
        .optional()
        .meta({ description: 'Kept for the record, never shown: the reply module redacts these values.' }),
    }),
    about: z.array(topicSchema).min(1).max(LIMITS.listItems),
    education: z.array(educationSchema).max(LIMITS.listItems),
    experience: z.array(experienceSchema).max(LIMITS.listItems),
    research: z.array(researchSchema).max(LIMITS.listItems),
    learning: z.array(learningSchema).max(LIMITS.listItems),
    blogs: z.array(blogSchema).max(LIMITS.listItems),
    categories: z.array(categorySchema).min(1).max(10),
    projects: z.array(projectSchema).min(1).max(200),
    skills: z.strictObject({
      expert: z.array(skillSchema).max(LIMITS.listItems),
      intermediate: z.array(skillSchema).max(LIMITS.listItems),
      basic: z.array(skillSchema).max(LIMITS.listItems),
      learning: z.array(skillSchema).max(LIMITS.listItems),
    }),
    notes: z
      .strictObject({
        blogs: text(LIMITS.short).optional(),
        projects: text(LIMITS.short).optional(),
      })
      .optional(),
  })
  // Cross-field checks run even when a field elsewhere is wrong (an unknown key,
  // a missing field), so that every problem is reported at once: they read the
  // partly validated value defensively.
  .superRefine((profile, ctx) => checkReferences(profile as unknown as Record<string, unknown>, ctx), {
    when: (payload) => isRecord(payload.value),
  });

export type Profile = z.output<typeof profileSchema>;
export type Project = Profile['projects'][number];
export type Experience = Profile['experience'][number];
export type Blog = Profile['blogs'][number];
export type Research = Profile['research'][number];
export type Learning = Profile['learning'][number];
export type Education = Profile['education'][number];
export type Topic = Profile['about'][number];
export type Skill = Profile['skills']['expert'][number];
export type Category = Profile['categories'][number];

type Ctx = z.RefinementCtx;
const ID_LISTS = ['about', 'education', 'experience', 'research', 'learning', 'blogs', 'categories', 'projects'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The entries of a list that are objects, with their indices; nothing when it is not a list. */
function entriesOf(value: unknown): [Record<string, unknown>, number][] {
  return Array.isArray(value)
    ? value.flatMap((entry, index): [Record<string, unknown>, number][] => (isRecord(entry) ? [[entry, index]] : []))
    : [];
}

function checkReferences(profile: Record<string, unknown>, ctx: Ctx): void {
  checkUniqueIds(profile, ctx);
  checkAliases(profile, ctx);
  checkCategories(profile, ctx);
  checkHighlight(profile, ctx);
}

/**
 * At most one project is "the best": /ask names it for "his best project?", so two would be a coin toss;
 * and at most one metric is "the best result".
 */
function checkHighlight(profile: Record<string, unknown>, ctx: Ctx): void {
  let first: number | undefined;
  for (const [project, index] of entriesOf(profile['projects'])) {
    if (project['highlight'] === undefined) continue;
    if (first === undefined) first = index;
    else
      ctx.addIssue({
        code: 'custom',
        path: ['projects', index, 'highlight'],
        message: `Only one project may have a highlight (projects[${first}] has one already)`,
      });
  }
  // Likewise one result is "the best result".
  let firstMetric: string | undefined;
  for (const [project, index] of entriesOf(profile['projects'])) {
    for (const [metric, at] of entriesOf(project['metrics'])) {
      if (metric['highlight'] === undefined) continue;
      if (firstMetric === undefined) firstMetric = `projects[${index}].metrics[${at}]`;
      else
        ctx.addIssue({
          code: 'custom',
          path: ['projects', index, 'metrics', at, 'highlight'],
          message: `Only one metric may have a highlight (${firstMetric} has one already)`,
        });
    }
  }
}

function checkUniqueIds(profile: Record<string, unknown>, ctx: Ctx): void {
  for (const section of ID_LISTS) {
    const seen = new Map<string, number>();
    for (const [entry, index] of entriesOf(profile[section])) {
      const id = entry['id'];
      if (typeof id !== 'string') continue;
      const first = seen.get(id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [section, index, 'id'],
          message: `Duplicate id "${id}" (already used by ${section}[${first}])`,
        });
      } else seen.set(id, index);
    }
  }
}

/** A project's category names one of the categories (a malformed one is reported by its own check). */
function checkCategories(profile: Record<string, unknown>, ctx: Ctx): void {
  const categories = new Set(entriesOf(profile['categories']).flatMap(([entry]) => (typeof entry['id'] === 'string' ? [entry['id']] : [])));
  for (const [project, index] of entriesOf(profile['projects'])) {
    const category = project['category'];
    if (typeof category !== 'string' || !ID_PATTERN.test(category) || categories.has(category)) continue;
    ctx.addIssue({
      code: 'custom',
      path: ['projects', index, 'category'],
      message: `Unknown category "${category}": expected one of ${[...categories].join(', ')}`,
    });
  }
}

/** An alias names exactly one project: no alias may repeat, nor equal another project's name. */
function checkAliases(profile: Record<string, unknown>, ctx: Ctx): void {
  const owner = new Map<string, string>();
  const projects = entriesOf(profile['projects']);
  for (const [project, index] of projects) {
    if (typeof project['name'] === 'string') owner.set(nameKey(project['name']), `projects[${index}].name`);
  }
  for (const [project, index] of projects) {
    const aliases = project['aliases'];
    if (!Array.isArray(aliases)) continue;
    aliases.forEach((alias: unknown, aliasIndex) => {
      if (typeof alias !== 'string') return;
      const key = nameKey(alias);
      const where = `projects[${index}].aliases[${aliasIndex}]`;
      const first = owner.get(key);
      if (first === `projects[${index}].name`) return; // an alias equal to its own name is harmless
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['projects', index, 'aliases', aliasIndex],
          message: `Duplicate alias "${alias}" (already used by ${first})`,
        });
      } else owner.set(key, where);
    });
  }
}
