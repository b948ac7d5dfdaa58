// The preview's server and renderer without a browser: what it renders is
// escaped (a profile is hostile input), links are only http(s) or mailto, and
// the server answers only its own page on loopback, within its caps.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/log.js';
import { markdown, renderEmbed, renderMessage, renderProblems, renderRow } from '../src/preview/render.js';
import { PREVIEW_LIMITS, startPreview, type PreviewServer } from '../src/preview/server.js';
import { REPO_ROOT } from '../src/paths.js';

const MINIMAL = readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'minimal.yaml'), 'utf8');
const HOSTILE = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">';

describe('render: Discord markdown as escaped HTML', () => {
  it('escapes every text before any tag is put around it', () => {
    expect(markdown(`**${HOSTILE}**`)).toBe(
      '<strong>&lt;script&gt;window.pwned = 1&lt;/script&gt;&lt;img src=x onerror=&quot;window.pwned = 2&quot;&gt;</strong>',
    );
    expect(markdown('`<b>` and ```js\n<i>\n```')).toBe('<code>&lt;b&gt;</code> and <pre class="codeblock"><code>&lt;i&gt;</code></pre>');
  });

  it('makes anchors of http(s) and mailto links only, with the label escaped', () => {
    expect(markdown('[a<b](https://example.org/x?y=1&z="2")')).toBe(
      '<a href="https://example.org/x?y=1&amp;z=%222%22" target="_blank" rel="noopener noreferrer">a&lt;b</a>',
    );
    expect(markdown('[click](javascript:alert(1))')).toBe('[click](javascript:alert(1))');
    expect(renderEmbed({ title: 'T', url: 'javascript:alert(1)' })).toContain('<div class="embed-title"><span>T</span></div>');
  });

  it('renders emphasis, backslash escapes, bullets and line breaks as Discord does', () => {
    expect(markdown('**bold** *it* _it_ __u__ ~~s~~ snake_case_name \\*not\\*\n• item')).toBe(
      '<strong>bold</strong> <em>it</em> <em>it</em> <u>u</u> <s>s</s> snake_case_name &#42;not&#42;<br>• item',
    );
  });

  it('lays inline fields out in rows of up to three, any other field alone', () => {
    const html = renderEmbed({
      fields: [
        { name: 'a', value: '1', inline: true },
        { name: 'b', value: '2', inline: true },
        { name: 'c', value: '3', inline: true },
        { name: 'd', value: '4', inline: true },
        { name: 'e', value: '5' },
      ],
    });
    expect(html.match(/class="fields cols-\d"/g)).toEqual(['class="fields cols-3"', 'class="fields cols-1"', 'class="fields cols-1"']);
  });

  it('escapes custom_ids, option values and labels of components, and the problems', () => {
    const row = renderRow({
      type: 1,
      components: [{ type: 3, custom_id: 'pb1|x|"><script>', options: [{ label: '<b>', value: '"><i>', description: '<u>' }] }],
    } as never);
    expect(row).not.toMatch(/<(script|b|i|u)>/);
    expect(renderProblems([`f.yaml:3:5: identity.name: ${HOSTILE}`])).toContain(
      '<li><span class="where">f.yaml:3:5</span>: identity.name: &lt;script&gt;',
    );
    expect(renderMessage({ content: 'x' }, { bot: HOSTILE, invocation: HOSTILE })).not.toMatch(/<script|<img/);
  });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request to the preview, with the headers given as they are (Host included). */
function call(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the preview server', () => {
  let preview: PreviewServer | undefined;
  let dir: string;
  afterEach(async () => {
    await preview?.close();
    preview = undefined;
  });

  async function start(profile: string): Promise<{ url: string; file: string }> {
    dir = mkdtempSync(join(tmpdir(), 'pb-preview-'));
    const file = join(dir, 'profile.yaml');
    writeFileSync(file, profile);
    preview = await startPreview({ file, port: 0, logger: silentLogger, pollMs: 50 });
    return { url: preview.url, file };
  }

  const json = (url: string, body: unknown) =>
    call(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url.replace(/\/api\/.*$/, '') },
      body: JSON.stringify(body),
    });

  it('listens on loopback and serves the page with a policy that forbids inline and remote script', async () => {
    const { url } = await start(MINIMAL);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await call(url);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<title>Ada Example — portfolio-bot preview</title>');
    expect(page.body).toContain('placeholder="what has she worked on?"');
    // Every command of the gallery answered, from the profile's own examples.
    expect(page.body).toContain('<div class="invocation">/projects compilers</div>');
  });

  it("shows a profile's <script> as text, in the page and in the answers", async () => {
    const { url } = await start(
      MINIMAL.replace('summary: The first tool.', `summary: '${HOSTILE}'`).replace('name: Ada Example', `name: '${HOSTILE}'`),
    );
    const page = await call(url);
    expect(page.body).not.toMatch(/<script>window|<img src=x/);
    // (The replies put a zero-width space after "<" of "</", which could start a command mention.)
    expect(page.body).toContain('<title>&lt;script&gt;window.pwned = 1&lt;/script&gt;');
    expect(page.body).toContain(
      '&lt;script&gt;window.pwned = 1&lt;\u200B/script&gt;&lt;img src=x onerror=&quot;window.pwned = 2&quot;&gt;',
    );
    const answer = await json(`${url}api/run`, { line: '/project name:Alpha' });
    const html = (JSON.parse(answer.body) as { html: string }).html;
    expect(html).toContain('<div class="embed-description">&lt;script&gt;window.pwned = 1&lt;\u200B/script&gt;&lt;img');
    expect(html).not.toMatch(/<script|<img/);
  });

  it('answers only requests addressed to 127.0.0.1 or localhost (no DNS rebinding)', async () => {
    const { url } = await start(MINIMAL);
    const port = new URL(url).port;
    const rebound = await call(url, { headers: { host: `evil.example:${port}` } });
    expect({ status: rebound.status, body: rebound.body }).toEqual({
      status: 421,
      body: `the preview answers only at http://127.0.0.1:${port}\n`,
    });
    expect((await call(url, { headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it('takes posts only as JSON from its own origin, within the body cap', async () => {
    const { url } = await start(MINIMAL);
    const run = `${url}api/run`;
    const crossSite = await call(run, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{"line":"/about"}',
    });
    expect({ status: crossSite.status, body: JSON.parse(crossSite.body) }).toEqual({
      status: 403,
      body: { error: 'posts come only from the preview page itself' },
    });
    const form = await call(run, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"line":"/about"}' });
    expect(form.status).toBe(415);
    const big = await json(run, { line: 'x'.repeat(PREVIEW_LIMITS.bodyBytes) });
    expect({ status: big.status, body: JSON.parse(big.body) }).toEqual({
      status: 413,
      body: { error: 'a body may be at most 16384 bytes' },
    });
    const bad = await json(run, { nope: 1 });
    expect(bad.status).toBe(400);
    expect((await call(`${url}nope`)).status).toBe(404);
  });

  it('answers commands and presses through the dispatcher, and pages a list', async () => {
    const { url } = await start(MINIMAL);
    const list = JSON.parse((await json(`${url}api/run`, { line: '/projects' })).body) as { html: string };
    expect(list.html).toContain('<div class="invocation">/projects</div>');
    const menu = /<details class="select" data-custom-id="([^"]+)"/
      .exec(list.html)![1]!
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    const opened = JSON.parse((await json(`${url}api/press`, { customId: menu, values: ['beta'] })).body) as { type: string; html: string };
    expect(opened.type).toBe('update');
    expect(opened.html).toContain('The second tool.');
  });

  it('shows the problems with file:line:col while the file is broken, and the cards again once fixed', async () => {
    const { url, file } = await start(MINIMAL);
    writeFileSync(file, MINIMAL.replace('    summary: The first tool.', '    sumary: The first tool.'));
    await preview!.reload();
    const broken = JSON.parse((await json(`${url}api/run`, { line: '/about' })).body) as { problems: string[] };
    expect(broken.problems).toEqual([
      `${file}:27:5: projects[0].summary: Missing required field (expected string)`,
      `${file}:30:5: projects[0].sumary: Unknown key "sumary" (did you mean "summary"?)`,
    ]);
    writeFileSync(file, MINIMAL);
    await preview!.reload();
    expect(JSON.parse((await json(`${url}api/run`, { line: '/about' })).body)).toHaveProperty('html');
  });
});
