// SSRF: a member's url or attachment is the one address the bot fetches because
// a user chose it. Every refusal here is checked by its exact message; the
// loopback server stands in for the outside (FETCH_ALLOW_LOOPBACK's test mode),
// and what that mode must still refuse is checked too.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addressProblem,
  checkedLookup,
  DEFAULT_FETCH_POLICY,
  fetchDocument,
  urlProblem,
  type FetchPolicy,
} from '../src/community/fetch.js';
import { communityRig } from './helpers/community.js';

const STRICT: FetchPolicy = { ...DEFAULT_FETCH_POLICY, timeoutMs: 1000 };
const LOOPBACK: FetchPolicy = { ...STRICT, allowLoopback: true };

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '';
    if (path === '/ok') res.writeHead(200, { 'content-type': 'text/yaml' }).end('version: 1\n');
    else if (path === '/to-private') res.writeHead(302, { location: 'https://10.0.0.1/profile.yaml' }).end();
    else if (path === '/to-metadata') res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    else if (path === '/to-ok') res.writeHead(302, { location: '/ok' }).end();
    else if (path === '/to-file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    else if (path === '/to-invalid') res.writeHead(302, { location: 'https://[not-an-address/' }).end();
    else if (path === '/to-hostile') res.writeHead(302, { location: `https://${'*_'.repeat(40)}.invalid/p.yaml` }).end();
    else if (path === '/loop') res.writeHead(302, { location: '/loop' }).end();
    else if (path === '/big') res.writeHead(200, { 'content-length': String(300 * 1024) }).end('x'.repeat(300 * 1024));
    else if (path === '/big-chunked') {
      res.writeHead(200, { 'transfer-encoding': 'chunked' });
      for (let i = 0; i < 40; i++) res.write('y'.repeat(10 * 1024));
      res.end();
    } else if (path === '/stall') {
      res.writeHead(200);
      res.write('version: 1\n'); // and never ends
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('which addresses are refused', () => {
  const LOOPBACK_KIND = "a loopback address (the bot's own machine)";
  it.each([
    ['10.1.2.3', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['192.168.1.10', 'a private address'],
    ['127.0.0.1', LOOPBACK_KIND],
    ['169.254.169.254', 'a link-local address'],
    ['100.64.0.1', 'a shared (carrier-grade NAT) address'],
    ['0.0.0.0', 'an unspecified address'],
    ['224.0.0.1', 'a multicast address'],
    ['192.0.2.1', 'a reserved address'],
    ['::1', LOOPBACK_KIND],
    ['::', 'an unspecified address'],
    ['fe80::1', 'a link-local address'],
    ['fd00::1', 'a private address'],
    ['::ffff:127.0.0.1', LOOPBACK_KIND],
    ['::ffff:7f00:1', LOOPBACK_KIND],
    ['::ffff:a9fe:a9fe', 'a link-local address'],
    ['64:ff9b::a9fe:a9fe', 'a link-local address'],
    ['2002:a00:1::1', 'a private address'],
  ])('%s: %s', (address, kind) => {
    expect(addressProblem(address, STRICT)).toBe(`${address} is ${kind}`);
  });

  it('lets public addresses through', () => {
    expect(addressProblem('93.184.216.34', STRICT)).toBeUndefined();
    expect(addressProblem('2606:4700:4700::1111', STRICT)).toBeUndefined();
  });

  it('reads every way of writing a loopback address as one (the URL parser normalises them)', () => {
    for (const url of [
      'https://0x7f.1/',
      'https://2130706433/',
      'https://017700000001/',
      'https://127.1/',
      'https://[::ffff:127.0.0.1]/',
    ]) {
      expect(urlProblem(new URL(url), 'url', STRICT)).toMatch(
        /^(127\.0\.0\.1|::ffff:7f00:1) is a loopback address \(the bot's own machine\); only public addresses are fetched$/,
      );
    }
  });

  it('fetches urls over https only, attachments from Discord only, and nothing with credentials', () => {
    expect(urlProblem(new URL('http://example.org/p.yaml'), 'url', STRICT)).toBe(
      'http:// links are not fetched — only https:// links are accepted',
    );
    expect(urlProblem(new URL('file:///etc/hostname'), 'url', STRICT)).toBe(
      'file:// links are not fetched — only https:// links are accepted',
    );
    expect(urlProblem(new URL('https://u:p@example.org/'), 'url', STRICT)).toBe(
      'the address has a user name or password in it, which is not fetched: give it without them',
    );
    expect(urlProblem(new URL('https://evil.example/a.yaml'), 'attachment', STRICT)).toBe(
      "attachments are fetched from Discord's CDN only, not from evil.example",
    );
    expect(urlProblem(new URL('https://cdn.discordapp.com/attachments/1/2/p.yaml'), 'attachment', STRICT)).toBeUndefined();
  });

  it('in the test mode, allows loopback only: private and link-local stay refused', () => {
    expect(urlProblem(new URL(`${base}/ok`), 'url', LOOPBACK)).toBeUndefined();
    expect(urlProblem(new URL('https://10.0.0.1/'), 'url', LOOPBACK)).toBe(
      '10.0.0.1 is a private address; only public addresses are fetched',
    );
    expect(urlProblem(new URL('http://169.254.169.254/'), 'url', LOOPBACK)).toBe(
      'http:// links are not fetched — only https:// links are accepted',
    );
    expect(urlProblem(new URL(`${base}/ok`), 'url', STRICT)).toBe('http:// links are not fetched — only https:// links are accepted');
  });

  it('names localhost for what it is, before any lookup, and says so of a redirect too', () => {
    for (const host of ['localhost', 'LOCALHOST.', 'api.localhost']) {
      expect(urlProblem(new URL(`https://${host}/p.yaml`), 'url', STRICT)).toBe(
        `${new URL(`https://${host}/`).hostname} is the bot's own machine (a loopback address); only public addresses are fetched`,
      );
    }
    expect(urlProblem(new URL('https://localhost/p.yaml'), 'url', STRICT, true)).toBe(
      "it redirects to localhost, the bot's own machine (a loopback address); only public addresses are fetched",
    );
    expect(urlProblem(new URL('https://u:p@example.org/'), 'url', STRICT, true)).toBe(
      'it redirects to an address with a user name or password in it, which is not fetched',
    );
    expect(urlProblem(new URL('https://evil.example/a.yaml'), 'attachment', STRICT, true)).toBe(
      "it redirects to evil.example — attachments are fetched from Discord's CDN only",
    );
  });

  it('echoes no raw markdown and no long host: a host name is escaped and cut', () => {
    const host = `${'*_'.repeat(40)}.example`;
    const problem = urlProblem(new URL(`https://${host}/a.yaml`), 'attachment', STRICT)!;
    expect(problem).toMatch(/^attachments are fetched from Discord's CDN only, not from (\\[*_])+…$/);
    expect(problem.length).toBeLessThan(120);
    const scheme = urlProblem(new URL(`${'x'.repeat(100)}:payload`), 'url', STRICT)!;
    expect(scheme).toBe(`${'x'.repeat(19)}…:// links are not fetched — only https:// links are accepted`);
  });
});

describe('fetching', () => {
  it('refuses localhost, and a host name that resolves to a loopback address, saying which address and why', async () => {
    await expect(fetchDocument('https://localhost:1/profile.yaml', 'url', STRICT)).rejects.toThrow(
      "localhost is the bot's own machine (a loopback address); only public addresses are fetched",
    );
    // The lookup every connection makes (localhost resolves to loopback wherever this runs).
    const lookup = (redirected: boolean) =>
      new Promise<Error | null>((resolve) => checkedLookup(STRICT, redirected)('localhost', {}, (error) => resolve(error)));
    expect((await lookup(false))?.message).toMatch(
      /^localhost resolves to (127\.0\.0\.1|::1), a loopback address \(the bot's own machine\); only public addresses are fetched$/,
    );
    expect((await lookup(true))?.message).toMatch(
      /^it redirects to localhost, which resolves to (127\.0\.0\.1|::1), a loopback address \(the bot's own machine\); only public/,
    );
  });

  it('says where a redirect went and why it is refused: no empty host, no raw markdown', async () => {
    await expect(fetchDocument(`${base}/to-file`, 'url', LOOPBACK)).rejects.toThrow(
      /^it redirects to file:\/\/ — only https:\/\/ links are accepted$/,
    );
    await expect(fetchDocument(`${base}/to-invalid`, 'url', LOOPBACK)).rejects.toThrow(/^it redirects to an address that is not valid$/);
    const hostile = await fetchDocument(`${base}/to-hostile`, 'url', { ...LOOPBACK, timeoutMs: 10_000 }).catch((error: Error) => error);
    expect((hostile as Error).message).toMatch(
      /^(\\[*_])+… \(where it redirects\) (was not found \(no such host name\)|could not be reached( \(.+\))?)$/,
    );
  });

  it('follows a redirect only after checking where it goes', async () => {
    expect(await fetchDocument(`${base}/to-ok`, 'url', LOOPBACK)).toBe('version: 1\n');
    await expect(fetchDocument(`${base}/to-private`, 'url', LOOPBACK)).rejects.toThrow(
      /^it redirects to 10\.0\.0\.1, a private address; only public addresses are fetched$/,
    );
    await expect(fetchDocument(`${base}/to-metadata`, 'url', LOOPBACK)).rejects.toThrow(
      /^it redirects to http:\/\/ — only https:\/\/ links are accepted$/,
    );
    await expect(fetchDocument(`${base}/loop`, 'url', LOOPBACK)).rejects.toThrow('it redirected more than 3 times');
  });

  it('caps the bytes, declared or not, and the time', async () => {
    await expect(fetchDocument(`${base}/big`, 'url', LOOPBACK)).rejects.toThrow('it is larger than 256 KB');
    await expect(fetchDocument(`${base}/big-chunked`, 'url', LOOPBACK)).rejects.toThrow('it is larger than 256 KB');
    const started = Date.now();
    await expect(fetchDocument(`${base}/stall`, 'url', { ...LOOPBACK, timeoutMs: 300 })).rejects.toThrow('it took longer than 0.3 s');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('says what the server answered when it is not the document', async () => {
    await expect(fetchDocument(`${base}/missing`, 'url', LOOPBACK)).rejects.toThrow('the server answered 404, not the document');
    await expect(fetchDocument('not a url', 'url', LOOPBACK)).rejects.toThrow('that is not a valid address: give a full https:// URL');
  });
});

describe('what the member reads', () => {
  it('one sentence that says what was refused and why', async () => {
    const rig = await communityRig({ fetchPolicy: STRICT });
    try {
      const submit = (url: string, member: string) => rig.community.submit({ guildId: '500000000000000001', member: { id: member }, url });
      expect(await submit('https://localhost/me.yaml', '200000000000000001')).toEqual({
        ok: false,
        message:
          "Your profile could not be fetched: localhost is the bot's own machine (a loopback address); only public addresses are fetched.",
      });
      expect(await submit('file:///etc/passwd', '200000000000000002')).toEqual({
        ok: false,
        message: 'Your profile could not be fetched: file:// links are not fetched — only https:// links are accepted.',
      });
      expect(await submit('https://169.254.169.254/latest/meta-data/', '200000000000000003')).toEqual({
        ok: false,
        message: 'Your profile could not be fetched: 169.254.169.254 is a link-local address; only public addresses are fetched.',
      });
    } finally {
      await rig.close();
    }
  });
});
