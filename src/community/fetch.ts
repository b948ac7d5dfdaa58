// Fetching a member's submitted document: the one place the bot reaches out to
// an address a user chose, so every hop is checked (SSRF).
//
// - An attachment comes only from Discord's CDN hosts; a `url:` only over https.
// - Every address a host resolves to must be public: private, loopback,
//   link-local, shared, multicast and reserved ranges are refused (IPv4, IPv6,
//   and IPv4 inside IPv6). The connection then goes to the address that was
//   checked (the lookup is the socket's own), so a second DNS answer cannot
//   swap in another (DNS rebinding).
// - Redirects are followed by hand, at most MAX_REDIRECTS, each re-checked from
//   the top; the response is capped in bytes (declared and received) and the
//   whole fetch in time.
// - FETCH_ALLOW_LOOPBACK=1 is for tests only (see DESIGN.md): loopback addresses
//   are then allowed, over http too, so that a test's local server can stand in
//   for a website or for Discord's CDN. Private and link-local stay refused.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { cleanUserText, truncate } from '../replies/text.js';

export interface FetchPolicy {
  /** Largest body, in bytes. */
  maxBytes: number;
  /** The whole fetch, redirects included. */
  timeoutMs: number;
  /** Test-only: loopback allowed, http to it too. */
  allowLoopback: boolean;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = { maxBytes: 256 * 1024, timeoutMs: 5000, allowLoopback: false };
export const MAX_REDIRECTS = 3;
/** Where Discord serves attachments. */
export const DISCORD_CDN_HOSTS: readonly string[] = ['cdn.discordapp.com', 'media.discordapp.net'];

/** A fetch refused or failed: the message is for the member, as it is. */
export class FetchError extends Error {
  override name = 'FetchError';
}

/**
 * The ranges no fetch may reach, each with what it is, as the member is told:
 * "10.0.0.1 is a private address".
 */
const RANGES: readonly [kind: string, family: 'ipv4' | 'ipv6', net: string, prefix: number][] = [
  ['an unspecified address', 'ipv4', '0.0.0.0', 8],
  ['a private address', 'ipv4', '10.0.0.0', 8],
  ['a shared (carrier-grade NAT) address', 'ipv4', '100.64.0.0', 10],
  ["a loopback address (the bot's own machine)", 'ipv4', '127.0.0.0', 8],
  ['a link-local address', 'ipv4', '169.254.0.0', 16],
  ['a private address', 'ipv4', '172.16.0.0', 12],
  ['a reserved address', 'ipv4', '192.0.0.0', 24],
  ['a reserved address', 'ipv4', '192.0.2.0', 24],
  ['a reserved address', 'ipv4', '192.88.99.0', 24],
  ['a private address', 'ipv4', '192.168.0.0', 16],
  ['a reserved address', 'ipv4', '198.18.0.0', 15],
  ['a reserved address', 'ipv4', '198.51.100.0', 24],
  ['a reserved address', 'ipv4', '203.0.113.0', 24],
  ['a multicast address', 'ipv4', '224.0.0.0', 4],
  ['a reserved address', 'ipv4', '240.0.0.0', 4],
  ['an unspecified address', 'ipv6', '::', 128],
  ["a loopback address (the bot's own machine)", 'ipv6', '::1', 128],
  ['a reserved address', 'ipv6', '64:ff9b:1::', 48],
  ['a reserved address', 'ipv6', '100::', 64],
  ['a reserved address', 'ipv6', '2001:db8::', 32],
  ['a private address', 'ipv6', 'fc00::', 7],
  ['a link-local address', 'ipv6', 'fe80::', 10],
  ['a private address', 'ipv6', 'fec0::', 10],
  ['a multicast address', 'ipv6', 'ff00::', 8],
];
const blocked = new Map<string, BlockList>();
for (const [kind, family, net, prefix] of RANGES) {
  let list = blocked.get(kind);
  if (!list) blocked.set(kind, (list = new BlockList()));
  list.addSubnet(net, prefix, family);
}

function isLoopback(address: string): boolean {
  const v4 = embeddedIpv4(address) ?? (isIP(address) === 4 ? address : undefined);
  return v4 !== undefined ? v4.startsWith('127.') : address === '::1';
}

/** The IPv4 address inside an IPv4-mapped, NAT64 or 6to4 IPv6 address. */
function embeddedIpv4(address: string): string | undefined {
  if (isIP(address) !== 6) return undefined;
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::|::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  const six = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  const parts = hex ?? six;
  if (!parts) return undefined;
  const high = parseInt(parts[1]!, 16);
  const low = parseInt(parts[2]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** What kind of address this is when no fetch may reach it ("a private address"), else undefined. */
export function blockedKind(address: string, policy: Pick<FetchPolicy, 'allowLoopback'>): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  if (policy.allowLoopback && isLoopback(address)) return undefined;
  const v4 = embeddedIpv4(address);
  for (const [kind, list] of blocked) {
    if (v4 !== undefined ? list.check(v4, 'ipv4') : list.check(address, family === 4 ? 'ipv4' : 'ipv6')) return kind;
  }
  return undefined;
}

/** Why this address may not be fetched from ("10.0.0.1 is a private address"), or undefined when it may. */
export function addressProblem(address: string, policy: Pick<FetchPolicy, 'allowLoopback'>): string | undefined {
  const kind = blockedKind(address, policy);
  return kind && `${shown(address)} is ${kind}`;
}

/** What every refusal of an address ends with. */
const PUBLIC_ONLY = 'only public addresses are fetched';

/**
 * A host a member chose, as a refusal shows it: an IP address as it is, a name
 * escaped (a host name may hold "*", "_", "~" or "`") and cut when long.
 */
function shown(host: string, max = 60): string {
  return isIP(host) !== 0 ? host : cleanUserText(host, max);
}

/** Resolves like dns.lookup, then refuses the host unless every address it has is public. */
export function checkedLookup(policy: FetchPolicy, redirected: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const lead = redirected ? `it redirects to ${shown(hostname)}, which` : shown(hostname);
      if (addresses.length === 0) return callback(new FetchError(`${lead} has no address`), '', 0);
      for (const entry of addresses) {
        const kind = blockedKind(entry.address, policy);
        if (kind) return callback(new FetchError(`${lead} resolves to ${shown(entry.address)}, ${kind}; ${PUBLIC_ONLY}`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** "localhost" and the names under it (RFC 6761): this machine, whatever a resolver says. */
function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Why this URL may not be fetched (scheme, credentials, host, literal address), or
 * undefined: a clause for the member saying what was refused and why. `redirected`:
 * the URL is where the member's address redirected to, and the clause says so.
 */
export function urlProblem(url: URL, kind: 'attachment' | 'url', policy: FetchPolicy, redirected = false): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopbackTest = policy.allowLoopback && isIP(host) !== 0 && isLoopback(host);
  if (url.protocol !== 'https:' && !(loopbackTest && url.protocol === 'http:')) {
    // Only the scheme is echoed: the rest of a file:, data: or javascript: address is the sender's to fill.
    const scheme = `${truncate(url.protocol.slice(0, -1), 20)}://`;
    return redirected
      ? `it redirects to ${scheme} — only https:// links are accepted`
      : `${scheme} links are not fetched — only https:// links are accepted`;
  }
  if (url.username || url.password) {
    return redirected
      ? 'it redirects to an address with a user name or password in it, which is not fetched'
      : 'the address has a user name or password in it, which is not fetched: give it without them';
  }
  if (kind === 'attachment' && !DISCORD_CDN_HOSTS.includes(host) && !loopbackTest) {
    return redirected
      ? `it redirects to ${shown(host)} — attachments are fetched from Discord's CDN only`
      : `attachments are fetched from Discord's CDN only, not from ${shown(host)}`;
  }
  const literal = isIP(host) !== 0 ? blockedKind(host, policy) : undefined;
  if (literal) {
    return redirected ? `it redirects to ${shown(host)}, ${literal}; ${PUBLIC_ONLY}` : `${shown(host)} is ${literal}; ${PUBLIC_ONLY}`;
  }
  if (!policy.allowLoopback && isLocalhostName(host)) {
    const what = `the bot's own machine (a loopback address); ${PUBLIC_ONLY}`;
    return redirected ? `it redirects to ${shown(host)}, ${what}` : `${shown(host)} is ${what}`;
  }
  return undefined;
}

/** A network error for the member: what went wrong with which host, in words (the code only where none fit). */
function networkProblem(error: NodeJS.ErrnoException, host: string, redirected: boolean): string {
  const name = redirected ? `${shown(host)} (where it redirects)` : shown(host);
  const code = typeof error.code === 'string' ? error.code : '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') return `${name} was not found (no such host name)`;
  if (code === 'ECONNREFUSED') return `${name} refused the connection`;
  if (code === 'ECONNRESET' || code === 'EPIPE') return `${name} closed the connection`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') return `${name} could not be reached`;
  if (/CERT|SSL|TLS|SIGNATURE/.test(code)) return `${name} has no valid https certificate (${cleanUserText(code, 40)})`;
  return `${name} could not be reached (${cleanUserText(code || 'network error', 40)})`;
}

/**
 * The body of `address` as UTF-8 text, under the policy; throws FetchError with a
 * message for the member.
 */
export async function fetchDocument(
  address: string,
  kind: 'attachment' | 'url',
  policy: FetchPolicy = DEFAULT_FETCH_POLICY,
): Promise<string> {
  const deadline = Date.now() + policy.timeoutMs;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new FetchError('that is not a valid address: give a full https:// URL');
  }
  for (let hop = 0; ; hop++) {
    const problem = urlProblem(url, kind, policy, hop > 0);
    if (problem) throw new FetchError(problem);
    const response = await get(url, policy, deadline, hop > 0);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.destroy();
      if (hop >= MAX_REDIRECTS) throw new FetchError(`it redirected more than ${MAX_REDIRECTS} times`);
      try {
        url = new URL(response.headers.location, url);
      } catch {
        throw new FetchError('it redirects to an address that is not valid');
      }
      continue;
    }
    if (status !== 200) {
      response.destroy();
      throw new FetchError(`the server answered ${status}, not the document`);
    }
    return readCapped(response, policy, deadline);
  }
}

function get(url: URL, policy: FetchPolicy, deadline: number, redirected: boolean): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      lookup: checkedLookup(policy, redirected),
      headers: { 'user-agent': 'portfolio-bot (member profile fetch)', accept: 'application/json, text/yaml, text/plain, */*' },
      timeout: Math.max(1, deadline - Date.now()),
    });
    const timer = setTimeout(
      () => request.destroy(new FetchError(`it took longer than ${policy.timeoutMs / 1000} s`)),
      deadline - Date.now(),
    );
    request.on('response', (response) => {
      clearTimeout(timer);
      resolve(response);
    });
    request.on('timeout', () => request.destroy(new FetchError(`it took longer than ${policy.timeoutMs / 1000} s`)));
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error instanceof FetchError ? error : new FetchError(networkProblem(error, url.hostname, redirected)));
    });
    request.end();
  });
}

function readCapped(response: IncomingMessage, policy: FetchPolicy, deadline: number): Promise<string> {
  const tooBig = () => new FetchError(`it is larger than ${Math.round(policy.maxBytes / 1024)} KB`);
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > policy.maxBytes) {
    response.destroy();
    return Promise.reject(tooBig());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const timer = setTimeout(
      () => response.destroy(new FetchError(`it took longer than ${policy.timeoutMs / 1000} s`)),
      deadline - Date.now(),
    );
    response.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > policy.maxBytes) response.destroy(tooBig());
      else chunks.push(chunk);
    });
    response.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    response.on('error', (error) => {
      clearTimeout(timer);
      reject(error instanceof FetchError ? error : new FetchError('the download broke off'));
    });
    response.on('close', () => {
      clearTimeout(timer);
      if (!response.complete) reject(new FetchError('the download broke off'));
    });
  });
}
