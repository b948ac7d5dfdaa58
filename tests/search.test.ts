import { beforeAll, describe, expect, it } from 'vitest';
import { createSearch, type ProfileSearch } from '../src/search/index.js';
import { queryTokens, singular, tokenize } from '../src/search/normalise.js';
import { allowedEdits, createTypoLayer } from '../src/search/typos.js';
import { editDistance } from '../src/edit-distance.js';
import { findSkills } from '../src/ask/skills.js';
import { parseProfile } from '../src/profile/load.js';
import type { Profile } from '../src/profile/schema.js';
import { readFileSync } from 'node:fs';
import { SHIPPED_PROFILE, loadedPortfolio, shippedPortfolio } from './helpers/profile.js';
import { main } from '../src/cli.js';
import { mulberry32 } from './helpers/random.js';

let search: ProfileSearch;
beforeAll(async () => {
  search = createSearch((await shippedPortfolio()).profile);
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

describe('edit distance (profile keys)', () => {
  it('measures edits, swaps included', () => {
    expect(editDistance('lookahed', 'lookahead')).toBe(1);
    expect(editDistance('pytroch', 'pytorch')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('typo layer', () => {
  it('allows one edit in words of four or five letters, two from six up, none below four', () => {
    expect([3, 4, 5, 6, 12, 40, 41].map(allowedEdits)).toEqual([0, 1, 1, 2, 2, 2, 0]);
  });

  it('finds words within the allowed edits, fewest first', () => {
    const layer = createTypoLayer(['lookahead', 'lookup', 'optimizer', 'optimize', 'flask', 'network', 'classification']);
    expect(layer.lookup('lookahed')).toEqual([{ term: 'lookahead', edits: 1 }]);
    expect(layer.lookup('optimzer')).toEqual([
      { term: 'optimizer', edits: 1 },
      { term: 'optimize', edits: 2 },
    ]);
    expect(layer.lookup('flsk')).toEqual([{ term: 'flask', edits: 1 }]);
    expect(layer.lookup('flaks')).toEqual([{ term: 'flask', edits: 1 }]); // a swap is one edit
    expect(layer.lookup('netwrk')).toEqual([{ term: 'network', edits: 1 }]);
    // Two edits of the shapes seen only by the second look: two letters dropped, two added, one added and one changed.
    expect(layer.lookup('clasificaton')).toEqual([{ term: 'classification', edits: 2 }]);
    expect(layer.lookup('classiffications')).toEqual([{ term: 'classification', edits: 2 }]);
    expect(layer.lookup('clbssifications')).toEqual([{ term: 'classification', edits: 2 }]);
    // What it can't see: two letters changed.
    expect(layer.lookup('clbssificatiom')).toEqual([]);
  });

  it('finds nothing for a word that is no typo: nonsense, a fragment, too short, digits', () => {
    const layer = createTypoLayer(['lookahead', 'network', 'resnet', 'resnet34', 'flask', 'uncool', 'ounelthl']);
    expect(layer.lookup('zebra')).toEqual([]);
    expect(layer.lookup('cobol')).toEqual([]); // "cool" is inside "uncool", three edits away
    expect(layer.lookup('eilthl')).toEqual([]); // "elthl" is inside "ounelthl", four edits away
    expect(layer.lookup('look')).toEqual([]); // a prefix is the search's business, not a typo
    expect(layer.lookup('net')).toEqual([]);
    expect(layer.lookup('resnet33')).toEqual([]);
    expect(layer.lookup('flas'.repeat(11))).toEqual([]);
  });

  it('finds every word one edit away, and only words within the allowance, with their distance', () => {
    // Few letters make many near words; half the words typed are a vocabulary word mistyped.
    const rand = mulberry32(5);
    const pick = (letters: string) => letters[Math.floor(rand() * letters.length)]!;
    const word = (letters: string, min: number, spread: number) =>
      Array.from({ length: min + Math.floor(rand() * spread) }, () => pick(letters)).join('');
    const mistype = (text: string, letters: string) => {
      const at = Math.floor(rand() * text.length);
      const kind = Math.floor(rand() * 3);
      return text.slice(0, at) + (kind === 0 ? '' : pick(letters)) + text.slice(kind === 1 ? at : at + 1);
    };
    for (const letters of ['abcde', 'abcdefgh', 'abcdefghijklmnopqrstuvwxyz']) {
      const vocabulary = [...new Set(Array.from({ length: 400 }, () => word(letters, 3, 9)))];
      const layer = createTypoLayer(vocabulary);
      let near = 0;
      for (let i = 0; i < 300; i++) {
        let typed = word(letters, 4, 8);
        if (i % 2 === 0) {
          typed = vocabulary[i]!;
          for (let edits = 1 + (i % 3); edits > 0 || typed.length < 4; edits--) typed = mistype(typed, letters);
        }
        const found = layer.lookup(typed);
        for (const { term, edits } of found) {
          expect(editDistance(typed, term), `${typed} → ${term}`).toBe(edits);
          expect(edits).toBeLessThanOrEqual(allowedEdits(typed.length));
        }
        const oneAway = vocabulary.filter((w) => editDistance(typed, w) <= 1).sort();
        expect(
          found
            .filter((m) => m.edits <= 1)
            .map((m) => m.term)
            .sort(),
          typed,
        ).toEqual(oneAway);
        near += oneAway.length > 0 ? 1 : 0;
      }
      expect(near).toBeGreaterThan(50);
    }
  });

  // Each row fails with the typo layer stubbed out (lookup returning []):
  // none of these words is in the profile, nor a prefix of a word in it.
  it.each([
    ['kagle', 'one edit, five letters', 'projects/toxic-comments-classification'],
    ['pixel', 'one edit, five letters', 'experience/ai-lead-pixxel'],
    ['flsk', 'one edit, four letters', 'skills/webapps-using-flask-css-html-javascript'],
    ['dokcer', 'a swap, six letters', 'skills/docker'],
    ['heroko', 'one edit, six letters', 'projects/book-review-website'],
    ['autogard', 'a swap, eight letters', 'projects/java-ml'],
    ['imagenete', 'one edit, nine letters', 'projects/lookahead-optimizer-analysis'],
    ['hyperspectal', 'one edit, twelve letters', 'projects/multichannel-resnets'],
    ['hyprspectrall', 'two edits, thirteen letters', 'projects/multichannel-resnets'],
    ['kindel', 'a swap, six letters', 'about/day-in-my-life'],
    ['gradiant acumulation', 'one edit in each of two words', 'projects/fast-callbacks'],
  ])('a typo still finds its entry: %j (%s)', (query, _kind, expected) => {
    expect(ids(query)[0]).toBe(expected);
  });

  it('reads a typo in a skill with the same layer, and only a near one', async () => {
    const { profile } = await shippedPortfolio();
    const names = (word: string) => findSkills([word], profile).map((m) => `${m.skill.name} (${m.via})`);
    expect(names('pytroch')).toEqual(['PyTorch (typo)']);
    expect(names('tensorflw')).toEqual(['Tensorflow (typo)']);
    expect(names('dokcer')).toEqual(['Docker (typo)']);
    expect(names('kubernetes')).toEqual([]);
    expect(names('rust')).toEqual([]);
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

  it('is deterministic: two indexes of freshly loaded profiles, queried in opposite orders, agree', async () => {
    // Each index learns as it goes (typo lookups are built lazily and remembered), so
    // the second is asked the same queries backwards: its state differs at every query.
    const queries = ['satellite imagery', 'lookahed', 'kaggle', 'pixxel', 'hyprspectrall', 'clasification', 'fastai', 'dokcer', 'pytorch'];
    const fresh = async () => createSearch((await loadedPortfolio(SHIPPED_PROFILE)).profile);
    const [one, two] = [await fresh(), await fresh()];
    const hits = (index: ProfileSearch, query: string) => index.search(query).map((h) => `${h.section}/${h.id} ${h.score}`);
    const forwards = queries.map((q) => hits(one, q));
    const backwards = [...queries]
      .reverse()
      .map((q) => hits(two, q))
      .reverse();
    expect(backwards).toEqual(forwards);
    // A tag shared by six entries: equal scores, in section order, then profile order.
    expect(forwards[0]).toEqual([
      'projects/drought-detection-challenge 0.85',
      'projects/fast-callbacks 0.85',
      'projects/multichannel-resnets 0.85',
      'experience/ai-lead-pixxel 0.85',
      'experience/ai-researcher-pixxel 0.85',
      'about/background 0.85',
    ]);
  });

  it('scores an entry the same wherever it stands in the profile', async () => {
    const { profile } = await loadedPortfolio(SHIPPED_PROFILE);
    const reversed: Profile = { ...profile, projects: [...profile.projects].reverse(), experience: [...profile.experience].reverse() };
    const scores = (index: ProfileSearch, query: string) =>
      Object.fromEntries(index.search(query, { limit: 100 }).map((h) => [`${h.section}/${h.id}`, h.score]));
    const [original, shuffled] = [createSearch(profile), createSearch(reversed)];
    for (const query of ['satellite imagery', 'kaggle', 'lookahed', 'classification', 'fastai callbacks']) {
      expect(scores(shuffled, query), query).toEqual(scores(original, query));
    }
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
    const text = readFileSync(new URL('./fixtures/minimal.yaml', import.meta.url), 'utf8').replace(
      'tags: [compilers]',
      'tags: [compilers, blockchain]',
    );
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
    expect(parsed[0]).toMatchObject({
      section: 'projects',
      id: 'lookahead-optimizer-analysis',
      title: 'Lookahead Optimizer Analysis',
      url: 'https://github.com/akashpalrecha/Lookahead',
    });
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
