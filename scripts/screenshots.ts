// `npm run screenshots`: PNGs of the preview page and of the main cards, for the
// README and docs/ (docs/preview.png, docs/screenshots/<command>.png), taken in
// headless Chromium from `portfolio-bot preview` on the shipped profile, and the
// figures behind docs/onboarding.md: how long importing a JSON Resume takes (the
// function alone, and `portfolio-bot import` end to end) and the preview's first
// contentful paint. A measurement, not a test.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../src/log.js';
import { REPO_ROOT } from '../src/paths.js';
import { startPreview } from '../src/preview/server.js';
import { importResume } from '../src/resume/import.js';
import { launchChromium } from '../tests/helpers/browser.js';

const STRANGER = join(REPO_ROOT, 'tests', 'fixtures', 'resume', 'stranger.json');
const SHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const BIN = join(REPO_ROOT, 'bin', 'portfolio-bot.js');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measureImport(): void {
  const text = readFileSync(STRANGER, 'utf8');
  for (let i = 0; i < 5; i++) importResume(text, 'stranger.json');
  const runs: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    importResume(text, 'stranger.json');
    runs.push(performance.now() - start);
  }
  const out = join(mkdtempSync(join(tmpdir(), 'pb-shots-')), 'profile.yaml');
  const cli: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, [BIN, 'import', STRANGER, '-o', out, '--force'], { encoding: 'utf8' });
    cli.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`import failed: ${result.stderr}`);
  }
  console.log(`import (stranger.json, ${text.length} bytes): importResume median ${median(runs).toFixed(1)} ms over 50 runs;`);
  console.log(`  portfolio-bot import end to end (a fresh process) median ${median(cli).toFixed(0)} ms over 5 runs`);
}

async function shoot(): Promise<void> {
  // The page shows the file as given: relative, so that no screenshot names a path outside the repository.
  process.chdir(REPO_ROOT);
  const preview = await startPreview({ file: join('data', 'profile.yaml'), port: 0, logger: silentLogger });
  const browser = await launchChromium();
  try {
    const paints: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(preview.url, { waitUntil: 'load' });
      // The entry is recorded a moment after the paint: wait for it (the page's policy forbids waitForFunction's eval).
      let paint = -1;
      for (let tries = 0; paint < 0 && tries < 100; tries++) {
        paint = await page.evaluate<number>("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1");
        if (paint < 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      paints.push(paint);
      await page.close();
    }
    console.log(
      `preview first contentful paint (shipped profile, every command answered): median ${median(paints).toFixed(0)} ms over 5 loads`,
    );

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(preview.url);
    await page.fill('#line', '/projects optimizers');
    await page.press('#line', 'Enter');
    await page.locator('#conversation .message').first().waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(REPO_ROOT, 'docs', 'preview.png') });
    // The sticky header would cover the top of each card's picture.
    await page.evaluate("document.querySelector('.top').style.position = 'static'");
    mkdirSync(SHOTS, { recursive: true });
    const items = page.locator('#gallery .gallery-item');
    for (const [index, name] of ['about', 'projects', 'project', 'experience', 'skills', 'contact'].map(
      (each) =>
        [['about', 'projects', 'project', 'experience', 'research', 'learning', 'blogs', 'skills', 'contact'].indexOf(each), each] as const,
    )) {
      await items.nth(index).screenshot({ path: join(SHOTS, `${name}.png`) });
    }
    console.log(`wrote docs/preview.png and docs/screenshots/{about,projects,project,experience,skills,contact}.png`);
  } finally {
    await browser.close();
    await preview.close();
  }
}

measureImport();
await shoot();
