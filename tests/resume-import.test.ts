// JSON Resume in (src/resume/import.ts) and out (src/resume/export.ts): the
// stranger's résumé mapped section by section, the refusals with their exact
// messages, hostile text and links, the placeholders, and the round trip
// import(export(p)) = p on the shipped profile and the fixtures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonResume from '@jsonresume/schema';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths.js';
import { exportResume } from '../src/resume/export.js';
import { formatUnplaced, importResume } from '../src/resume/import.js';
import { loadedPortfolio, SHIPPED_PROFILE } from './helpers/profile.js';

const STRANGER = join(REPO_ROOT, 'tests', 'fixtures', 'resume', 'stranger.json');
const strangerText = readFileSync(STRANGER, 'utf8');
const TODAY = { today: '2026-12-01' };

/** A résumé from a partial object, imported. */
function importOf(resume: unknown) {
  return importResume(JSON.stringify(resume), 'resume.json', TODAY);
}

function schemaErrors(resume: unknown): string[] {
  let errors: string[] = [];
  jsonResume.validate(resume, (found) => (errors = (found ?? []).map((error) => `${error.property} ${error.message}`)));
  return errors;
}

describe('importResume: a realistic résumé of a stranger', () => {
  const result = importResume(strangerText, 'stranger.json', TODAY);
  const profile = result.profile!;

  it('gives a profile that validates, with nothing to fill in', () => {
    expect(result.problems).toEqual([]);
    expect(profile).toBeDefined();
    expect(result.notes).toEqual([]);
  });

  it('maps basics to identity, links and the private phone', () => {
    expect(profile.identity).toMatchObject({
      name: 'Mireille Okonkwo-Lindqvist',
      pronoun: 'she',
      headline: 'Computational biologist: genome assembly and single-cell methods',
      location: 'Uppsala, Uppsala County, SE',
      private: { phone: '+46 70 123 45 67' },
    });
    expect(profile.site).toBe('https://mireille-ol.example.net');
    expect(profile.updated).toBe('2026-10-02');
    expect(profile.identity.links.map((link) => [link.kind, link.url])).toEqual([
      ['email', 'mailto:mireille.ol@example.net'],
      ['website', 'https://mireille-ol.example.net'],
      ['github', 'https://github.com/mireille-ol'],
      ['linkedin', 'https://www.linkedin.com/in/mireilleol'],
      ['website', 'https://genomic.social/@mireille'],
    ]);
  });

  it('maps work and volunteer to experience, with dates as months and locations as tags', () => {
    expect(profile.experience.map((role) => [role.organisation, role.title, role.start, role.end])).toEqual([
      ['Nordic Genome Centre', 'Senior Bioinformatician', '2021-03', undefined],
      ['Helix Diagnostics', 'Bioinformatics Engineer', '2018-01', '2021-02'],
      ['Karolinska Institutet', 'Research Assistant', '2016-09', '2017-12'],
      ['Software Carpentry', 'Certified instructor', '2019-01', undefined],
    ]);
    expect(profile.experience[1]!.tags).toEqual(['Clinical sequencing startup', 'Copenhagen, Denmark']);
    expect(profile.experience[3]!.tags).toEqual(['volunteer']);
    expect(result.yaml).toContain('start: 2019-01 # the résumé gives only the year 2019: set the month');
  });

  it('maps projects with their highlights, keywords, url, roles, entity, dates and type', () => {
    expect(profile.projects).toHaveLength(6);
    expect(profile.projects[0]).toEqual({
      id: 'polisher',
      name: 'Polisher',
      category: 'tool',
      summary: 'A haplotype-aware polisher for nanopore genome assemblies, written in Rust.',
      details: ['Roles: Author, Maintainer.'],
      highlights: ['Used by three national genome projects', 'Halves consensus errors against the usual polishers'],
      links: [{ kind: 'repo', label: 'Repository', url: 'https://github.com/mireille-ol/polisher' }],
      tags: ['genome assembly', 'nanopore', 'long reads', 'rust'],
      status: 'active',
      statusNote: 'since 2019-02',
    });
    expect(profile.projects[2]).toMatchObject({ details: ['Roles: Lead developer.', 'Made for Helix Diagnostics.'], links: [] });
    expect(profile.categories.map((category) => category.id)).toEqual(['tool', 'application', 'pipeline', 'teaching', 'research']);
  });

  it('maps awards, languages, interests and references to about topics; publications to research; certificates to learning', () => {
    expect(profile.about.map((topic) => topic.id)).toEqual(['interests', 'awards', 'languages', 'reference-prof-anders-berg']);
    expect(profile.about[0]).toMatchObject({
      title: 'Interests',
      items: ['Bouldering: climbing, outdoor bouldering', 'Science communication: podcasts, public talks'],
    });
    expect(profile.about[1]!.items).toEqual([
      'Best Poster Award (ISMB 2019, 2019-07): For the haplotype-aware polishing of long-read assemblies.',
      'Wallenberg Early Career Fellowship (Knut and Alice Wallenberg Foundation, 2022-01)',
    ]);
    expect(profile.research.map((paper) => [paper.title, paper.status])).toEqual([
      ['Haplotype-aware polishing of nanopore assemblies', 'published (Bioinformatics, 2020-04)'],
      ['A single-cell atlas of zebrafish heart regeneration', 'published (Nature Communications, 2017-11)'],
    ]);
    expect(profile.learning[0]).toMatchObject({ title: 'AWS Certified Solutions Architect', provider: 'Amazon Web Services' });
    expect(profile.education[0]).toMatchObject({ degree: 'PhD, Bioinformatics', tags: ['Sequence analysis', 'Phylogenetics'] });
  });

  it('maps skills to levels, keywords to tags, an unusual level word to the note', () => {
    expect(profile.skills.expert.map((skill) => skill.name)).toEqual(['Python', 'R', 'Workflow engines']);
    expect(profile.skills.expert[0]).toEqual({ name: 'Python', note: 'level: Master', tags: ['pandas', 'snakemake', 'scanpy'] });
    expect(profile.skills.intermediate.map((skill) => skill.name)).toEqual(['Rust']);
    expect(profile.skills.basic.map((skill) => skill.name)).toEqual(['Cloud']);
    expect(profile.skills.learning.map((skill) => skill.name)).toEqual(['Julia']);
  });

  it('lists what has no field, on its own and at the end of the YAML', () => {
    expect(result.unplaced.map(formatUnplaced)).toEqual([
      'basics.location.address: Storgatan 12 (a street address is not shown by the bot)',
      'basics.location.postalCode: 752 36 (a postcode is not shown by the bot)',
      'meta.canonical: https://mireille-ol.example.net/resume.json (where the résumé is published, not a fact about you)',
      "meta.version: v1.0.0 (the résumé's own version)",
    ]);
    expect(result.yaml).toContain('# NOT PLACED: facts of the résumé that have no field in the profile.');
    expect(result.yaml).toContain('#   basics.location.address: Storgatan 12 (a street address is not shown by the bot)');
  });
});

