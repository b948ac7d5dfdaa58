// The relevance specification: what people type, and what must come first.
// Fails below 95 % top-1 accuracy, or on any answer to a nonsense query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearch, type ProfileSearch } from '../src/search/index.js';
import { shippedProfile } from './helpers/profile.js';

type Case = [query: string, expected: string, kind: string];

const SPEC: Case[] = [
  // exact names
  ['Lookahead Optimizer Analysis', 'projects/lookahead-optimizer-analysis', 'name'],
  ['Drought Detection Challenge', 'projects/drought-detection-challenge', 'name'],
  ['Java-ML', 'projects/java-ml', 'name'],
  ['Fast Callbacks', 'projects/fast-callbacks', 'name'],
  ['Multichannel Resnets', 'projects/multichannel-resnets', 'name'],
  ['Book Review Website', 'projects/book-review-website', 'name'],
  ['Image Augmentation', 'projects/image-augmentation-package', 'name'],
  ['Human Protein Atlas', 'projects/human-protein-atlas-classification', 'name'],
  ['An Inquiry Into Matplotlib\'s Figures', 'blogs/an-inquiry-into-matplotlib-figures', 'name'],
  ['FastAI V2', 'learning/fastai-v2', 'name'],
  // aliases and synonyms from the data
  ['optimizers', 'projects/lookahead-optimizer-analysis', 'synonym'],
  ['nlp', 'projects/toxic-comments-classification', 'synonym'],
  ['drought watch', 'projects/drought-detection-challenge', 'alias'],
  ['ImageReader', 'projects/image-augmentation-package', 'alias'],
  ['javaml', 'projects/java-ml', 'alias'],
  ['oversampling', 'projects/classification-oversampling', 'alias'],
  ['imbalanced datasets', 'projects/classification-oversampling', 'synonym'],
  ['data augmentation', 'projects/image-augmentation-package', 'synonym'],
  ['cv', 'contact/resume', 'synonym'],
  ['instrument', 'about/free-time', 'synonym'],
  // plurals, case, punctuation, hyphens, accents
  ['OPTIMIZER', 'projects/lookahead-optimizer-analysis', 'case'],
  ['callback', 'projects/fast-callbacks', 'plural'],
  ['multi-channel resnet', 'projects/multichannel-resnets', 'hyphen'],
  ['multichannel resnets!!!', 'projects/multichannel-resnets', 'punctuation'],
  ['résumé', 'contact/resume', 'accents'],
  ['toxic-comments', 'projects/toxic-comments-classification', 'hyphen'],
  ['lookahead optimiser', 'projects/lookahead-optimizer-analysis', 'spelling'],
  // typos
  ['lookahed', 'projects/lookahead-optimizer-analysis', 'typo'],
  ['optimzers', 'projects/lookahead-optimizer-analysis', 'typo'],
  ['multichanel resnts', 'projects/multichannel-resnets', 'typo'],
  ['clasificaton oversamplin', 'projects/classification-oversampling', 'typo'],
  ['drougth', 'projects/drought-detection-challenge', 'typo'],
  ['protien atlas', 'projects/human-protein-atlas-classification', 'typo'],
  ['callbaks', 'projects/fast-callbacks', 'typo'],
  // metrics
  ['99.26', 'projects/toxic-comments-classification', 'metric'],
  ['roc-auc', 'projects/toxic-comments-classification', 'metric'],
  ['fbeta', 'projects/human-protein-atlas-classification', 'metric'],
  ['#1 leaderboard', 'projects/drought-detection-challenge', 'metric'],
  ['29 classes', 'projects/human-protein-atlas-classification', 'metric'],
  ['lowest validation loss', 'projects/lookahead-optimizer-analysis', 'metric'],
  // tools
  ['pytorch', 'skills/pytorch', 'tool'],
  ['ulmfit', 'projects/toxic-comments-classification', 'tool'],
  ['flask', 'skills/webapps-using-flask-css-html-javascript', 'tool'],
  ['docker', 'skills/docker', 'tool'],
  ['resnet34', 'projects/lookahead-optimizer-analysis', 'tool'],
  ['heroku', 'projects/book-review-website', 'tool'],
  ['linknet', 'experience/ai-researcher-pixxel', 'tool'],
  // venues and places
  ['kaggle', 'projects/toxic-comments-classification', 'venue'],
  ['weights and biases', 'projects/drought-detection-challenge', 'venue'],
  ['matplotlib blog', 'blogs/an-inquiry-into-matplotlib-figures', 'venue'],
  ['pixxel', 'experience/ai-lead-pixxel', 'venue'],
  ['bits pilani', 'education/msc-mathematics-bits-pilani', 'venue'],
  ['cs50', 'learning/cs50-web-programming', 'venue'],
  ['arxiv batchnorm', 'research/batchnorm-without-mean-variance', 'venue'],
  // abbreviations
  ['js', 'skills/webapps-using-flask-css-html-javascript', 'abbreviation'],
  ['dl course', 'learning/fastai-deep-learning-course-part-2', 'abbreviation'],
  ['nn library in java', 'projects/java-ml', 'abbreviation'],
  // multi-word phrases
  ['neural network library java', 'projects/java-ml', 'phrase'],
  ['road segmentation satellite', 'experience/ai-researcher-pixxel', 'phrase'],
  ['pretrained models fastai', 'blogs/custom-pretrained-models-in-fastai', 'phrase'],
  ['figures axes gridspec', 'blogs/an-inquiry-into-matplotlib-figures', 'phrase'],
  ['which kaggle competitions did he enter', 'projects/toxic-comments-classification', 'phrase'],
  ['making ai accessible', 'about/philosophy', 'phrase'],
  ['a day in his life', 'about/day-in-my-life', 'phrase'],
  // words from the details
  ['gradient accumulation', 'projects/fast-callbacks', 'detail'],
  ['imagenette', 'projects/lookahead-optimizer-analysis', 'detail'],
  ['autograd', 'projects/java-ml', 'detail'],
  ['hyperspectral', 'projects/multichannel-resnets', 'detail'],
  ['progressive resizing', 'projects/human-protein-atlas-classification', 'detail'],
  ['kindle', 'about/day-in-my-life', 'detail'],
  ['jeremy howard', 'about/philosophy', 'detail'],
  ['land cover classification', 'experience/ai-lead-pixxel', 'detail'],
  ['query images', 'research/query-image-assisted-classification', 'detail'],
];

