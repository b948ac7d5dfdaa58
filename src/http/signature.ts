// Ed25519 request signatures, as Discord sends them: the signature covers the
// bytes of `timestamp + rawBody`, and the application's public key is 32 raw
// bytes given as 64 hex characters. Only Node's own crypto is used.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** ASN.1 header of an Ed25519 SubjectPublicKeyInfo; the 32 key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const PUBLIC_KEY_HEX = /^[0-9a-fA-F]{64}$/;
const SIGNATURE_HEX = /^[0-9a-fA-F]{128}$/;

/**
 * Imports a Discord application public key (64 hex characters) once, at start-up.
 * Throws an Error with a one-line message when the key is malformed; the message
 * never repeats the value.
 */
export function parsePublicKey(hex: string): KeyObject {
  if (typeof hex !== 'string' || !PUBLIC_KEY_HEX.test(hex)) {
    const length = typeof hex === 'string' ? hex.length : 0;
    throw new Error(
      `invalid Discord public key: expected 64 hex characters, got ${length} characters${length === 64 ? ' with non-hex ones' : ''}`,
    );
  }
  const der = Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]);
  try {
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch (error) {
    throw new Error(`invalid Discord public key: not an Ed25519 key (${(error as Error).message})`, { cause: error });
  }
}

/**
 * Decodes a 128-hex-character signature into its 64 bytes, or returns null.
 * (Buffer.from(..., 'hex') alone silently truncates at the first bad character.)
 */
export function decodeSignature(signatureHex: string): Buffer | null {
  if (typeof signatureHex !== 'string' || !SIGNATURE_HEX.test(signatureHex)) return null;
  return Buffer.from(signatureHex, 'hex');
}

/** Verifies `signature` over already assembled `timestamp + body` bytes. Never throws. */
export function verifySignedBytes(key: KeyObject, signature: Buffer, signed: Buffer): boolean {
  try {
    return verify(null, signed, key, signature);
  } catch {
    return false;
  }
}

/**
 * True when `signatureHex` is a valid Ed25519 signature by `key` over
 * `timestamp + rawBody`. Never throws: malformed input is simply invalid.
 */
export function verifySignature(key: KeyObject, signatureHex: string, timestamp: string, rawBody: Buffer): boolean {
  const signature = decodeSignature(signatureHex);
  if (signature === null || typeof timestamp !== 'string' || !Buffer.isBuffer(rawBody)) return false;
  return verifySignedBytes(key, signature, Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]));
}
