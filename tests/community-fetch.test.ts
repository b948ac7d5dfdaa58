// SSRF: a member's url or attachment is the one address the bot fetches because
// a user chose it. Every refusal here is checked by its exact message; the
// loopback server stands in for the outside (FETCH_ALLOW_LOOPBACK's test mode),
// and what that mode must still refuse is checked too.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressProblem, DEFAULT_FETCH_POLICY, fetchDocument, urlProblem, type FetchPolicy } from '../src/community/fetch.js';

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
  it.each([
    ['10.1.2.3'],
    ['172.16.0.1'],
    ['192.168.1.10'],
    ['127.0.0.1'],
    ['169.254.169.254'],
    ['100.64.0.1'],
    ['0.0.0.0'],
    ['224.0.0.1'],
    ['::1'],
    ['::'],
    ['fe80::1'],
    ['fd00::1'],
    ['::ffff:127.0.0.1'],
    ['::ffff:7f00:1'],
    ['::ffff:a9fe:a9fe'],
    ['64:ff9b::a9fe:a9fe'],
    ['2002:a00:1::1'],
  ])('%s', (address) => {
    expect(addressProblem(address, STRICT)).toBe(`${address} is a private, loopback or reserved address`);
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
      expect(urlProblem(new URL(url), 'url', STRICT)).toMatch(/is a private, loopback or reserved address$/);
    }
  });

  it('fetches urls over https only, attachments from Discord only, and nothing with credentials', () => {
    expect(urlProblem(new URL('http://example.org/p.yaml'), 'url', STRICT)).toBe('only https:// addresses are fetched, not http://');
    expect(urlProblem(new URL('file:///etc/hostname'), 'url', STRICT)).toBe('only https:// addresses are fetched, not file://');
    expect(urlProblem(new URL('https://u:p@example.org/'), 'url', STRICT)).toBe(
      'an address with a user name or password in it is not fetched',
    );
    expect(urlProblem(new URL('https://evil.example/a.yaml'), 'attachment', STRICT)).toBe(
      "attachments are fetched from Discord's CDN only, not from evil.example",
    );
    expect(urlProblem(new URL('https://cdn.discordapp.com/attachments/1/2/p.yaml'), 'attachment', STRICT)).toBeUndefined();
  });

  it('in the test mode, allows loopback only: private and link-local stay refused', () => {
    expect(urlProblem(new URL(`${base}/ok`), 'url', LOOPBACK)).toBeUndefined();
    expect(urlProblem(new URL('https://10.0.0.1/'), 'url', LOOPBACK)).toBe('10.0.0.1 is a private, loopback or reserved address');
    expect(urlProblem(new URL('http://169.254.169.254/'), 'url', LOOPBACK)).toBe('only https:// addresses are fetched, not http://');
    expect(urlProblem(new URL(`${base}/ok`), 'url', STRICT)).toBe('only https:// addresses are fetched, not http://');
  });
});

describe('fetching', () => {
  it('refuses a host name that resolves to a loopback address', async () => {
    await expect(fetchDocument('https://localhost:1/profile.yaml', 'url', STRICT)).rejects.toThrow(
      /^localhost resolves to (127\.0\.0\.1|::1) is a private, loopback or reserved address, which the bot does not fetch from$/,
    );
  });

  it('follows a redirect only after checking where it goes', async () => {
    expect(await fetchDocument(`${base}/to-ok`, 'url', LOOPBACK)).toBe('version: 1\n');
    await expect(fetchDocument(`${base}/to-private`, 'url', LOOPBACK)).rejects.toThrow(
      'it redirected to 10.0.0.1, and 10.0.0.1 is a private, loopback or reserved address',
    );
    await expect(fetchDocument(`${base}/to-metadata`, 'url', LOOPBACK)).rejects.toThrow(
      'it redirected to 169.254.169.254, and only https:// addresses are fetched, not http://',
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
