// How the dispatcher's answers become Discord interaction callbacks, for the two
// transports that send them: the gateway (src/discord/client.ts) posts them, the
// HTTP endpoint (src/http/respond.ts) answers its request with them.
import { InteractionResponseType, type APIInteractionResponse } from 'discord-api-types/v10';
import { LIMITS, truncate, type AutocompleteChoice, type ReplyFile, type ReplyPayload } from '../replies/index.js';
import type { PressResult } from './types.js';

/**
 * How long a command's answer may take before the interaction is deferred: well
 * inside Discord's 3 seconds, which count from the interaction's creation and
 * so include its way here and the callback's way back. Both transports use it.
 */
export const DEFER_AFTER_MS = 1500;

/** A new message answering the interaction. */
export function replyCallback(data: ReplyPayload): APIInteractionResponse {
  return { type: InteractionResponseType.ChannelMessageWithSource, data };
}

/** A button or menu press: its message edited, a new message, or a form. */
export function componentCallback(result: PressResult): APIInteractionResponse {
  if (result.type === 'modal') return { type: InteractionResponseType.Modal, data: result.modal };
  return result.type === 'update' ? { type: InteractionResponseType.UpdateMessage, data: result.payload } : replyCallback(result.payload);
}

export function choicesCallback(choices: AutocompleteChoice[]): APIInteractionResponse {
  return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } };
}

/** A file part as @discordjs/rest sends it (`files[n]` of a multipart body). */
export interface CallbackFile {
  name: string;
  data: Buffer;
  contentType: string;
}

/** What a file's extension says it is: YAML (RFC 9512), JSON, or plain text. */
export function contentTypeOf(name: string): string {
  if (/\.ya?ml$/i.test(name)) return 'application/yaml; charset=utf-8';
  if (/\.json$/i.test(name)) return 'application/json; charset=utf-8';
  return 'text/plain; charset=utf-8';
}

/**
 * A callback as a request: the JSON body without the payload's files, each
 * listed in `data.attachments` by its index, and the file parts to send beside
 * it (multipart, `payload_json` + `files[n]`). No files: the body as it is.
 */
export function callbackRequest(response: APIInteractionResponse): { body: APIInteractionResponse; files: CallbackFile[] } {
  const data = 'data' in response ? (response.data as ReplyPayload | undefined) : undefined;
  if (!data?.files) return { body: response, files: [] };
  const { files, ...rest } = data;
  const attachments = files.map((file, index) => ({ id: index, filename: file.name }));
  const body = { ...response, data: { ...rest, attachments } } as APIInteractionResponse;
  return {
    body,
    files: files.map((file) => ({ name: file.name, data: Buffer.from(file.text, 'utf8'), contentType: contentTypeOf(file.name) })),
  };
}

/** Room for a file shown inline: a message's content less the fence and the line above it. */
const INLINE_ROOM = 1900;

/**
 * A reply whose files cannot be attached (an answer inline in an HTTP response:
 * Discord's handling of multipart answers there is unreliable), with a file's
 * text in a code block instead when it fits and cannot break out of it, else a
 * line saying it was not attached.
 */
export function inlineFiles(payload: ReplyPayload): ReplyPayload {
  if (!payload.files) return payload;
  const { files, ...rest } = payload;
  const lead = rest.content ?? '';
  const shown = (file: ReplyFile) => {
    const language = /\.json$/i.test(file.name) ? 'json' : /\.ya?ml$/i.test(file.name) ? 'yaml' : '';
    const block = `\n\`\`\`${language}\n${file.text}\n\`\`\``;
    const fits = files.length === 1 && !file.text.includes('```') && lead.length + block.length <= INLINE_ROOM;
    return fits ? block : `\n(${file.name} is too long to show here, and this bot cannot attach files to this answer.)`;
  };
  return { ...rest, content: truncate(`${lead}${files.map(shown).join('')}`.trimStart(), LIMITS.content) };
}