describe('importResume: refusals', () => {
  it.each([
    [
      { work: [{ name: 'A', startDate: '2023-1' }] },
      'resume.json: work[0].startDate: "2023-1" is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD',
    ],
    [{ work: [{ name: 'A', startDate: '2023-13' }] }, 'resume.json: work[0].startDate: "2023-13" has no month 13: months are 01 to 12'],
    [
      { projects: [{ name: 'A', endDate: '2023-02-29' }] },
      'resume.json: projects[0].endDate: "2023-02-29" is not a day of 2023-02: it has 28 days',
    ],
    [{ basics: { name: 7 } }, 'resume.json: basics.name: is not of a type(s) string'],
    [{ skills: 'python' }, 'resume.json: skills: is not of a type(s) array'],
    [[1, 2], 'resume.json: expected a JSON Resume object ({"basics": …, "work": […], …})'],
  ])('%j is refused: %s', (resume, message) => {
    const result = importOf(resume);
    expect(result.yaml).toBe('');
    expect(result.problems).toContain(message);
  });

  it('refuses what is not JSON, a file over 1 MiB and a deep nest, each in one line', () => {
    expect(importResume('{"basics": ', 'r.json').problems).toEqual([expect.stringMatching(/^r\.json: is not JSON: /)]);
    const big = JSON.stringify({ basics: { summary: 'x'.repeat(1024 * 1024) } });
    expect(importResume(big, 'r.json').problems).toEqual([`r.json: is ${big.length} bytes; a résumé may be at most 1048576 bytes (1 MiB)`]);
    const deep = `{"basics": {"x": ${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    expect(importResume(deep, 'r.json').problems).toEqual(['r.json: nests 25 levels deep; a résumé needs far fewer (at most 24)']);
  });
});

describe('importResume: what the profile needs and the résumé lacks', () => {
  it('writes placeholders marked FILL IN, and the YAML still validates', () => {
    const result = importOf({});
    expect(result.problems).toEqual([]);
    expect(result.notes).toEqual([
      'site: FILL IN: your site; links starting with "/" are resolved against it',
      'identity.name: FILL IN: your name',
      'identity.headline: FILL IN: one line on what you do (JSON Resume: basics.label)',
      'identity.summary: FILL IN: two or three sentences about you and your work',
      'identity.links: FILL IN: at least one public link (kinds: github, email, twitter, linkedin, resume, website)',
      'about[0].text: FILL IN: a paragraph about you: background, interests',
      'projects[0].name: FILL IN: a project of yours: the résumé lists none',
    ]);
    expect(result.yaml).toContain('  name: Your Name # FILL IN: your name\n');
    expect(result.profile!.updated).toBe('2026-12-01');
  });
});

describe('importResume: hostile text and links', () => {
  it('keeps a line break in a fact from starting YAML of its own', () => {
    const result = importOf({
      basics: {
        name: 'Eve\nsite: https://evil.example',
        email: 'eve@example.org',
        location: { address: '1 Road\nsite: https://evil.example' },
      },
    });
    expect(result.profile!.site).toBe('https://example.org');
    expect(result.profile!.identity.name).toBe('Eve\nsite: https://evil.example');
    expect(result.yaml).not.toMatch(/^site: https:\/\/evil/m);
    expect(result.yaml).toContain(
      '#   basics.location.address: 1 Road site: https://evil.example (a street address is not shown by the bot)',
    );
  });

  it('places no link the bot may not show: listed instead, with the reason', () => {
    const result = importOf({
      basics: { name: 'Eve', email: 'eve@example.org' },
      projects: [
        { name: 'A', url: 'javascript:alert(1)' },
        { name: 'B', url: 'https://github.com@evil.example/b' },
      ],
    });
    expect(result.profile!.projects.map((project) => project.links)).toEqual([[], []]);
    expect(result.unplaced.map(formatUnplaced)).toEqual([
      'projects[0].url: javascript:alert(1) (not a link the bot may show: Invalid URL: use http(s)://…, mailto:… or a /path under site)',
      'projects[1].url: https://github.com@evil.example/b (not a link the bot may show: Invalid URL: it has a user name or password' +
        ' before "@", so it leads to evil.example, not github.com; remove the part before "@")',
    ]);
  });

  it('cuts a text longer than its field at a boundary, keeps the whole, and lists it', () => {
    const long = `${'Assembles genomes quickly. '.repeat(30)}The end.`;
    const result = importOf({
      basics: { name: 'Eve', email: 'e@example.org' },
      projects: [{ name: 'A', description: long, highlights: [long] }],
    });
    const project = result.profile!.projects[0]!;
    expect(project.summary.length).toBeLessThanOrEqual(600);
    expect(project.summary.endsWith('Assembles genomes quickly.')).toBe(true);
    expect(project.details).toEqual([long]);
    expect(project.highlights![0]!.length).toBeLessThanOrEqual(200);
    expect(result.unplaced.map((fact) => [fact.path, fact.value])).toEqual([['projects[0].highlights[0]', long]]);
  });

  it('keeps 25 roles, the most a list holds, and lists the rest', () => {
    const work = Array.from({ length: 27 }, (_, index) => ({ name: `Org ${index}`, position: 'Engineer', startDate: '2020-01' }));
    const result = importOf({ basics: { name: 'Eve', email: 'e@example.org' }, work });
    expect(result.profile!.experience).toHaveLength(25);
    expect(result.unplaced.map((fact) => fact.path)).toEqual(['work[25]', 'work[26]']);
  });
});

describe('exportResume, and import(export(p)) = p', () => {
  const files = [SHIPPED_PROFILE, join(REPO_ROOT, 'examples', 'starter.yaml'), join(REPO_ROOT, 'tests', 'fixtures', 'minimal.yaml')];

  it.each(files)('%s: the export validates with @jsonresume/schema and imports back to every fact', async (file) => {
    const { profile } = await loadedPortfolio(file);
    const exported = exportResume(profile, { includePrivate: true });
    expect(schemaErrors(exported)).toEqual([]);
    const back = importResume(JSON.stringify(exported), 'export.json');
    expect(back.problems).toEqual([]);
    expect(back.unplaced).toEqual([]);
    expect(back.profile).toEqual(profile);
  });

  it("the stranger's profile makes the same round trip", () => {
    const profile = importResume(strangerText, 'stranger.json', TODAY).profile!;
    const back = importResume(JSON.stringify(exportResume(profile, { includePrivate: true })), 'export.json');
    expect(back.profile).toEqual(profile);
  });

  it('leaves the private phone out unless asked', async () => {
    const { profile } = await loadedPortfolio(SHIPPED_PROFILE);
    const phone = profile.identity.private!.phone;
    const text = JSON.stringify(exportResume(profile));
    expect(text).not.toContain(phone);
    expect(text).not.toContain(phone.replace('+', ''));
    expect(exportResume(profile, { includePrivate: true }).basics!.phone).toBe(phone);
  });
});
