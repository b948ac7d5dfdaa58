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

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

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

/** Why this address may not be fetched from, or undefined when it may. */
export function addressProblem(address: string, policy: Pick<FetchPolicy, 'allowLoopback'>): string | undefined {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  if (policy.allowLoopback && isLoopback(address)) return undefined;
  const v4 = embeddedIpv4(address);
  const refused = v4 !== undefined ? blocked.check(v4, 'ipv4') : blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
  return refused ? `${address} is a private, loopback or reserved address` : undefined;
}

/** Resolves like dns.lookup, then refuses the host unless every address it has is public. */
function checkedLookup(policy: FetchPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const problem = addresses.map((entry) => addressProblem(entry.address, policy)).find((each) => each !== undefined);
      if (problem || addresses.length === 0) {
        return callback(new FetchError(`${hostname} resolves to ${problem ?? 'no address'}, which the bot does not fetch from`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** Why this URL may not be fetched (scheme, host, literal address), or undefined. */
export function urlProblem(url: URL, kind: 'attachment' | 'url', policy: FetchPolicy): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopbackTest = policy.allowLoopback && isIP(host) !== 0 && isLoopback(host);
  if (url.protocol !== 'https:' && !(loopbackTest && url.protocol === 'http:'))
    return `only https:// addresses are fetched, not ${url.protocol}//`;
  if (url.username || url.password) return 'an address with a user name or password in it is not fetched';
  if (kind === 'attachment' && !DISCORD_CDN_HOSTS.includes(host) && !loopbackTest) {
    return `attachments are fetched from Discord's CDN only, not from ${host}`;
  }
  if (isIP(host) !== 0) return addressProblem(host, policy);
  return undefined;
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
    const problem = urlProblem(url, kind, policy);
    if (problem) throw new FetchError(hop === 0 ? problem : `it redirected to ${url.host}, and ${problem}`);
    const response = await get(url, policy, deadline);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.destroy();
      if (hop >= MAX_REDIRECTS) throw new FetchError(`it redirected more than ${MAX_REDIRECTS} times`);
      url = new URL(response.headers.location, url);
      continue;
    }
    if (status !== 200) {
      response.destroy();
      throw new FetchError(`the server answered ${status}, not the document`);
    }
    return readCapped(response, policy, deadline);
  }
}

function get(url: URL, policy: FetchPolicy, deadline: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      lookup: checkedLookup(policy),
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
      reject(
        error instanceof FetchError
          ? error
          : new FetchError(`it could not be fetched (${(error as NodeJS.ErrnoException).code ?? error.message})`),
      );
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
