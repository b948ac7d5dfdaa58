// The preview in a real browser (headless Chromium): the shipped profile's
// Lookahead card as Discord would show it, a pager press, a menu that opens a
// project, the /ask box, a broken save shown as its located problem and the card
// back once fixed, and a <script> in a profile shown as text and never run.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { REPO_ROOT } from '../src/paths.js';
import { launchChromium } from './helpers/browser.js';
import { startPreviewProcess, type PreviewProcess } from './helpers/preview-process.js';
import { SHIPPED_PROFILE } from './helpers/profile.js';

const SHIPPED = readFileSync(SHIPPED_PROFILE, 'utf8');
let browser: Browser;
let preview: PreviewProcess;
let file: string;
let page: Page;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-browser-'));
  file = join(dir, 'profile.yaml');
  copyFileSync(SHIPPED_PROFILE, file);
  [browser, preview] = await Promise.all([launchChromium(), startPreviewProcess(file)]);
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(preview.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

/** Types a line into the command box and answers the message it adds. */
async function send(line: string) {
  const before = await page.locator('#conversation > .message').count();
  await page.fill('#line', line);
  await page.press('#line', 'Enter');
  await page.locator('#conversation > .message').nth(before).waitFor();
  return page.locator('#conversation > .message').nth(before);
}

describe('the preview page in Chromium', () => {
  it('paints every command answered, and reports its first paint', async () => {
    const invocations = await page.locator('#gallery .invocation').allTextContents();
    // One per command, in /help's order, each with the profile's own example.
    expect(invocations.map((line) => line.split(' ')[0])).toEqual(COMMANDS.map((module) => `/${module.definition.name}`));
    expect(invocations).toEqual(expect.arrayContaining(['/projects optimizers', '/project name:Lookahead', '/ask does he know docker?']));
    const paint = await page.evaluate<number>("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1");
    expect(paint).toBeGreaterThan(0);
    console.log(`preview first contentful paint (shipped profile, headless Chromium): ${paint.toFixed(0)} ms`);
  });

  it("renders /projects optimizers as Discord does: the Lookahead card's title, fields and link buttons", async () => {
    const message = await send('/projects optimizers');
    const card = message.locator('.embed').first();
    const title = card.locator('.embed-title a');
    expect(await title.textContent()).toBe('Lookahead Optimizer Analysis');
    expect(await title.getAttribute('href')).toBe('https://github.com/akashpalrecha/Lookahead');
    expect(await card.locator('.embed-author').textContent()).toBe('Akash Palrecha');
    expect(await card.locator('.field-name').allTextContents()).toEqual(['Results', 'Highlights', 'Details', 'Built with', 'Category']);
    // Inline fields side by side, as Discord puts them.
    expect(await card.locator('.fields.cols-2 .field-name').allTextContents()).toEqual(['Built with', 'Category']);
    const style = (element: unknown) =>
      (globalThis as unknown as { getComputedStyle(each: unknown): { borderLeftColor: string } }).getComputedStyle(element).borderLeftColor;
    expect(await card.evaluate(style)).toBe('rgb(88, 101, 242)');
    const links = message.locator('a.button.link');
    expect(await links.locator('.label').allTextContents()).toEqual(['Paper', 'Report', 'Repo']);
    expect(await links.nth(0).getAttribute('href')).toBe('https://arxiv.org/abs/1907.08610');
    expect(await message.locator('.select summary').textContent()).toBe('Open a project…');
  });

  it('pages a list with its Next button, and opens a project from its menu', async () => {
    const list = await send('/projects');
    expect(await list.locator('button.button', { hasText: 'Page 1 of 2' }).isDisabled()).toBe(true);
    await list.locator('button.button', { hasText: 'Next' }).click();
    const paged = page.locator('#conversation > .message').last();
    await paged.locator('button.button', { hasText: 'Page 2 of 2' }).waitFor();
    expect(await paged.locator('button.button', { hasText: 'Next' }).isDisabled()).toBe(true);
    await paged.locator('.select summary').click();
    const option = paged.locator('.select .option').first();
    const name = await option.locator('.label').textContent();
    await option.click();
    await page.locator('#conversation > .message').last().locator('.embed-title', { hasText: name! }).waitFor();
  });

  it('answers the /ask box', async () => {
    const before = await page.locator('#conversation > .message').count();
    await page.fill('#question', 'does he know docker?');
    await page.press('#question', 'Enter');
    const answer = page.locator('#conversation > .message').nth(before);
    await answer.waitFor();
    expect(await answer.locator('.invocation').textContent()).toBe('/ask does he know docker?');
    expect(await answer.locator('.content').textContent()).toMatch(/docker/i);
  });

  it('shows a broken save as its problem with file:line:col, and the card again once fixed', async () => {
    writeFileSync(file, SHIPPED.replace('    name: Lookahead Optimizer Analysis', '    nmae: Lookahead Optimizer Analysis'));
    const problem = page.locator('#problems li', { hasText: 'nmae' });
    await problem.waitFor({ timeout: 15_000 });
    expect(await problem.textContent()).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:5: projects\\[0\\]\\.nmae: Unknown key`),
    );
    expect(await page.locator('#conversation').isVisible()).toBe(false);
    expect(await page.locator('#status').textContent()).toBe('invalid');
    writeFileSync(file, SHIPPED);
    await page.locator('#problems .problems').waitFor({ state: 'detached', timeout: 15_000 });
    const title = page.locator('#conversation .embed-title', { hasText: 'Lookahead Optimizer Analysis' }).first();
    await title.waitFor();
    expect(await title.isVisible()).toBe(true);
  });

  it('shows a <script> in the profile as text, and never runs it', async () => {
    const hostile = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">';
    writeFileSync(file, SHIPPED.replace('name: Lookahead Optimizer Analysis', `name: '${hostile}'`));
    const title = page.locator('#conversation .embed-title', { hasText: 'window.pwned' }).first();
    await title.waitFor({ timeout: 15_000 });
    // As written, but for the zero-width space the replies put after "<" of "</" (it could start a command mention).
    expect(await title.textContent()).toBe(hostile.replace('</', '<\u200B/'));
    expect(await page.evaluate<unknown>('window.pwned')).toBeUndefined();
    expect(await page.locator('#conversation script, #gallery script, #conversation img[src="x"]').count()).toBe(0);
    writeFileSync(file, SHIPPED);
  });
});

// The repository's own copy is never touched: the test edits a copy.
it('leaves the shipped profile as it was', () => {
  expect(readFileSync(join(REPO_ROOT, 'data', 'profile.yaml'), 'utf8')).toBe(SHIPPED);
});
