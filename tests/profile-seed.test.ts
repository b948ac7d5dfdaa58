// The shipped profile against its seed: every project, link and metric of the
// About page must be in data/profile.yaml, and none of the page's damage.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../src/profile/schema.js';
import { REPO_ROOT } from '../src/paths.js';
import { shippedPortfolio } from './helpers/profile.js';

// A copy of the source page kept in the repository (origin: tests/fixtures/source/README.md).
const SEED = join(REPO_ROOT, 'tests', 'fixtures', 'source', 'about-page.md');
const seed = readFileSync(SEED, 'utf8');
let profile: Profile;
let everything: string;

beforeAll(async () => {
  profile = (await shippedPortfolio()).profile;
  everything = JSON.stringify(profile);
});

function section(from: RegExp, to: RegExp): string {
  const start = seed.search(from);
  const rest = seed.slice(start);
  const end = rest.slice(1).search(to);
  return end < 0 ? rest : rest.slice(0, end + 1);
}

const fold = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

describe('data/profile.yaml against the seed', () => {
  it('can read the seed', () => {
    expect(existsSync(SEED)).toBe(true);
  });

  it('has every project of the seed, by name or alias', () => {
    const projects = section(/^# .*Projects/m, /^# .*Skills/m);
    const names = [...projects.matchAll(/^- (?:\S+ )?\*\*(.+?)\*\*/gm)].map((m) => m[1]!.replace(/\(.*\)/, '').trim());
    expect(names).toHaveLength(10);
    const known = new Set(profile.projects.flatMap((p) => [p.name, ...(p.aliases ?? [])]).map(fold));
    for (const name of names) {
      // "Drought Detection Challenge: #1 on …" is known by its full title or by the part before the colon
      const found = [name, name.split(':')[0]!].some((candidate) => known.has(fold(candidate)));
      expect(found, name).toBe(true);
    }
    expect(profile.projects).toHaveLength(10);
  });

  it('has every link of the seed, relative ones made absolute against site', () => {
    const links = [...seed.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((url) => url !== '#');
    expect(links.length).toBeGreaterThanOrEqual(25);
    for (const link of links) {
      const absolute = link.startsWith('./../') ? new URL(link.slice('./..'.length), profile.site + '/').href : link;
      expect(everything, link).toContain(JSON.stringify(absolute).slice(1, -1));
    }
  });

  it('has every metric of the seed in the metrics of its project', () => {
    const metricsOf = (id: string) => {
      const project = profile.projects.find((p) => p.id === id);
      return JSON.stringify(project?.metrics ?? []);
    };
    const expected: [string, string[]][] = [
      ['toxic-comments-classification', ['99.26', '98.7', '10%', 'ROC-AUC', 'Accuracy']],
      ['human-protein-atlas-classification', ['88', '0.412', '29 classes', 'fbeta']],
      ['drought-detection-challenge', ['#1', 'September 2019', '13 Jan 2020']],
      ['lookahead-optimizer-analysis', ['Lowest', 'AdamW', 'SGD', 'RMSProp', 'CIFAR10', 'CIFAR100', 'Imagenette', 'resnet34']],
    ];
    for (const [id, values] of expected) for (const value of values) expect(metricsOf(id), `${id}: ${value}`).toContain(value);
    // and every percentage or decimal figure of the seed's project section is somewhere in a project
    const figures = [...section(/^# .*Projects/m, /^# .*Skills/m).matchAll(/\b\d+\.\d+\b|\b\d+%/g)].map((m) => m[0].replace('%', ''));
    for (const figure of new Set(figures)) expect(JSON.stringify(profile.projects), figure).toContain(figure);
  });

  it('keeps the phone number private and nowhere else', () => {
    expect(profile.identity.private?.phone).toBe('+919879990466');
    const withoutPrivate = JSON.stringify({ ...profile, identity: { ...profile.identity, private: undefined } });
    expect(withoutPrivate).not.toContain('9879990466');
  });

  it('has every skill of the seed at its level', () => {
    const skills = section(/^# Skills/m, /$^/m);
    let level = '';
    for (const line of skills.split('\n')) {
      const heading = /^- (Expert|Intermediate|Basic|Learning)/.exec(line);
      if (heading) level = heading[1]!.toLowerCase();
      const item = /^\s+\d+\.\s+(.+)$/.exec(line);
      if (item && level) {
        const names = profile.skills[level as keyof Profile['skills']].map((s) => fold(`${s.name} ${s.note ?? ''}`)).join(' | ');
        const firstWord = fold(item[1]!).split(' ')[0]!;
        expect(names, `${level}: ${item[1]}`).toContain(firstWord);
      }
    }
  });

  it('repairs the mis-decoded characters and the misspellings', () => {
    for (const damage of [
      'üåê',
      '‚Ä¢',
      '‚Äô',
      '¬†',
      '√∑',
      'philisophy',
      'recuirt',
      'segmentatation',
      'assitance',
      'objcetive',
      'invloving',
      'bactch',
      'mainatin',
      'compononent',
    ]) {
      expect(everything, damage).not.toContain(damage);
    }
  });

  it('has the sections the seed describes', () => {
    expect(profile.experience.map((r) => `${r.title} ${r.start}..${r.end}`)).toEqual([
      'AI Lead 2019-02..2020-01',
      'AI Researcher 2018-09..2019-02',
    ]);
    expect(profile.research).toHaveLength(2);
    expect(profile.learning).toHaveLength(3);
    expect(profile.blogs.map((b) => b.url)).toEqual([
      'https://matplotlib.org/matplotblog/posts/an-inquiry-into-matplotlib-figures/',
      'https://github.com/akashpalrecha/Custom-Pretrained-Models-in-Fastai',
    ]);
    expect(profile.about.map((t) => t.id)).toEqual(['background', 'interests', 'philosophy', 'free-time', 'day-in-my-life']);
    expect(profile.education[0]?.degree).toMatch(/MSc.*Mathematics/);
  });
});
