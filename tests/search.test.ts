import { beforeAll, describe, expect, it } from 'vitest';
import { createSearch, editDistance, buildDeletionIndex, type ProfileSearch } from '../src/search/index.js';
import { queryTokens, singular, tokenize } from '../src/search/normalise.js';
import { parseProfile } from '../src/profile/load.js';
import { readFileSync } from 'node:fs';
import { shippedBot } from './helpers/profile.js';
import { main } from '../src/cli.js';

let search: ProfileSearch;
beforeAll(async () => {
  search = createSearch((await shippedBot()).profile);
});

const ids = (query: string, options?: Parameters<ProfileSearch['search']>[1]) =>
  search.search(query, options).map((hit) => `${hit.section}/${hit.id}`);

describe('normalisation', () => {
  it('folds case, accents, punctuation and plurals', () => {
    expect(tokenize('Résumé, Optimizers & CLASSES!')).toEqual(['resume', 'optimizer', 'class']);
    expect(singular('analysis')).toBe('analysis');
    expect(singular('studies')).toBe('study');
    expect(singular('resnets')).toBe('resnet');
  });

  it('keeps decimals and ranks, and joins hyphenated words too', () => {
    expect(tokenize('99.26% #1 multi-channel')).toEqual(['99.26', '#1', 'multi', 'channel', 'multichannel']);
  });

  it('drops stop words and expands abbreviations', () => {
    expect(queryTokens('what does he know about js')).toEqual(['javascript']);
    expect(queryTokens('the of and')).toEqual([]);
  });

  it('strips zero-width and control characters', () => {
    expect(tokenize('look\u200bahead\u0000')).toEqual(['lookahead']);
  });
});

