// Every searchable entry of a profile as one flat document. The fields map to
// the index's weighted keys: name > keywords (tags, aliases) > summary > body.
import type { Profile, Section } from '../profile/schema.js';
import { SKILL_LEVELS } from '../profile/constants.js';

export interface SearchDoc {
  section: Section;
  id: string;
  /** Display name: a project's name; a role's "title, organisation". */
  title: string;
  url: string | null;
  /** Names the entry is known by: its title and aliases. */
  names: string[];
  /** Tags, tools, categories and the questions the entry answers: what people search by. */
  keywords: string[];
  /** The questions the entry answers, in the asker's words (the profile's `answers`). */
  answers: string[];
  summary: string;
  /** Details, highlights, metrics: words that should find the entry, weakly. */
  body: string[];
  /** Shown first on an empty query. */
  notable: boolean;
  /** Position in the profile, for stable ties. */
  order: number;
}

export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'entry'
  );
}

type DocumentFields = Omit<SearchDoc, 'order'>;
type Skill = Profile['skills'][(typeof SKILL_LEVELS)[number]][number];

function projectDoc(project: Profile['projects'][number], profile: Profile): DocumentFields {
  const repo = project.links.find((link) => link.kind === 'repo') ?? project.links[0];
  // The last category of that id, as a Map built from the list would give.
  const category = profile.categories.findLast((each) => each.id === project.category);
  return {
    section: 'projects',
    id: project.id,
    title: project.name,
    url: repo?.url ?? null,
    names: [project.name, ...(project.aliases ?? [])],
    keywords: [...project.tags, ...(project.tools ?? []), category?.name ?? '', ...(category?.tags ?? [])],
    answers: project.answers ?? [],
    summary: project.summary,
    body: [
      ...project.details,
      ...(project.highlights ?? []),
      ...(project.metrics ?? []).map((m) => `${m.name} ${m.value} ${m.context ?? ''}`),
      ...project.links.map((l) => l.label),
      project.statusNote ?? '',
    ],
    notable: project.notable ?? false,
  };
}

function roleDoc(role: Profile['experience'][number]): DocumentFields {
  return {
    section: 'experience',
    id: role.id,
    title: `${role.title}, ${role.organisation}`,
    url: role.url ?? null,
    names: [role.title, `${role.title} ${role.organisation}`],
    keywords: [role.organisation, ...(role.tags ?? [])],
    answers: role.answers ?? [],
    summary: role.summary ?? '',
    body: role.highlights,
    notable: false,
  };
}

function educationDoc(entry: Profile['education'][number]): DocumentFields {
  return {
    section: 'education',
    id: entry.id,
    title: `${entry.degree}, ${entry.institution}`,
    url: entry.url ?? null,
    names: [entry.degree, entry.institution],
    keywords: [...(entry.tags ?? []), entry.location ?? ''],
    answers: entry.answers ?? [],
    summary: entry.status ?? '',
    body: [],
    notable: false,
  };
}

function researchDoc(item: Profile['research'][number]): DocumentFields {
  return {
    section: 'research',
    id: item.id,
    title: item.title,
    url: item.links?.[0]?.url ?? null,
    names: [item.title],
    keywords: item.tags ?? [],
    answers: item.answers ?? [],
    summary: item.summary,
    body: [item.status, ...(item.links ?? []).map((l) => l.label)],
    notable: false,
  };
}

function learningDoc(item: Profile['learning'][number]): DocumentFields {
  return {
    section: 'learning',
    id: item.id,
    title: item.title,
    url: item.url ?? null,
    names: [item.title],
    keywords: [...(item.tags ?? []), item.provider ?? ''],
    answers: item.answers ?? [],
    summary: item.progress ?? '',
    body: [],
    notable: false,
  };
}

function blogDoc(post: Profile['blogs'][number]): DocumentFields {
  return {
    section: 'blogs',
    id: post.id,
    title: post.title,
    url: post.url,
    names: [post.title],
    keywords: [...(post.tags ?? []), post.venue, post.kind],
    answers: post.answers ?? [],
    summary: post.summary,
    body: [post.note ?? ''],
    notable: false,
  };
}

