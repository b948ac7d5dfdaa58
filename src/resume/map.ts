// JSON Resume → profile, section by section (src/resume/import.ts runs it and
// writes the YAML). Each section of the résumé goes where the profile keeps it:
//
//   basics          → identity (name, label → headline, summary, location, image
//                     → avatar, email/url/profiles → links, phone → private), site
//   work, volunteer → experience (a volunteer role tagged "volunteer")
//   education       → education (studyType and area → degree; dates, score → status; courses → tags)
//   publications    → research (or blogs, when the exporter said so)
//   certificates    → learning
//   awards          → the "awards" topic of about, which /ask and search find
//   languages, interests, references → about topics
//   skills          → skills by level (keywords → tags)
//   projects        → projects (type → category, keywords → tags, url → link,
//                     roles, entity and dates → details and status note)
//   meta            → updated (lastModified)
//
// A résumé written by `portfolio-bot export` carries `x-portfolio-bot` keys with
// the facts JSON Resume has no field for (ids, tags, metrics, categories,
// statuses, aliases…): they are read back, so that import(export(p)) is p.
import type { CONTACT_KINDS, PROJECT_LINK_KINDS } from '../profile/constants.js';
import { LIMITS } from '../profile/constants.js';
import type { Draft } from './draft.js';
import { clean, cutText, describeSpan, slug, toMonth } from './draft.js';
import { EXTENSION, type JsonResume, type ResumeProject, type ResumeSkill } from './types.js';

type Data = Record<string, unknown>;
type Entry = Record<string, unknown>;

/** The `x-portfolio-bot` object of an entry, or an empty one. */
function extensionOf(entry: unknown): Data {
  const ext = isRecord(entry) ? entry[EXTENSION] : undefined;
  return isRecord(ext) ? ext : {};
}