const NONSENSE = [
  'blockchain',
  'xyzzy',
  'quantum computing',
  'kubernetes helm charts',
  'recipe for banana bread',
  'asdfghjkl qwerty',
  'cryptocurrency trading bot',
  '🦄🦄🦄',
  '!!!???',
  'the of and',
  'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz',
  'ruby on rails',
];

let search: ProfileSearch;
const ranks: (number | null)[] = [];

beforeAll(async () => {
  search = createSearch((await shippedProfile()).profile);
});

afterAll(() => {
  const top1 = ranks.filter((r) => r === 1).length / ranks.length;
  const mrr = ranks.reduce<number>((sum, r) => sum + (r ? 1 / r : 0), 0) / ranks.length;
  console.log(`relevance: ${SPEC.length} queries, top-1 accuracy ${(top1 * 100).toFixed(1)} %, MRR ${mrr.toFixed(3)}; ${NONSENSE.length} nonsense queries`);
});

describe('relevance specification', () => {
  it('has at least 60 queries with an expected first result and 10 nonsense queries', () => {
    expect(SPEC.length).toBeGreaterThanOrEqual(60);
    expect(NONSENSE.length).toBeGreaterThanOrEqual(10);
  });

  it('ranks the expected entry first for at least 95 % of the queries', () => {
    const misses: string[] = [];
    for (const [query, expected] of SPEC) {
      const hits = search.search(query, { limit: 10 }).map((hit) => `${hit.section}/${hit.id}`);
      const rank = hits.indexOf(expected) + 1;
      ranks.push(rank || null);
      if (rank !== 1) misses.push(`${query} → expected ${expected}, got [${hits.slice(0, 3).join(', ')}]`);
    }
    const accuracy = (SPEC.length - misses.length) / SPEC.length;
    if (misses.length > 0) console.log(`misses:\n${misses.join('\n')}`);
    expect(accuracy, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it.each(NONSENSE)('returns nothing for %j', (query) => {
    expect(search.search(query)).toEqual([]);
  });
});
