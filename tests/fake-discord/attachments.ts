// Files, both ways. A user's upload (an attachment option, type 11) is described in the interaction's
// `data.resolved.attachments[id]` and its bytes are served by the fake itself, at a signed, expiring
// url shaped like Discord's CDN (`/ephemeral-attachments/{channel}/{id}/{name}?ex=&is=&hm=`) but on
// 127.0.0.1: the bot fetches it only with FETCH_ALLOW_LOOPBACK=1, its test-only switch. A file the bot
// sends (multipart `files[n]` beside `payload_json`) is checked, kept with its bytes, and described in
// the message the fake answers with, at a url it serves the same way.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { APIAttachment } from 'discord-api-types/v10';
import type { ReceivedFile } from './http.js';
import { snowflake, type JsonObject } from './payloads.js';

/** Discord's upload cap where the bot answers (the `attachment_size_limit` the fake puts in interactions). */
export const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;
/** Files per message. */
export const MAX_FILES = 10;
/** How long a signed url works (Discord's are valid for about a day). */
const URL_LIFETIME_S = 24 * 60 * 60;

/** A file a fake user uploads with an attachment option. */
export interface AttachmentInput {
  filename: string;
  content: string | Buffer;
  /** Sent as `content_type` when given (Discord guesses one from the name; nothing promises it is true). */
  contentType?: string;
}

/** A file the bot sent, as the fake received it. */
export interface SentFile {
  /** The multipart field, `files[n]`. */
  field: string;
  filename: string;
  contentType: string | undefined;
  bytes: Buffer;
  /** The attachment the fake described it with in the message it answered. */
  attachment: APIAttachment;
}

/** A GET of an attachment url (the bot fetching a user's upload). */
export interface AttachmentFetch {
  path: string;
  status: number;
}

interface Stored {
  bytes: Buffer;
  contentType: string;
}

export class AttachmentStore {
  /** Every GET of an attachment url, in order. */
  readonly fetches: AttachmentFetch[] = [];
  readonly #key = randomBytes(32);
  readonly #files = new Map<string, Stored>();
  /** The fake's origin (http://127.0.0.1:PORT), set once it listens. */
  origin = '';

  /** Stores a user's upload and describes it as `data.resolved.attachments[id]` does. */
  upload(input: AttachmentInput, channelId: string): APIAttachment {
    const bytes = typeof input.content === 'string' ? Buffer.from(input.content, 'utf8') : input.content;
    const id = snowflake();
    const path = `/ephemeral-attachments/${channelId}/${id}/${encodeURIComponent(input.filename)}`;
    this.#files.set(path, { bytes, contentType: input.contentType ?? 'application/octet-stream' });
    const url = this.#signed(path);
    return {
      id,
      filename: input.filename,
      size: bytes.length,
      url,
      // Discord's media proxy is another host; here, another name for loopback.
      proxy_url: url.replace('://127.0.0.1:', '://localhost:'),
      ...(input.contentType ? { content_type: input.contentType } : {}),
      ephemeral: true,
    } as APIAttachment;
  }

  /** Checks the files of a multipart body against its `attachments` list; the reasons Discord would refuse it. */
  fileReasons(files: readonly ReceivedFile[], data: JsonObject | undefined): string[] {
    const reasons: string[] = [];
    if (files.length > MAX_FILES) reasons.push(`${files.length} files, at most ${MAX_FILES} per message`);
    for (const file of files) {
      if (!/^files\[\d+\]$/.test(file.field)) reasons.push(`file field "${file.field}" is not files[n]`);
      if (file.bytes.length > ATTACHMENT_SIZE_LIMIT) {
        reasons.push(`${file.filename} is ${file.bytes.length} bytes, over the ${ATTACHMENT_SIZE_LIMIT} byte upload limit`);
      }
      if (file.filename.length === 0) reasons.push(`${file.field} has no file name`);
    }
    const listed = Array.isArray(data?.attachments) ? (data.attachments as unknown[]) : [];
    for (const entry of listed) {
      const id = typeof entry === 'object' && entry !== null ? (entry as JsonObject).id : undefined;
      const index = typeof id === 'number' || (typeof id === 'string' && /^\d{1,2}$/.test(id)) ? Number(id) : undefined;
      // A small id is a new upload's index; a snowflake would be an existing attachment kept on an edit.
      if (index !== undefined && index < 100 && !files.some((file) => file.field === `files[${index}]`)) {
        reasons.push(`attachments lists id ${String(id)}, but no files[${String(id)}] was sent`);
      }
    }
    return reasons;
  }

  /** Keeps the bot's files, served like the CDN, and describes them for the message object. */
  keep(files: readonly ReceivedFile[], channelId: string, data: JsonObject | undefined): SentFile[] {
    const listed = Array.isArray(data?.attachments) ? (data.attachments as JsonObject[]) : [];
    return files.map((file) => {
      const index = Number(/^files\[(\d+)\]$/.exec(file.field)?.[1] ?? -1);
      const entry = listed.find((item) => Number(item.id) === index);
      // Discord names the attachment as the `attachments` entry says, else as the part does.
      const filename = typeof entry?.filename === 'string' ? entry.filename : file.filename;
      const id = snowflake();
      const path = `/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
      const contentType = file.contentType ?? 'application/octet-stream';
      this.#files.set(path, { bytes: file.bytes, contentType });
      const url = this.#signed(path);
      const attachment = {
        id,
        filename,
        size: file.bytes.length,
        url,
        proxy_url: url.replace('://127.0.0.1:', '://localhost:'),
        content_type: contentType,
        ...(typeof entry?.description === 'string' ? { description: entry.description } : {}),
      } as APIAttachment;
      return { field: file.field, filename, contentType: file.contentType, bytes: file.bytes, attachment };
    });
  }

  /** Answers a GET of an attachment url: the bytes when the signature holds and has not expired, else 404 as the CDN does. */
  serve(path: string, query: URLSearchParams, response: ServerResponse): void {
    const stored = this.#files.get(path);
    const ok = stored !== undefined && this.#validSignature(path, query);
    this.fetches.push({ path, status: ok ? 200 : 404 });
    if (!ok) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('This content is no longer available.');
      return;
    }
    response.writeHead(200, { 'content-type': stored.contentType, 'content-length': String(stored.bytes.length) });
    response.end(stored.bytes);
  }

  #signed(path: string): string {
    const issued = Math.floor(Date.now() / 1000);
    const ex = (issued + URL_LIFETIME_S).toString(16);
    const is = issued.toString(16);
    return `${this.origin}${path}?ex=${ex}&is=${is}&hm=${this.#mac(path, ex, is)}&`;
  }

  #mac(path: string, ex: string, is: string): string {
    return createHmac('sha256', this.#key).update(`${path}\n${ex}\n${is}`).digest('hex');
  }

  #validSignature(path: string, query: URLSearchParams): boolean {
    const ex = query.get('ex') ?? '';
    const is = query.get('is') ?? '';
    const given = Buffer.from(query.get('hm') ?? '', 'utf8');
    const expected = Buffer.from(this.#mac(path, ex, is), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    return parseInt(ex, 16) * 1000 > Date.now();
  }
}