function skillDoc(skill: Skill, level: (typeof SKILL_LEVELS)[number]): DocumentFields {
  return {
    section: 'skills',
    id: slugify(skill.name),
    title: skill.name,
    url: null,
    names: [skill.name],
    keywords: skill.tags ?? [],
    summary: skill.note ?? '',
    body: [level],
    answers: [],
    notable: false,
  };
}

function aboutDoc(topic: Profile['about'][number]): DocumentFields {
  return {
    section: 'about',
    id: topic.id,
    title: topic.title,
    url: topic.links?.[0]?.url ?? null,
    names: [topic.title],
    keywords: topic.tags ?? [],
    answers: topic.answers ?? [],
    summary: topic.text,
    body: [...(topic.items ?? []), ...(topic.links ?? []).map((l) => l.label)],
    notable: false,
  };
}

function contactDoc(link: Profile['identity']['links'][number]): DocumentFields {
  return {
    section: 'contact',
    id: link.kind,
    title: link.label,
    url: link.url,
    names: [link.label, link.kind],
    keywords: link.tags ?? [],
    answers: [],
    summary: '',
    body: [],
    notable: false,
  };
}

/** The profile's lists of entries, in document order, each with how one of its items becomes a document. */
function sectionsOf(profile: Profile): [readonly unknown[], (item: never) => DocumentFields][] {
  return [
    [profile.projects, (project: Profile['projects'][number]) => projectDoc(project, profile)],
    [profile.experience, roleDoc],
    [profile.education, educationDoc],
    [profile.research, researchDoc],
    [profile.learning, learningDoc],
    [profile.blogs, blogDoc],
    ...SKILL_LEVELS.map((level): [readonly unknown[], (item: never) => DocumentFields] => [
      profile.skills[level],
      (skill: Skill) => skillDoc(skill, level),
    ]),
    [profile.about, aboutDoc],
    [profile.identity.links, contactDoc],
  ];
}

export function buildDocuments(profile: Profile): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const [items, make] of sectionsOf(profile)) for (const item of items) docs.push(finished(make(item as never), docs.length));
  return docs;
}

/**
 * The document at `order` alone (what buildDocuments(profile)[order] is), or undefined past the last: the community
 * index makes a member's documents when a search returns them, not on every update.
 */
export function documentAt(profile: Profile, order: number): SearchDoc | undefined {
  let at = order;
  for (const [items, make] of sectionsOf(profile)) {
    if (at < items.length) return finished(make(items[at] as never), order);
    at -= items.length;
  }
  return undefined;
}

// Written out rather than spread: a spread copy here got a hidden class of its
// own per document, which every entry of a server's index kept.
function finished(doc: DocumentFields, order: number): SearchDoc {
  return new Document(
    doc.section,
    doc.id,
    doc.title,
    doc.url,
    doc.names,
    present(doc.keywords, doc.answers),
    doc.answers,
    doc.summary,
    present(doc.body),
    doc.notable,
    order,
  );
}

class Document implements SearchDoc {
  constructor(
    public section: Section,
    public id: string,
    public title: string,
    public url: string | null,
    public names: string[],
    public keywords: string[],
    public answers: string[],
    public summary: string,
    public body: string[],
    public notable: boolean,
    public order: number,
  ) {}
}

const NONE: readonly string[] = [];

/**
 * The non-empty strings of `first` then `second`, in an array of exactly that length. A filtered
 * copy keeps room to grow (17 places for a few strings), and the community index keeps every
 * document of every member of a server (docs/performance.md).
 */
function present(first: readonly string[], second: readonly string[] = NONE): string[] {
  let count = 0;
  for (const text of first) if (text) count++;
  for (const text of second) if (text) count++;
  const out = new Array<string>(count);
  let at = 0;
  for (const text of first) if (text) out[at++] = text;
  for (const text of second) if (text) out[at++] = text;
  return out;
}
