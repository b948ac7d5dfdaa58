// `portfolio-bot export --format json-resume`: the profile as a JSON Resume
// (schema v1.0.0) that @jsonresume/schema validates. Each fact goes to the
// field JSON Resume has for it; what it has no field for (ids, tags, metrics,
// categories, statuses, aliases, details…) goes under `x-portfolio-bot` keys, on
// the résumé and on each entry, so that importing the export gives the profile
// back (src/resume/map.ts reads them). The private phone is left out unless asked for.
import type { Profile } from '../profile/schema.js';
import { EXTENSION, type JsonResume, type ResumeLocation, type ResumeProfileLink } from './types.js';

export interface ExportOptions {
  /** Put identity.private (the phone number) in basics.phone: off by default, since résumés get published. */
  includePrivate?: boolean;
}

const LEVEL_WORDS = { expert: 'Expert', intermediate: 'Intermediate', basic: 'Beginner', learning: 'Learning' } as const;
const NETWORKS: Readonly<Record<string, string>> = {
  github: 'GitHub',
  twitter: 'Twitter',
  linkedin: 'LinkedIn',
  website: 'Website',
  resume: 'Resume',
};

export function exportResume(profile: Profile, options: ExportOptions = {}): JsonResume {
  const { identity } = profile;
  const email = identity.links.find((link) => link.kind === 'email')?.url.replace(/^mailto:/, '');
  const resume: JsonResume = {
    basics: strip({
      name: identity.name,
      label: identity.headline,
      image: identity.avatar,
      email,
      phone: options.includePrivate ? identity.private?.phone : undefined,
      url: profile.site,
      summary: identity.summary,
      location: identity.location === undefined ? undefined : splitLocation(identity.location),
      profiles: identity.links.filter((link) => link.kind !== 'email').map(toNetwork),
    }),
    work: profile.experience.map((role) =>
      strip({
        name: role.organisation,
        position: role.title,
        url: role.url,
        startDate: role.start,
        endDate: role.end,
        summary: role.summary,
        highlights: role.highlights,
        [EXTENSION]: { id: role.id, tags: role.tags ?? [], answers: role.answers ?? null },
      }),
    ),
    education: profile.education.map((school) =>
      strip({
        institution: school.institution,
        studyType: school.degree,
        url: school.url,
        [EXTENSION]: {
          id: school.id,
          degree: school.degree,
          status: school.status ?? null,
          location: school.location ?? null,
          tags: school.tags ?? [],
          answers: school.answers ?? null,
        },
      }),
    ),
    certificates: profile.learning.map((course) =>
      strip({
        name: course.title,
        issuer: course.provider,
        url: course.url,
        [EXTENSION]: {
          id: course.id,
          progress: course.progress ?? null,
          tags: course.tags ?? [],
          answers: course.answers ?? null,
        },
      }),
    ),
    publications: [
      ...profile.research.map((paper) =>
        strip({
          name: paper.title,
          publisher: paper.links?.[0]?.label,
          url: paper.links?.[0]?.url,
          summary: paper.summary,
          [EXTENSION]: {
            section: 'research',
            id: paper.id,
            status: paper.status,
            links: paper.links ?? [],
            tags: paper.tags ?? [],
            answers: paper.answers ?? null,
          },
        }),
      ),
      ...profile.blogs.map((post) =>
        strip({
          name: post.title,
          publisher: post.venue,
          url: post.url,
          summary: post.summary,
          [EXTENSION]: {
            section: 'blogs',
            id: post.id,
            kind: post.kind,
            note: post.note ?? null,
            tags: post.tags ?? [],
            answers: post.answers ?? null,
          },
        }),
      ),
    ],
    skills: (['expert', 'intermediate', 'basic', 'learning'] as const).flatMap((level) =>
      profile.skills[level].map((skill) =>
        strip({
          name: skill.name,
          level: LEVEL_WORDS[level],
          keywords: skill.tags ?? [],
          [EXTENSION]: { level, note: skill.note ?? null },
        }),
      ),
    ),
    interests: profile.about.map((topic) =>
      strip({
        name: topic.title,
        keywords: topic.tags ?? [],
        [EXTENSION]: {
          section: 'about',
          id: topic.id,
          text: topic.text,
          items: topic.items ?? [],
          links: topic.links ?? null,
          tags: topic.tags ?? [],
          answers: topic.answers ?? null,
        },
      }),
    ),
    projects: profile.projects.map((project) =>
      strip({
        name: project.name,
        description: project.summary,
        highlights: project.highlights ?? [],
        keywords: project.tags,
        url: project.links[0]?.url,
        type: profile.categories.find((category) => category.id === project.category)?.name,
        [EXTENSION]: {
          id: project.id,
          category: project.category,
          details: project.details,
          metrics: project.metrics ?? null,
          tools: project.tools ?? null,
          links: project.links,
          aliases: project.aliases ?? null,
          status: project.status,
          statusNote: project.statusNote ?? null,
          image: project.image ?? null,
          usage: project.usage ?? null,
          notable: project.notable ?? null,
          answers: project.answers ?? null,
          highlight: project.highlight ?? null,
        },
      }),
    ),
    meta: { lastModified: `${profile.updated}T00:00:00` },
    [EXTENSION]: strip({
      version: profile.version,
      site: profile.site,
      updated: profile.updated,
      pronoun: identity.pronoun,
      identity: strip({
        links: identity.links,
        location: identity.location,
        private: options.includePrivate ? identity.private : undefined,
      }),
      categories: profile.categories,
      notes: profile.notes,
    }),
  };
  return resume;
}

/** "Pilani, India" → city "Pilani", region "India": the importer joins them back. */
function splitLocation(location: string): ResumeLocation {
  const comma = location.indexOf(',');
  if (comma < 0) return { city: location };
  return { city: location.slice(0, comma).trim(), region: location.slice(comma + 1).trim() };
}

function toNetwork(link: Profile['identity']['links'][number]): ResumeProfileLink {
  const username =
    link.kind === 'website' || link.kind === 'resume' ? undefined : /^https?:\/\/[^/]+\/(?:in\/)?([^/?#]+)/.exec(link.url)?.[1];
  return strip({ network: NETWORKS[link.kind] ?? link.label, username, url: link.url });
}

/** Without its undefined fields (JSON would drop them anyway; the type says they are absent). */
function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined)) as T;
}