function isRecord(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The entries of a résumé section that are objects, with their indices. */
function entries(value: unknown): [Entry, number][] {
  return Array.isArray(value) ? value.flatMap((entry, index): [Entry, number][] => (isRecord(entry) ? [[entry, index]] : [])) : [];
}

/** Only what is set: `{a: 1, b: undefined, c: null, d: []}` → `{a: 1}` (the YAML shows no empty keys; an extension's null is "none"). */
function defined(data: Data): Data {
  return Object.fromEntries(
    Object.entries(data).filter(([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)),
  );
}

/** What an extension set for `key`, when it set anything. */
function fromExt(ext: Data, key: string): unknown {
  return Object.hasOwn(ext, key) ? ext[key] : undefined;
}

export interface MapOptions {
  /** Today as YYYY-MM-DD: `updated` when the résumé's meta has no date. */
  today: string;
}

export function mapResume(resume: JsonResume, draft: Draft, options: MapOptions): Data {
  const top = extensionOf(resume);
  const profile: Data = {
    version: typeof top['version'] === 'number' ? top['version'] : 1,
    site: mapSite(resume, top, draft),
    updated: mapUpdated(resume, top, options.today),
    identity: mapIdentity(resume, top, draft),
    about: mapAbout(resume, draft),
    education: mapEducation(resume, draft),
    experience: mapExperience(resume, draft),
    research: [] as Data[],
    learning: mapLearning(resume, draft),
    blogs: [] as Data[],
    categories: [] as Data[],
    projects: [] as Data[],
    skills: mapSkills(resume.skills, draft),
  };
  const { research, blogs } = mapPublications(resume, draft);
  profile['research'] = research;
  profile['blogs'] = blogs;
  const { categories, projects } = mapProjects(resume, top, draft);
  profile['categories'] = categories;
  profile['projects'] = projects;
  if (isRecord(top['notes'])) profile['notes'] = top['notes'];
  draft.leave('meta.canonical', clean(resume.meta?.canonical), 'where the résumé is published, not a fact about you');
  draft.leave('meta.version', clean(resume.meta?.version), "the résumé's own version");
  return profile;
}

function mapSite(resume: JsonResume, top: Data, draft: Draft): string {
  const site = clean(top['site']) ?? draft.link(resume.basics?.url, 'basics.url');
  if (site && /^https?:\/\//.test(site)) return site;
  const first = resume.basics?.profiles?.map((profile) => clean(profile.url)).find((url) => url && /^https:\/\/[^/]+\./.test(url));
  if (first) {
    draft.note(['site'], 'your own site, if you have one: links starting with "/" are resolved against it');
    return first.replace(/\/+$/, '');
  }
  return draft.fill(['site'], 'https://example.org', 'your site; links starting with "/" are resolved against it');
}

function mapUpdated(resume: JsonResume, top: Data, today: string): string {
  const fromTop = clean(top['updated']);
  if (fromTop) return fromTop;
  const modified = /^\d{4}-\d{2}-\d{2}/.exec(clean(resume.meta?.lastModified) ?? '')?.[0];
  return modified ?? today;
}

const NETWORK_KINDS: Readonly<Record<string, (typeof CONTACT_KINDS)[number]>> = {
  github: 'github',
  twitter: 'twitter',
  x: 'twitter',
  linkedin: 'linkedin',
};

const NETWORK_URLS: Readonly<Record<string, (user: string) => string>> = {
  github: (user) => `https://github.com/${encodeURIComponent(user)}`,
  twitter: (user) => `https://twitter.com/${encodeURIComponent(user)}`,
  x: (user) => `https://x.com/${encodeURIComponent(user)}`,
  linkedin: (user) => `https://www.linkedin.com/in/${encodeURIComponent(user)}`,
};

function mapIdentity(resume: JsonResume, top: Data, draft: Draft): Data {
  const basics = resume.basics ?? {};
  const ext = isRecord(top['identity']) ? top['identity'] : {};
  const name = draft.text(basics.name, LIMITS.name, 'basics.name') ?? draft.fill(['identity', 'name'], 'Your Name', 'your name');
  const pronoun = fromExt(top, 'pronoun') ?? pronounOf(basics as Record<string, unknown>);
  const identity: Data = {
    name,
    pronoun: pronoun === 'he' || pronoun === 'she' ? pronoun : 'they',
    headline:
      draft.text(basics.label, LIMITS.short, 'basics.label') ??
      draft.fill(['identity', 'headline'], 'What you do, in one line', 'one line on what you do (JSON Resume: basics.label)'),
    location: clean(ext['location']) ?? mapLocation(resume, draft),
    summary:
      draft.text(basics.summary, LIMITS.summary, 'basics.summary') ??
      draft.fill(['identity', 'summary'], `${name}'s portfolio.`, 'two or three sentences about you and your work'),
    avatar: draft.link(basics.image, 'basics.image'),
    links: Array.isArray(ext['links']) ? ext['links'] : mapLinks(resume, draft),
    private: isRecord(ext['private']) ? ext['private'] : mapPrivate(resume, draft),
  };
  if (!(pronoun === 'he' || pronoun === 'she' || pronoun === 'they')) {
    draft.note(['identity', 'pronoun'], 'he, she or they: how the bot speaks of you ("what does she work on?")');
  }
  if ((identity['links'] as unknown[]).length === 0) {
    identity['links'] = [{ kind: 'email', label: 'E-mail', url: 'mailto:you@example.org' }];
    draft.note(['identity', 'links'], 'FILL IN: at least one public link (kinds: github, email, twitter, linkedin, resume, website)');
  }
  return defined(identity);
}

/**
 * JSON Resume has no field for pronouns; résumés that give them use an extra
 * `basics.pronouns` ("she/her", "they/them"): its first word, when it is one the bot speaks.
 */
function pronounOf(basics: Record<string, unknown>): string | undefined {
  const first = /^\s*(he|she|they)\b/i.exec(clean(basics['pronouns']) ?? '')?.[1];
  return first?.toLowerCase();
}

function mapLocation(resume: JsonResume, draft: Draft): string | undefined {
  const location = resume.basics?.location ?? {};
  // A street address and postcode are not for a public bot: listed, not placed.
  draft.leave('basics.location.address', clean(location.address), 'a street address is not shown by the bot');
  draft.leave('basics.location.postalCode', clean(location.postalCode), 'a postcode is not shown by the bot');
  const parts = [location.city, location.region, location.countryCode].map(clean).filter((part) => part !== undefined);
  return parts.length > 0 ? draft.text(parts.join(', '), LIMITS.name, 'basics.location') : undefined;
}

function mapLinks(resume: JsonResume, draft: Draft): Data[] {
  const basics = resume.basics ?? {};
  const links: Data[] = [];
  const email = clean(basics.email);
  if (email) {
    const url = draft.link(`mailto:${email}`, 'basics.email');
    if (url) links.push({ kind: 'email', label: 'E-mail', url });
  }
  const website = draft.link(basics.url, 'basics.url');
  if (website) links.push({ kind: 'website', label: 'Website', url: website });
  for (const [profile, index] of entries(basics.profiles)) {
    const network = clean(profile['network']) ?? 'Profile';
    const user = clean(profile['username']);
    const key = network.toLowerCase();
    const from = `basics.profiles[${index}]`;
    const url = draft.link(profile['url'], `${from}.url`) ?? (user && NETWORK_URLS[key] ? NETWORK_URLS[key](user) : undefined);
    if (!url) {
      draft.leave(from, { network, username: user }, 'a profile without a link');
      continue;
    }
    const label = draft.text(user ? `${network} (${user})` : network, LIMITS.label, `${from}.network`) ?? network;
    if (links.length >= LIMITS.links) draft.leave(from, url, `past the ${LIMITS.links} links the profile holds`);
    else links.push({ kind: NETWORK_KINDS[key] ?? 'website', label, url, tags: [network.toLowerCase()] });
  }
  return links;
}

function mapPrivate(resume: JsonResume, draft: Draft): Data | undefined {
  const phone = clean(resume.basics?.phone);
  if (!phone) return undefined;
  if (!/^\+?[0-9 ()-]{6,20}$/.test(phone)) {
    draft.leave('basics.phone', phone, 'not a phone number the profile can keep (digits, spaces, + ( ) -)');
    return undefined;
  }
  draft.note(['identity', 'private'], 'kept for the record, never shown: every reply is redacted');
  return { phone };
}

function mapAbout(resume: JsonResume, draft: Draft): Data[] {
  const about: Data[] = [];
  const add = (topic: Data) => {
    if (about.length < LIMITS.listItems) about.push(defined(topic));
    else draft.leave(`about`, topic['title'], `past the ${LIMITS.listItems} topics the profile holds`);
  };
  // A topic the exporter wrote comes back as it was; a résumé's own interests make one "Interests" topic,
  // which is what /ask answers "what does she do for fun?" with.
  const interests: { title: string; keywords: string[] }[] = [];
  for (const [interest, index] of entries(resume.interests)) {
    const ext = extensionOf(interest);
    const from = `interests[${index}]`;
    const title = draft.text(interest['name'], LIMITS.name, `${from}.name`);
    if (!title) continue;
    const keywords = draft.list(interest['keywords'], LIMITS.short, `${from}.keywords`);
    if (ext['section'] !== 'about') {
      interests.push({ title, keywords });
      continue;
    }
    const id = clean(ext['id']) ?? draft.id('about', title, `interest-${index + 1}`);
    draft.reserve('about', id);
    add({
      id,
      title,
      text: clean(ext['text']) ?? title,
      items: Array.isArray(ext['items']) ? ext['items'] : keywords,
      links: ext['links'],
      tags: Array.isArray(ext['tags']) ? ext['tags'] : draft.tags([title, ...keywords], `${from}.keywords`),
      answers: ext['answers'],
    });
  }
  if (interests.length > 0) {
    const items = interests.map(({ title, keywords }) => (keywords.length > 0 ? `${title}: ${keywords.join(', ')}` : title));
    add({
      id: draft.id('about', 'interests', 'interests'),
      title: 'Interests',
      text: draft.text(`${items.join('; ')}.`, LIMITS.paragraph, 'interests'),
      items: draft.list(items, LIMITS.short, 'interests'),
      tags: draft.tags(
        ['interests', 'hobbies', 'free time', ...interests.flatMap(({ title, keywords }) => [title, ...keywords])],
        'interests',
      ),
    });
  }
  const awards = entries(resume.awards);
  if (awards.length > 0) add(mapAwards(awards, draft));
  const languages = entries(resume.languages);
  if (languages.length > 0) {
    const named = languages.flatMap(([language, index]) => {
      const name = draft.text(language['language'], LIMITS.tag, `languages[${index}].language`);
      const fluency = clean(language['fluency']);
      return name ? [{ name, fluency }] : [];
    });
    const items = named.map(({ name, fluency }) => (fluency ? `${name} (${fluency})` : name));
    add({
      id: draft.id('about', 'languages', 'languages'),
      title: 'Languages',
      text: draft.text(`Speaks ${items.join(', ')}.`, LIMITS.paragraph, 'languages'),
      items: draft.list(items, LIMITS.short, 'languages'),
      tags: draft.tags(['languages', 'spoken languages', ...named.map(({ name }) => name)], 'languages'),
    });
  }
  for (const [reference, index] of entries(resume.references)) {
    const from = `references[${index}]`;
    const name = draft.text(reference['name'], LIMITS.name - 'Reference: '.length, `${from}.name`) ?? 'a colleague';
    const text = draft.text(reference['reference'], LIMITS.paragraph, `${from}.reference`);
    if (!text) continue;
    add({
      id: draft.id('about', `reference ${name}`, `reference-${index + 1}`),
      title: `Reference: ${name}`,
      text,
      tags: draft.tags(['references', 'reference', 'recommendation', name], from),
    });
  }
  if (about.length === 0) {
    const summary = draft.text(resume.basics?.summary, LIMITS.paragraph, 'basics.summary');
    about.push({
      id: 'about',
      title: 'About',
      text: summary ?? draft.fill(['about', 0, 'text'], 'A few words about you.', 'a paragraph about you: background, interests'),
    });
  }
  return about;
}

/** Every award in one topic: its text reads as a sentence per award, its items and tags make each findable. */
function mapAwards(awards: [Entry, number][], draft: Draft): Data {
  const lines: string[] = [];
  const tags: unknown[] = ['awards', 'award', 'prize', 'honours', 'won'];
  for (const [award, index] of awards) {
    const from = `awards[${index}]`;
    const title = clean(award['title']);
    if (!title) {
      draft.leave(from, award, 'an award without a title');
      continue;
    }
    const by = [clean(award['awarder']), clean(award['date'])].filter(Boolean).join(', ');
    const summary = clean(award['summary']);
    lines.push(`${title}${by ? ` (${by})` : ''}${summary ? `: ${summary}` : ''}`);
    tags.push(title);
  }
  return {
    id: draft.id('about', 'awards', 'awards'),
    title: 'Awards',
    text: draft.text(lines.map((line) => line.replace(/[.!?]$/, '')).join('. ') + '.', LIMITS.paragraph, 'awards'),
    items: draft.list(lines, LIMITS.short, 'awards'),
    tags: draft.tags(tags, 'awards'),
  };
}

function mapEducation(resume: JsonResume, draft: Draft): Data[] {
  return entries(resume.education)
    .slice(0, LIMITS.listItems)
    .map(([school, index]) => {
      const ext = extensionOf(school);
      const from = `education[${index}]`;
      const institution =
        draft.text(school['institution'], LIMITS.name, `${from}.institution`) ??
        draft.fill(['education', index, 'institution'], 'Institution', 'the school or university');
      const degreeText = [clean(school['studyType']), clean(school['area'])].filter(Boolean).join(', ');
      const degree =
        clean(ext['degree']) ??
        draft.text(degreeText, LIMITS.name, `${from}.area`) ??
        draft.fill(['education', index, 'degree'], 'Degree', 'the degree or course');
      const span = describeSpan(clean(school['startDate']), clean(school['endDate']));
      const score = clean(school['score']);
      const status = [span, score ? `score ${score}` : undefined].filter(Boolean).join(' · ');
      const id = clean(ext['id']) ?? draft.id('education', `${institution} ${degreeText}`, `school-${index + 1}`);
      return defined({
        id,
        institution,
        degree,
        status: Object.hasOwn(ext, 'status') ? ext['status'] : draft.text(status || undefined, LIMITS.short, from),
        location: ext['location'],
        url: draft.link(school['url'], `${from}.url`),
        tags: Array.isArray(ext['tags'])
          ? ext['tags']
          : draft.tags(Array.isArray(school['courses']) ? school['courses'] : [], `${from}.courses`),
        answers: ext['answers'],
      });
    });
}

function mapExperience(resume: JsonResume, draft: Draft): Data[] {
  const roles: [Entry, string, number, boolean][] = [
    ...entries(resume.work).map(([entry, index]): [Entry, string, number, boolean] => [entry, `work[${index}]`, index, false]),
    ...entries(resume.volunteer).map(([entry, index]): [Entry, string, number, boolean] => [entry, `volunteer[${index}]`, index, true]),
  ];
  const out: Data[] = [];
  for (const [role, from, , volunteer] of roles) {
    if (out.length >= LIMITS.listItems) {
      draft.leave(from, role, `past the ${LIMITS.listItems} roles the profile holds`);
      continue;
    }
    const at = out.length;
    const ext = extensionOf(role);
    const organisationKey = volunteer ? 'organization' : 'name';
    const organisation =
      draft.text(role[organisationKey], LIMITS.name, `${from}.${organisationKey}`) ??
      draft.fill(['experience', at, 'organisation'], 'Organisation', 'where you worked');
    const title =
      draft.text(role['position'], LIMITS.name, `${from}.position`) ?? draft.fill(['experience', at, 'title'], 'Role', 'your role there');
    const start = toMonth(clean(role['startDate']));
    const end = toMonth(clean(role['endDate']));
    if (start?.guessed)
      draft.note(['experience', at, 'start'], `the résumé gives only the year ${clean(role['startDate'])}: set the month`);
    if (end?.guessed) draft.note(['experience', at, 'end'], `the résumé gives only the year ${clean(role['endDate'])}: set the month`);
    const description = clean(role['description']);
    const summary = draft.text(role['summary'] ?? description, LIMITS.summary, `${from}.summary`);
    const extraTags: unknown[] = [];
    if (role['summary'] !== undefined && description) {
      if (description.length <= LIMITS.tag) extraTags.push(description);
      else draft.leave(`${from}.description`, description, 'no field for what the organisation does beside your summary');
    }
    const location = clean(role['location']);
    if (location) extraTags.push(location);
    if (volunteer) extraTags.push('volunteer');
    out.push(
      defined({
        id: clean(ext['id']) ?? draft.id('experience', `${organisation} ${title}`, `role-${at + 1}`),
        title,
        organisation,
        url: draft.link(role['url'], `${from}.url`),
        start: start?.month ?? draft.fill(['experience', at, 'start'], '2000-01', 'when you started, as YYYY-MM'),
        end: end?.month,
        summary,
        highlights: draft.list(role['highlights'], LIMITS.short, `${from}.highlights`),
        tags: Array.isArray(ext['tags']) ? ext['tags'] : draft.tags(extraTags, `${from}.location`),
        answers: ext['answers'],
      }),
    );
    // `highlights` is required, even empty.
    out[at]!['highlights'] ??= [];
  }
  return out;
}

function mapLearning(resume: JsonResume, draft: Draft): Data[] {
  return entries(resume.certificates)
    .slice(0, LIMITS.listItems)
    .flatMap(([certificate, index]) => {
      const ext = extensionOf(certificate);
      const from = `certificates[${index}]`;
      const title = draft.text(certificate['name'], LIMITS.name, `${from}.name`);
      if (!title) {
        draft.leave(from, certificate, 'a certificate without a name');
        return [];
      }
      const date = clean(certificate['date']);
      return [
        defined({
          id: clean(ext['id']) ?? draft.id('learning', title, `certificate-${index + 1}`),
          title,
          provider: draft.text(certificate['issuer'], LIMITS.name, `${from}.issuer`),
          progress: Object.hasOwn(ext, 'progress') ? ext['progress'] : date ? `certified ${date}` : 'certified',
          url: draft.link(certificate['url'], `${from}.url`),
          tags: Array.isArray(ext['tags']) ? ext['tags'] : ['certificate', 'certification'],
          answers: ext['answers'],
        }),
      ];
    });
}

function mapPublications(resume: JsonResume, draft: Draft): { research: Data[]; blogs: Data[] } {
  const research: Data[] = [];
  const blogs: Data[] = [];
  for (const [publication, index] of entries(resume.publications)) {
    const ext = extensionOf(publication);
    const from = `publications[${index}]`;
    const title = draft.text(publication['name'], LIMITS.name, `${from}.name`);
    if (!title) {
      draft.leave(from, publication, 'a publication without a name');
      continue;
    }
    const publisher = clean(publication['publisher']);
    const date = clean(publication['releaseDate']);
    const url = draft.link(publication['url'], `${from}.url`);
    const summary = draft.text(publication['summary'], LIMITS.summary, `${from}.summary`);
    if (ext['section'] === 'blogs') {
      blogs.push(
        defined({
          id: clean(ext['id']) ?? draft.id('blogs', title, `post-${index + 1}`),
          title,
          kind: ext['kind'],
          venue: publisher,
          url,
          summary,
          note: ext['note'],
          tags: ext['tags'],
          answers: ext['answers'],
        }),
      );
      continue;
    }
    const where = [publisher, date].filter(Boolean).join(', ');
    research.push(
      defined({
        id: clean(ext['id']) ?? draft.id('research', title, `publication-${index + 1}`),
        title,
        summary: summary ?? `Published${where ? ` (${where})` : ''}.`,
        status: Object.hasOwn(ext, 'status') ? ext['status'] : draft.text(`published${where ? ` (${where})` : ''}`, LIMITS.label, from),
        links: Array.isArray(ext['links'])
          ? ext['links']
          : url
            ? [{ label: draft.text(publisher ?? 'Paper', LIMITS.label, `${from}.publisher`), url }]
            : undefined,
        tags: Array.isArray(ext['tags']) ? ext['tags'] : ['publication', 'paper'],
        answers: ext['answers'],
      }),
    );
  }
  return { research: research.slice(0, LIMITS.listItems), blogs: blogs.slice(0, LIMITS.listItems) };
}

const LEVELS: readonly [RegExp, 'expert' | 'intermediate' | 'basic' | 'learning'][] = [
  [/\b(?:master|expert|advanced|senior|fluent|native|proficient|strong)\b/i, 'expert'],
  [/\b(?:intermediate|working|competent|good|experienced)\b/i, 'intermediate'],
  [/\b(?:beginner|basic|novice|elementary|familiar|junior)\b/i, 'basic'],
  [/\b(?:learning|studying)\b/i, 'learning'],
];

function mapSkills(skills: ResumeSkill[] | undefined, draft: Draft): Data {
  const levels: Record<string, Data[]> = { expert: [], intermediate: [], basic: [], learning: [] };
  for (const [skill, index] of entries(skills)) {
    const ext = extensionOf(skill);
    const from = `skills[${index}]`;
    const name = draft.text(skill['name'], LIMITS.name, `${from}.name`);
    const keywords = Array.isArray(skill['keywords']) ? skill['keywords'] : [];
    if (!name) {
      draft.leave(from, skill, 'a skill without a name');
      continue;
    }
    const levelText = clean(skill['level']);
    const fromExtLevel = typeof ext['level'] === 'string' && Object.hasOwn(levels, ext['level']) ? ext['level'] : undefined;
    const level = fromExtLevel ?? LEVELS.find(([pattern]) => levelText && pattern.test(levelText))?.[1] ?? 'intermediate';
    const list = levels[level]!;
    if (list.length >= LIMITS.listItems) {
      draft.leave(from, name, `past the ${LIMITS.listItems} skills the profile holds at one level`);
      continue;
    }
    // A level JSON Resume words its own way ("Fluent") stays as the skill's note.
    const note = Object.hasOwn(ext, 'note')
      ? ext['note']
      : levelText && levelText.toLowerCase() !== level
        ? draft.text(`level: ${levelText}`, LIMITS.short, `${from}.level`)
        : undefined;
    list.push(defined({ name, note, tags: draft.tags(keywords, `${from}.keywords`) }));
    if (!fromExtLevel && !levelText)
      draft.note(['skills', level, list.length - 1, 'name'], 'no level in the résumé: move it to the right one');
  }
  return levels;
}

function mapProjects(resume: JsonResume, top: Data, draft: Draft): { categories: Data[]; projects: Data[] } {
  const categories: Data[] = Array.isArray(top['categories']) ? top['categories'].filter(isRecord) : [];
  const known = new Set(categories.map((category) => category['id']));
  const projects: Data[] = [];
  for (const [project, index] of entries(resume.projects)) {
    if (projects.length >= 200) {
      draft.leave(`projects[${index}]`, project['name'], 'past the 200 projects the profile holds');
      continue;
    }
    const mapped = mapProject(project as ResumeProject, index, projects.length, draft);
    if (!mapped) continue;
    if (!known.has(mapped['category'])) {
      known.add(mapped['category']);
      const type = clean(project.type);
      categories.push({ id: mapped['category'], name: type ? type[0]!.toUpperCase() + type.slice(1) : 'Projects' });
    }
    projects.push(mapped);
  }
  if (projects.length === 0) {
    if (!known.has('projects')) categories.push({ id: 'projects', name: 'Projects' });
    projects.push({
      id: 'first-project',
      name: draft.fill(['projects', 0, 'name'], 'Your first project', 'a project of yours: the résumé lists none'),
      category: 'projects',
      summary: 'What it does and why, in a sentence or two.',
      details: [],
      links: [],
      tags: [],
      status: 'active',
    });
  }
  return { categories: categories.slice(0, 10), projects };
}

function mapProject(project: ResumeProject, index: number, at: number, draft: Draft): Data | undefined {
  const ext = extensionOf(project);
  const from = `projects[${index}]`;
  const name = draft.text(project.name, LIMITS.name, `${from}.name`);
  if (!name) {
    draft.leave(from, project, 'a project without a name');
    return undefined;
  }
  const description = clean(project.description);
  const details: unknown[] = [];
  let summary: string;
  if (!description) summary = draft.fill(['projects', at, 'summary'], `${name}.`, 'what it does and why, in a sentence or two');
  else if (description.length <= LIMITS.summary) summary = description;
  else {
    // The summary is the description's start; the whole of it is the first detail.
    summary = cutText(description, LIMITS.summary);
    details.push(draft.text(description, LIMITS.paragraph, `${from}.description`));
  }
  const roles = (Array.isArray(project.roles) ? project.roles : []).map(clean).filter(Boolean);
  if (roles.length > 0) details.push(draft.text(`Roles: ${roles.join(', ')}.`, LIMITS.paragraph, `${from}.roles`));
  const entity = clean(project.entity);
  if (entity) details.push(draft.text(`Made for ${entity}.`, LIMITS.paragraph, `${from}.entity`));
  const span = describeSpan(clean(project.startDate), clean(project.endDate));
  const url = draft.link(project.url, `${from}.url`);
  const category = clean(ext['category']) ?? (slug(clean(project.type) ?? '') || 'projects');
  const status = typeof ext['status'] === 'string' ? ext['status'] : project.endDate ? 'unmaintained' : 'active';
  if (typeof ext['status'] !== 'string') {
    draft.note(['projects', at, 'status'], "the résumé doesn't say: active, unmaintained or dropped");
  }
  const mapped = defined({
    id: clean(ext['id']) ?? draft.id('projects', name, `project-${index + 1}`),
    name,
    category,
    summary,
    details: Array.isArray(ext['details']) ? ext['details'] : details,
    highlights: draft.list(project.highlights, LIMITS.short, `${from}.highlights`),
    metrics: ext['metrics'],
    tools: ext['tools'],
    links: Array.isArray(ext['links']) ? ext['links'] : url ? [{ kind: linkKind(url), label: linkLabel(url), url }] : [],
    tags: draft.tags(Array.isArray(project.keywords) ? project.keywords : [], `${from}.keywords`),
    aliases: ext['aliases'],
    status,
    statusNote: Object.hasOwn(ext, 'statusNote') ? ext['statusNote'] : span,
    image: ext['image'],
    usage: ext['usage'],
    notable: ext['notable'],
    answers: ext['answers'],
    highlight: ext['highlight'],
  });
  // Required, even empty.
  mapped['details'] ??= [];
  mapped['links'] ??= [];
  mapped['tags'] ??= [];
  return mapped;
}

function linkKind(url: string): (typeof PROJECT_LINK_KINDS)[number] {
  const host = new URL(url).hostname.replace(/^www\./, '');
  if (['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org'].includes(host)) return 'repo';
  if (host === 'gist.github.com') return 'gist';
  if (['arxiv.org', 'doi.org', 'biorxiv.org', 'pubmed.ncbi.nlm.nih.gov'].includes(host)) return 'paper';
  if (host === 'kaggle.com') return 'competition';
  return 'demo';
}

function linkLabel(url: string): string {
  const kind = linkKind(url);
  return { repo: 'Repository', gist: 'Gist', paper: 'Paper', competition: 'Competition', demo: 'Website', report: 'Report', post: 'Post' }[
    kind
  ];
}
