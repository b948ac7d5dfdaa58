// Signing helpers for tests that talk to the HTTP interactions endpoint the way
// Discord does: Ed25519 over `timestamp + rawBody`, hex in X-Signature-Ed25519.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface SigningKeys {
  /** The raw 32-byte public key as 64 hex characters, as DISCORD_PUBLIC_KEY holds it. */
  publicKeyHex: string;
  privateKey: KeyObject;
}

/** A fresh Ed25519 key pair; the raw key is the last 32 bytes of the SPKI DER. */
export function generateSigningKeys(): SigningKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKeyHex: der.subarray(der.length - 32).toString('hex'), privateKey };
}

/** Discord's timestamp format: Unix seconds, as a string. */
export function unixTimestamp(nowMs: number = Date.now()): string {
  return String(Math.floor(nowMs / 1000));
}

/** The hex signature of `timestamp + body`. */
export function signPayload(privateKey: KeyObject, timestamp: string, body: string | Buffer): string {
  const bytes = Buffer.concat([Buffer.from(timestamp, 'utf8'), typeof body === 'string' ? Buffer.from(body, 'utf8') : body]);
  return sign(null, bytes, privateKey).toString('hex');
}

export interface SignedRequestOptions {
  /** Overrides the timestamp (default: now). */
  timestamp?: string;
  /** Extra or replacement headers, applied after the signature headers. */
  headers?: Record<string, string>;
  /** Path on the server; default `/interactions`. */
  path?: string;
}

/** Headers for a body signed with `privateKey`, as Discord would send them. */
export function signedHeaders(privateKey: KeyObject, body: string | Buffer, timestamp: string = unixTimestamp()): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-signature-ed25519': signPayload(privateKey, timestamp, body),
    'x-signature-timestamp': timestamp,
  };
}

/**
 * POSTs `payload` (an object is JSON-encoded; a string or Buffer is sent as is)
 * to `${baseUrl}/interactions`, signed with `privateKey`.
 */
export function signedRequest(
  baseUrl: string,
  privateKey: KeyObject,
  payload: unknown,
  options: SignedRequestOptions = {},
): Promise<Response> {
  const body = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
  const headers = { ...signedHeaders(privateKey, body, options.timestamp), ...options.headers };
  return fetch(baseUrl + (options.path ?? '/interactions'), { method: 'POST', headers, body });
}
