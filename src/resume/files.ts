// Reading a résumé file and writing a profile or résumé file, for the CLI's
// import, export and init. Reading is bounded like a profile's (a regular file,
// at most 1 MiB); writing never replaces an existing file unless told to.
import { constants } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { makeDirectory } from '../paths.js';
import { RESUME_LIMITS } from './check.js';

/** A file's text, or a one-line reason it can't be read as a résumé. */
export async function readResumeFile(file: string): Promise<{ text: string } | { problem: string }> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const info = await handle.stat();
    if (!info.isFile()) return { problem: `${file}: is not a regular file; expected a JSON Resume (resume.json)` };
    if (info.size > RESUME_LIMITS.bytes) {
      return { problem: `${file}: is ${info.size} bytes; a résumé may be at most ${RESUME_LIMITS.bytes} bytes (1 MiB)` };
    }
    const buffer = Buffer.alloc(RESUME_LIMITS.bytes + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0 || filled + bytesRead >= buffer.length) {
        filled += bytesRead;
        break;
      }
      filled += bytesRead;
    }
    if (filled > RESUME_LIMITS.bytes) return { problem: `${file}: grew past ${RESUME_LIMITS.bytes} bytes while it was read` };
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, filled)) };
    } catch {
      return { problem: `${file}: is not UTF-8 text` };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: `${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error)}` };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Writes `text` to `file` (making its folder); an existing file is kept unless `force`. Answers a problem line, or undefined. */
export async function writeNewFile(file: string, text: string, force: boolean): Promise<string | undefined> {
  try {
    makeDirectory(dirname(file));
    // "wx" fails when the file exists, in the same system call that would create it: no check-then-write race.
    await writeFile(file, text, { flag: force ? 'w' : 'wx' });
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return `${file} already exists: pass --force to replace it, or -o another path`;
    return `${file}: could not be written (${code ?? String(error)})`;
  }
}
