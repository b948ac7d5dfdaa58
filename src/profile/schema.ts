// The profile schema: the single source of truth for profile data.
// Types are inferred from it, `data/profile.schema.json` is generated from it
// (`npm run schema`), and the loader reports its issues as file:line:col.
// The vocabularies and text bounds it uses are in ./constants.ts.
import * as z from 'zod';
import { CONTACT_KINDS, LIMITS, PROJECT_LINK_KINDS, PROJECT_STATUSES } from './constants.js';

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
  .refine((value) => isLinkUrl(value), { message: 'Invalid URL: use http(s)://…, mailto:… or a /path under site' })
  .meta({ description: 'An absolute http(s) or mailto URL, or a path under `site` starting with "/".' });

export function isLinkUrl(value: string): boolean {
  if (value.startsWith('/') && !value.startsWith('//')) return !/\s/.test(value);
  try {
    const url = new URL(value);
    if (url.protocol === 'mailto:') return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(url.pathname);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

const id = z
  .string()
  .regex(ID_PATTERN, 'Invalid id: use lowercase letters, digits and single hyphens (e.g. "lookahead-optimizer")')
  .max(LIMITS.id);
const text = (max: number) => z.string().trim().min(1, 'Must not be empty').max(max);
const tags = z.array(text(LIMITS.tag)).max(LIMITS.listItems);
const list = (max: number) => z.array(text(max)).max(LIMITS.listItems);

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
  links: z.array(z.strictObject({ label: text(LIMITS.label), url: linkUrl })).max(LIMITS.links).optional(),
  tags: tags.optional(),
});

export const educationSchema = z.strictObject({
  id,
  institution: text(LIMITS.name),
  degree: text(LIMITS.name),
  status: text(LIMITS.short).optional(),
  location: text(LIMITS.name).optional(),
  url: linkUrl.optional(),
  tags: tags.optional(),
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
});

export const researchSchema = z.strictObject({
  id,
  title: text(LIMITS.name),
  summary: text(LIMITS.summary),
  status: text(LIMITS.label),
  links: z.array(z.strictObject({ label: text(LIMITS.label), url: linkUrl })).max(LIMITS.links).optional(),
  tags: tags.optional(),
});

export const learningSchema = z.strictObject({
  id,
  title: text(LIMITS.name),
  provider: text(LIMITS.name).optional(),
  progress: text(LIMITS.label).optional(),
  url: linkUrl.optional(),
  tags: tags.optional(),
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
});

export const categorySchema = z.strictObject({
  id,
  name: text(LIMITS.name),
  description: text(LIMITS.summary).optional(),
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
      }),
    )
    .max(LIMITS.listItems)
    .optional(),
  tools: list(LIMITS.tag).optional(),
  links: z
    .array(z.strictObject({ kind: z.enum(PROJECT_LINK_KINDS), label: text(LIMITS.label), url: linkUrl }))
    .max(LIMITS.links),
  tags: tags,
  aliases: z.array(text(LIMITS.name)).max(LIMITS.listItems).optional(),
  status: z.enum(PROJECT_STATUSES),
  statusNote: text(LIMITS.short).optional(),
  image: z.strictObject({ url: linkUrl, alt: text(LIMITS.label) }).optional(),
  usage: z.strictObject({ language: z.string().regex(/^[a-z0-9+#-]{1,20}$/), code: text(LIMITS.code) }).optional(),
  notable: z.boolean().optional(),
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
  .superRefine((profile, ctx) => {
    checkUniqueIds(profile, ctx);
    checkAliases(profile, ctx);
    const categories = new Set(profile.categories.map((c) => c.id));
    profile.projects.forEach((project, index) => {
      if (!categories.has(project.category)) {
        ctx.addIssue({
          code: 'custom',
          path: ['projects', index, 'category'],
          message: `Unknown category "${project.category}": expected one of ${[...categories].join(', ')}`,
        });
      }
    });
  });

export type ProfileInput = z.input<typeof profileSchema>;
export type Profile = z.output<typeof profileSchema>;
export type Project = Profile['projects'][number];
export type Experience = Profile['experience'][number];
export type Blog = Profile['blogs'][number];
export type Research = Profile['research'][number];
export type Learning = Profile['learning'][number];
export type Education = Profile['education'][number];
export type Topic = Profile['about'][number];
export type Skill = Profile['skills']['expert'][number];
export type ContactLink = Profile['identity']['links'][number];
export type Category = Profile['categories'][number];

type Ctx = z.RefinementCtx;
type IdList = 'about' | 'education' | 'experience' | 'research' | 'learning' | 'blogs' | 'categories' | 'projects';

function checkUniqueIds(profile: Record<IdList, readonly { id: string }[]>, ctx: Ctx): void {
  for (const section of ['about', 'education', 'experience', 'research', 'learning', 'blogs', 'categories', 'projects'] as const) {
    const seen = new Map<string, number>();
    profile[section].forEach((entry, index) => {
      const first = seen.get(entry.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [section, index, 'id'],
          message: `Duplicate id "${entry.id}" (already used by ${section}[${first}])`,
        });
      } else seen.set(entry.id, index);
    });
  }
}

/** An alias names exactly one project: no alias may repeat, nor equal another project's name. */
function checkAliases(profile: { projects: { name: string; aliases?: string[] | undefined }[] }, ctx: Ctx): void {
  const owner = new Map<string, string>();
  profile.projects.forEach((project, index) => owner.set(normaliseKey(project.name), `projects[${index}].name`));
  profile.projects.forEach((project, index) => {
    project.aliases?.forEach((alias, aliasIndex) => {
      const key = normaliseKey(alias);
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
  });
}

function normaliseKey(value: string): string {
  return value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