describe('typo lookup', () => {
  it('measures edits, swaps included', () => {
    expect(editDistance('lookahed', 'lookahead')).toBe(1);
    expect(editDistance('pytroch', 'pytorch')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('finds words within one or two edits, closest first', () => {
    const index = buildDeletionIndex(['lookahead', 'lookup', 'optimizer', 'optimize']);
    expect(index.lookup('lookahed')).toEqual([{ term: 'lookahead', distance: 1 }]);
    expect(index.lookup('optimzer').map((m) => m.term)).toEqual(['optimizer', 'optimize']);
    expect(index.lookup('zebra')).toEqual([]);
  });
});

describe('search', () => {
  it('ranks an exact name first with score 1', () => {
    const [first] = search.search('Fast Callbacks');
    expect(first).toMatchObject({ section: 'projects', id: 'fast-callbacks', title: 'Fast Callbacks', score: 1 });
    expect(first?.url).toBe('https://github.com/akashpalrecha/custom-fastai-callbacks');
  });

  it('orders by score, best first', () => {
    const hits = search.search('pixxel');
    expect(hits.length).toBeGreaterThan(2);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it('breaks ties by section, then by position in the profile', () => {
    expect(ids('kaggle').slice(0, 2)).toEqual(['projects/toxic-comments-classification', 'projects/human-protein-atlas-classification']);
    expect(ids('pixxel').slice(0, 2)).toEqual(['experience/ai-lead-pixxel', 'experience/ai-researcher-pixxel']);
  });

  it('is deterministic', () => {
    expect(ids('satellite imagery')).toEqual(ids('satellite imagery'));
  });

  it('filters by section', () => {
    expect(ids('pixxel', { section: 'projects' })[0]).toBe('projects/drought-detection-challenge');
    expect(ids('pytorch', { section: 'skills' })).toEqual(['skills/pytorch']);
    expect(ids('docker', { section: 'projects' })).toEqual([]);
  });

  it('honours the limit', () => {
    expect(search.search('pixxel', { limit: 1 })).toHaveLength(1);
    expect(search.search('pixxel', { limit: 0 })).toEqual([]);
  });

  it('gives a normal answer to hostile queries', () => {
    expect(ids('@everyone **lookahead**')[0]).toBe('projects/lookahead-optimizer-analysis');
    expect(ids('lookahead '.repeat(600))[0]).toBe('projects/lookahead-optimizer-analysis');
    expect(search.search('\u0000\u0001\u200b')).toEqual([]);
    expect(search.search('')).toEqual([]);
    expect(search.search('<@123> ||x|| `rm -rf /`')).toEqual([]);
  });

  it('learns a word from the data, without code', () => {
    const text = readFileSync(new URL('./fixtures/minimal.yaml', import.meta.url), 'utf8').replace('tags: [compilers]', 'tags: [compilers, blockchain]');
    const own = createSearch(parseProfile(text, 'x.yaml').profile);
    expect(own.search('blockchain').map((h) => h.id)).toEqual(['alpha']);
    expect(search.search('blockchain')).toEqual([]);
  });
});

describe('autocomplete', () => {
  it('offers the notable projects on an empty input', () => {
    const names = search.suggestProjects('').map((c) => c.name);
    expect(names.slice(0, 5)).toEqual([
      'Lookahead Optimizer Analysis',
      'Drought Detection Challenge',
      'Toxic Comments Classification using ULMFiT',
      'Java-ML',
      'Multichannel Resnets',
    ]);
    expect(names).toHaveLength(10);
  });

  it('completes a prefix and forgives a typo', () => {
    expect(search.suggestProjects('mul')[0]).toEqual({ name: 'Multichannel Resnets', value: 'multichannel-resnets' });
    expect(search.suggestProjects('lookahed')[0]?.value).toBe('lookahead-optimizer-analysis');
    expect(search.suggestProjects('optimizers')[0]?.value).toBe('lookahead-optimizer-analysis');
  });

  it('never offers more than 25 choices or a name over 100 characters', () => {
    for (const input of ['', 'a', 'e', 'x'.repeat(3000), 'pixxel']) {
      const choices = [...search.suggestProjects(input), ...search.suggest(input)];
      expect(search.suggestProjects(input).length).toBeLessThanOrEqual(25);
      expect(search.suggest(input).length).toBeLessThanOrEqual(25);
      for (const choice of choices) {
        expect(choice.name.length).toBeGreaterThan(0);
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.value.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('suggests across sections for free queries', () => {
    expect(search.suggest('docker')[0]).toEqual({ name: 'Docker (skills)', value: 'Docker' });
  });
});

describe('portfolio-bot search', () => {
  async function run(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['search', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints exactly [{section,id,title,url,score}] with --json, best first', async () => {
    const { code, out } = await run('lookahed', '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as Record<string, unknown>[];
    expect(Object.keys(parsed[0]!)).toEqual(['section', 'id', 'title', 'url', 'score']);
    expect(parsed[0]).toMatchObject({ section: 'projects', id: 'lookahead-optimizer-analysis', title: 'Lookahead Optimizer Analysis', url: 'https://github.com/akashpalrecha/Lookahead' });
  });

  it('prints [] and exits 0 when nothing is relevant', async () => {
    expect(await run('blockchain', '--json')).toEqual({ code: 0, out: '[]', err: '' });
  });

  it('prints a readable table', async () => {
    const { out } = await run('optimizers', '--limit', '2');
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^#\s+score\s+section\s+title\s+url$/);
    expect(lines[2]).toMatch(/^1\s+1\.000\s+projects\s+Lookahead Optimizer Analysis\s+https:\/\/github.com\/akashpalrecha\/Lookahead$/);
    expect(lines).toHaveLength(4);
  });

  it('filters with --section and rejects an unknown one clearly', async () => {
    const { out } = await run('pixxel', '--section', 'experience', '--json');
    expect((JSON.parse(out) as { section: string }[]).every((hit) => hit.section === 'experience')).toBe(true);
    const bad = await run('pixxel', '--section', 'hobbies');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown section "hobbies": expected one of about, education/);
  });
});
