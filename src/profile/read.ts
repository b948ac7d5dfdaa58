// Reading a profile file, bounded: only a regular file, only up to MAX_PROFILE_BYTES,
// only UTF-8. Everything else is a one-line ProfileError before any parsing starts.
// No YAML or zod here: the gateway reads the file on its main thread to look up a
// snapshot (src/bot/load.ts), and must not hang on a FIFO there either.
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { fileProblem, ProfileError } from './problems.js';

/**
 * The largest profile file read. Far above any real profile (the shipped one and
 * the schema's own bounds are in docs/security.md), and small enough that parsing
 * it stays quick even when it is hostile (src/profile/yaml.ts bounds the rest).
 */
export const MAX_PROFILE_BYTES = 1024 * 1024;

/** A profile file's text; anything that is not a readable regular UTF-8 file within the cap is a ProfileError. */
export async function readProfileText(file: string): Promise<string> {
  let handle: FileHandle | undefined;
  try {
    // Non-blocking open: opening a FIFO for reading would otherwise wait for a
    // writer forever. It changes nothing for a regular file.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const info = await handle.stat();
    if (!info.isFile()) throw new ProfileError([fileProblem(file, describeNotAFile(info))]);
    if (info.size > MAX_PROFILE_BYTES) throw new ProfileError([fileProblem(file, describeTooLarge(info.size))]);
    // At most one byte past the cap, in case the file grew since the stat.
    const bytes = await readAtMost(handle, Math.min(info.size, MAX_PROFILE_BYTES) + 1);
    if (bytes.length > MAX_PROFILE_BYTES) throw new ProfileError([fileProblem(file, describeTooLarge(bytes.length, true))]);
    return decodeUtf8(bytes, file);
  } catch (error) {
    if (error instanceof ProfileError) throw error;
    throw new ProfileError([fileProblem(file, describeReadError(error))]);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function readAtMost(handle: FileHandle, limit: number): Promise<Buffer> {
  const buffer = Buffer.alloc(limit);
  let filled = 0;
  while (filled < limit) {
    const { bytesRead } = await handle.read(buffer, filled, limit - filled, null);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

function describeNotAFile(info: Stats): string {
  if (info.isDirectory()) return 'is a directory, expected a YAML profile file';
  const kind = info.isFIFO()
    ? 'a named pipe (FIFO)'
    : info.isCharacterDevice() || info.isBlockDevice()
      ? 'a device'
      : info.isSocket()
        ? 'a socket'
        : 'not a regular file';
  return `is ${kind}, expected a regular YAML profile file`;
}

function describeTooLarge(bytes: number, grew = false): string {
  const size = grew ? `more than ${MAX_PROFILE_BYTES} bytes` : `${formatMiB(bytes)} (${bytes} bytes)`;
  return `is too large: ${size}; a profile may be at most ${formatMiB(MAX_PROFILE_BYTES)} (${MAX_PROFILE_BYTES} bytes)`;
}

function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, expected a YAML profile file';
  if (code === 'ENOTDIR') return 'file not found (a part of the path is not a directory)';
  return `cannot read file (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text, or a located problem at the first byte that is not UTF-8 (a Latin-1 or UTF-16 save, a binary file). */
function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const text = bytes.toString('utf8');
    const bad = text.indexOf('\uFFFD');
    const before = text.slice(0, Math.max(bad, 0));
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    const hint = bytes[0] === 0xff || bytes[0] === 0xfe ? ' (it looks like UTF-16)' : '';
    throw new ProfileError([{ file, line, col, path: '', message: `not UTF-8 text${hint}: save the file as UTF-8` }]);
  }
}
