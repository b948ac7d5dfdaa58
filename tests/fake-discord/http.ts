// Small HTTP helpers for the REST half of the fake: reading a request body the way Discord
// accepts it (JSON, or multipart/form-data with a `payload_json` part) and writing answers the
// way @discordjs/rest expects them (JSON with a content type; 204 with neither body nor type).
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ParsedBody {
  /** The JSON body (or the `payload_json` part of a multipart body); undefined when there is none. */
  json: unknown;
  /** Number of file parts in a multipart body. */
  fileCount: number;
  /** The file parts of a multipart body, with their bytes. */
  files: ReceivedFile[];
  /** Set when the body could not be parsed; the caller answers 400. */
  error?: string;
}

/** One file part of a multipart body. */
export interface ReceivedFile {
  /** The part's field name (discord.js sends `files[n]`). */
  field: string;
  filename: string;
  contentType: string | undefined;
  bytes: Buffer;
}

export async function readRaw(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { json: undefined, fileCount: 0, files: [] };
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    try {
      // undici's Request parses multipart bodies; no hand-written boundary splitting needed.
      const form = await new Request('http://fake.invalid/', {
        method: 'POST',
        body: raw,
        headers: { 'content-type': contentType ?? '' },
      }).formData();
      let json: unknown;
      const files: ReceivedFile[] = [];
      const fields: Record<string, unknown> = {};
      for (const [name, value] of form.entries()) {
        if (typeof value !== 'string') {
          const bytes = Buffer.from(await value.arrayBuffer());
          files.push({ field: name, filename: value.name, contentType: value.type || undefined, bytes });
        } else if (name === 'payload_json') json = JSON.parse(value);
        else fields[name] = value;
      }
      return { json: json ?? (Object.keys(fields).length > 0 ? fields : undefined), fileCount: files.length, files };
    } catch (error) {
      return { json: undefined, fileCount: 0, files: [], error: `malformed multipart body: ${String(error)}` };
    }
  }
  try {
    return { json: JSON.parse(raw.toString('utf8')), fileCount: 0, files: [] };
  } catch {
    return { json: undefined, fileCount: 0, files: [], error: 'body is not valid JSON' };
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204) {
    // No body and no content type: @discordjs/rest would try to parse an empty JSON body otherwise.
    response.writeHead(204, headers);
    response.end();
    return;
  }
  const text = JSON.stringify(body ?? null);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text).toString(),
    ...headers,
  });
  response.end(text);
}
