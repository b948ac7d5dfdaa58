// The one gate every reply passes before a transport sends it: whatever a handler
// built, what leaves here obeys every limit in DISCORD.md ("Limits a reply must
// respect"), mentions nobody, shows no private value, and holds no text that
// hides, reorders or disguises what it shows (./inert.ts): profile text is
// treated like anything a user typed.
//
// Input is treated as untrusted in shape too: anything that is not one of the
// shapes in ./types.ts is dropped or coerced, never thrown on.
import { ButtonStyle, ComponentType, MessageFlags } from 'discord-api-types/v10';
import type {
  ActionButton,
  AutocompleteChoice,
  LinkButton,
  MenuOption,
  ReplyEmbed,
  ReplyEmoji,
  ReplyField,
  ReplyMenu,
  ReplyFile,
  ReplyPayload,
  ReplyRow,
} from './types.js';
import { ZWSP } from '../characters.js';
import { breakMentions, plainMaskedLinks, stripInvisible } from './inert.js';
import { cachedRedactor } from './redact.js';
import { isWellFormed, toWellFormed, truncate } from './text.js';

export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  embedUrl: 2048,
  rows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  linkUrl: 512,
  selectOptions: 25,
  selectOptionText: 100,
  placeholder: 150,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  files: 10,
  /** Discord's upload cap for a bot's answer where nothing raises it (the interaction's attachment_size_limit). */
  fileBytes: 10 * 1024 * 1024,
  fileName: 100,
} as const;

/** What an empty field name or value becomes: Discord rejects empty ones. */
export const EMPTY_FIELD = ZWSP;
/** The content of a reply that would otherwise be empty, which Discord rejects. */
export const NOTHING_TO_SHOW = 'Nothing to show.';
/** The content sent instead when a payload cannot even be read (not plain data). */
export const UNFIT_REPLY = 'Sorry, this reply could not be shown.';
/** The one flag a reply may carry. */
const EPHEMERAL = MessageFlags.Ephemeral;

/** Text shorter than this after a cut for the 6000 total is dropped rather than kept as a stub. */
const MIN_USEFUL_CUT = 40;

const ACTION_ROW = ComponentType.ActionRow;
const BUTTON = ComponentType.Button;
const STRING_SELECT = ComponentType.StringSelect;
const SECONDARY = ButtonStyle.Secondary;
const LINK = ButtonStyle.Link;

export interface FitOptions {
  /** Private values (phone numbers, emails) that must never appear; see `createRedactor` for the spellings caught. */
  redact?: readonly string[];
}

type Redactor = (text: string) => string;
const NO_SECRETS: readonly string[] = [];
type Bag = Record<string, unknown>;

const isBag = (value: unknown): value is Bag => typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const isBlank = (text: string): boolean => text.trim() === '';
/** Control characters (C0, DEL, C1): ids and values holding one are refused. */
const CONTROL = /\p{Cc}/u;
/**
 * One Unicode emoji, as Unicode recommends it for general interchange (a keycap, a flag, a ZWJ sequence, …). Built on
 * first need: V8 turns the RGI_Emoji property into thousands of alternatives when the regex is built and again when it
 * first runs, which costs more than the rest of a first answer (docs/performance.md, "Cold start").
 */
let unicodeEmoji: RegExp | undefined;
/**
 * The emoji the bot's own cards put on buttons and menus, each one RGI emoji (tests/replies-fit.test.ts checks that, and
 * that every single-emoji string in src/ is listed): these are known without the regex. Any other name is checked
 * against the property, so a missing entry costs time, never correctness.
 */
export const KNOWN_EMOJI: ReadonlySet<string> = new Set([
  '💻',
  '📊',
  '📄',
  '🚀',
  '📝',
  '🏆',
  '📰',
  '💤',
  '🛑',
  '📘',
  '🐙',
  '✉️',
  '🐦',
  '💼',
  '🌐',
  '🔗',
  '🎓',
  '🚩',
  '📣',
  '🔎',
]);

function isUnicodeEmoji(name: string): boolean {
  if (KNOWN_EMOJI.has(name)) return true;
  unicodeEmoji ??= new RegExp('^\\p{RGI_Emoji}$', 'v');
  return unicodeEmoji.test(name);
}

/** Where Discord renders masked links: message content, embed descriptions and field values. */
type Rendering = 'markdown' | 'plain';
/** A rewritten masked link may spell a secret or a new link: rewriting stops once nothing changes, or after this many rounds. */
const LINK_ROUNDS = 3;

/**
 * Text made safe to show: invisible and bidi characters removed, secrets
 * redacted, (where links render) misleading or unrenderable masked links made
 * plain text, mentions broken.
 */
function inertText(text: string, redactor: Redactor, rendering: Rendering): string {
  const out = redactor(stripInvisible(text));
  return breakMentions(rendering === 'markdown' ? plainLinks(out, redactor) : out);
}

/**
 * `text` with its misleading or unrenderable masked links made plain. Each
 * round rewrites the outermost links only; when links are nested deeper than
 * the rounds reach, every "](" left is broken up, so that none renders.
 */
function plainLinks(text: string, redactor: Redactor): string {
  let out = text;
  for (let round = 0; round < LINK_ROUNDS; round++) {
    const plain = plainMaskedLinks(out);
    if (plain === out) return out;
    out = redactor(plain);
  }
  return plainMaskedLinks(out) === out ? out : out.replaceAll('](', '] (');
}

/** A string (numbers are written out), well-formed, made inert, non-blank, cut to `max`; otherwise undefined. */
function textOf(value: unknown, max: number, redactor: Redactor, rendering: Rendering = 'plain'): string | undefined {
  let text: string;
  if (typeof value === 'string') text = value;
  else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint') text = String(value);
  else return undefined;
  text = inertText(toWellFormed(text), redactor, rendering);
  return isBlank(text) ? undefined : truncate(text, max);
}

/** A string that must be used exactly as given (ids, option values): never cut, never rewritten. */
function exactOf(value: unknown, max: number, redactor: Redactor): string | undefined {
  if (typeof value !== 'string' || value.length < 1 || value.length > max || !isWellFormed(value) || CONTROL.test(value)) return undefined;
  return redactor(value) === value ? value : undefined;
}

/** An http(s) url used exactly as given, or undefined. */
function urlOf(value: unknown, max: number, redactor: Redactor): string | undefined {
  const url = exactOf(value, max, redactor);
  // A url holds no control characters, and no invisible ones (Discord shows a link
  // button's url before opening it: bidi controls could reorder what it shows).
  if (url === undefined || /[\s\p{Cc}\p{Cf}]/u.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '' ? url : undefined;
  } catch {
    return undefined;
  }
}

const boolOf = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

function intOf(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

/** Copies the defined entries only (exactOptionalPropertyTypes: no `key: undefined`). */
function defined<T extends object>(entries: { [K in keyof T]: T[K] | undefined }): T {
  const out: Bag = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value;
  return out as T;
}

// ---------------------------------------------------------------- embeds

function fitImage(value: unknown, redactor: Redactor): { url: string } | undefined {
  if (!isBag(value)) return undefined;
  const url = urlOf(value.url, LIMITS.embedUrl, redactor);
  return url === undefined ? undefined : { url };
}

function fitField(value: unknown, redactor: Redactor): ReplyField | undefined {
  if (!isBag(value)) return undefined;
  const name = textOf(value.name, LIMITS.fieldName, redactor);
  const text = textOf(value.value, LIMITS.fieldValue, redactor, 'markdown');
  if (name === undefined && text === undefined) return undefined;
  return defined<ReplyField>({ name: name ?? EMPTY_FIELD, value: text ?? EMPTY_FIELD, inline: boolOf(value.inline) });
}

function fitFooter(value: unknown, redactor: Redactor): ReplyEmbed['footer'] {
  if (!isBag(value)) return undefined;
  const text = textOf(value.text, LIMITS.footer, redactor);
  return text === undefined ? undefined : { text };
}

function fitAuthor(value: unknown, redactor: Redactor): ReplyEmbed['author'] {
  if (!isBag(value)) return undefined;
  const name = textOf(value.name, LIMITS.authorName, redactor);
  if (name === undefined) return undefined;
  return defined<NonNullable<ReplyEmbed['author']>>({ name, url: urlOf(value.url, LIMITS.embedUrl, redactor) });
}

/** An embed with something to show: a title, description, field, image or thumbnail. */
function hasBody(embed: ReplyEmbed): boolean {
  return (
    embed.title !== undefined ||
    embed.description !== undefined ||
    (embed.fields?.length ?? 0) > 0 ||
    embed.image !== undefined ||
    embed.thumbnail !== undefined
  );
}

function fitEmbed(value: unknown, redactor: Redactor): ReplyEmbed | undefined {
  if (!isBag(value)) return undefined;
  const fields = listOf(value.fields)
    .map((field) => fitField(field, redactor))
    .filter((field): field is ReplyField => field !== undefined)
    .slice(0, LIMITS.fields);
  const embed = defined<ReplyEmbed>({
    title: textOf(value.title, LIMITS.title, redactor),
    description: textOf(value.description, LIMITS.description, redactor, 'markdown'),
    url: urlOf(value.url, LIMITS.embedUrl, redactor),
    color: intOf(value.color, 0, 0xffffff),
    footer: fitFooter(value.footer, redactor),
    image: fitImage(value.image, redactor),
    thumbnail: fitImage(value.thumbnail, redactor),
    author: fitAuthor(value.author, redactor),
    fields: fields.length > 0 ? fields : undefined,
  });
  return hasBody(embed) ? embed : undefined;
}

/**
 * The total Discord holds to 6000: the characters of every title, description,
 * field name and value, footer text and author name in the message.
 */
export function measureEmbeds(embeds: readonly ReplyEmbed[]): number {
  const len = (text: unknown): number => (typeof text === 'string' ? text.length : 0);
  const inner = (bag: unknown, key: string): unknown => (isBag(bag) ? bag[key] : undefined);
  let total = 0;
  for (const embed of listOf(embeds)) {
    if (!isBag(embed)) continue;
    total += len(embed.title) + len(embed.description) + len(inner(embed.footer, 'text')) + len(inner(embed.author, 'name'));
    for (const field of listOf(embed.fields)) total += len(inner(field, 'name')) + len(inner(field, 'value'));
  }
  return total;
}

/** `text` cut by `over` characters, or undefined when too little would remain. */
function shortenBy(text: string, over: number): string | undefined {
  const keep = text.length - over;
  return keep >= MIN_USEFUL_CUT ? truncate(text, keep) : undefined;
}

/**
 * Brings the embeds within the 6000 total by giving up text from the end: the
 * last embed's fields (last first), then its footer, author, description and
 * title, then the embed before it, and so on. The first embed's title and
 * description go last (in practice never: together they are at most 4352).
 * Embeds left with nothing to show are removed.
 */
function shrinkToTotal(embeds: ReplyEmbed[]): ReplyEmbed[] {
  const over = (): number => measureEmbeds(embeds) - LIMITS.embedTotal;
  for (let i = embeds.length - 1; i >= 0 && over() > 0; i--) {
    const embed = embeds[i] as ReplyEmbed;
    while (embed.fields && embed.fields.length > 0 && over() > 0) {
      const field = embed.fields[embed.fields.length - 1] as ReplyField;
      const value = field.value === EMPTY_FIELD ? undefined : shortenBy(field.value, over());
      if (value === undefined) embed.fields.pop();
      else field.value = value;
    }
    if (embed.fields?.length === 0) delete embed.fields;
    if (over() > 0 && embed.footer) delete embed.footer;
    if (over() > 0 && embed.author) delete embed.author;
    for (const key of ['description', 'title'] as const) {
      const text = embed[key];
      if (over() <= 0 || text === undefined) continue;
      const cut = shortenBy(text, over());
      if (cut === undefined) delete embed[key];
      else embed[key] = cut;
    }
  }
  return embeds.filter(hasBody);
}

function fitEmbeds(value: unknown, redactor: Redactor): ReplyEmbed[] {
  const embeds = listOf(value)
    .map((embed) => fitEmbed(embed, redactor))
    .filter((embed): embed is ReplyEmbed => embed !== undefined)
    .slice(0, LIMITS.embeds);
  return shrinkToTotal(embeds);
}

// ---------------------------------------------------------------- components

/** A Unicode emoji (its name); nothing else. */
function fitEmoji(value: unknown, redactor: Redactor): ReplyEmoji | undefined {
  if (!isBag(value) || typeof value.name !== 'string') return undefined;
  return isUnicodeEmoji(value.name) && redactor(value.name) === value.name ? { name: value.name } : undefined;
}

/**
 * A link button (style 5, or no style but a url and no custom_id) or else a
 * grey button with a custom_id; either needs a label or an emoji.
 */
function fitButton(value: Bag, redactor: Redactor): LinkButton | ActionButton | undefined {
  const label = textOf(value.label, LIMITS.buttonLabel, redactor);
  const emoji = fitEmoji(value.emoji, redactor);
  if (label === undefined && emoji === undefined) return undefined;
  if (value.style === LINK || (value.custom_id === undefined && value.url !== undefined)) {
    const url = urlOf(value.url, LIMITS.linkUrl, redactor);
    return url === undefined ? undefined : defined<LinkButton>({ type: BUTTON, style: LINK, label, emoji, url });
  }
  const customId = exactOf(value.custom_id, LIMITS.customId, redactor);
  if (customId === undefined) return undefined;
  return defined<ActionButton>({ type: BUTTON, style: SECONDARY, label, emoji, custom_id: customId, disabled: boolOf(value.disabled) });
}

function fitOptions(value: unknown, redactor: Redactor): MenuOption[] {
  const options: MenuOption[] = [];
  const seen = new Set<string>();
  for (const option of listOf(value)) {
    if (options.length >= LIMITS.selectOptions) break;
    if (!isBag(option)) continue;
    const label = textOf(option.label, LIMITS.selectOptionText, redactor);
    const optionValue = exactOf(option.value, LIMITS.selectOptionText, redactor);
    if (label === undefined || optionValue === undefined || seen.has(optionValue)) continue;
    seen.add(optionValue);
    options.push(
      defined<MenuOption>({
        label,
        value: optionValue,
        description: textOf(option.description, LIMITS.selectOptionText, redactor),
        emoji: fitEmoji(option.emoji, redactor),
      }),
    );
  }
  return options;
}

/** A menu of one choice (Discord's default counts): its custom_id, placeholder and options, when it has any. */
function fitMenu(value: Bag, redactor: Redactor): ReplyMenu | undefined {
  const customId = exactOf(value.custom_id, LIMITS.customId, redactor);
  const options = fitOptions(value.options, redactor);
  if (customId === undefined || options.length === 0) return undefined;
  return defined<ReplyMenu>({
    type: STRING_SELECT,
    custom_id: customId,
    placeholder: textOf(value.placeholder, LIMITS.placeholder, redactor),
    options,
  });
}

type Component = LinkButton | ActionButton | ReplyMenu;

function fitComponent(value: unknown, redactor: Redactor): Component | undefined {
  if (!isBag(value)) return undefined;
  if (value.type === BUTTON) return fitButton(value, redactor);
  if (value.type === STRING_SELECT) return fitMenu(value, redactor);
  return undefined;
}

/** One input row laid out as Discord rows: up to 5 buttons each, a menu alone. */
function layoutRow(components: Component[]): ReplyRow[] {
  const rows: ReplyRow[] = [];
  let buttons: (LinkButton | ActionButton)[] = [];
  const flush = (): void => {
    if (buttons.length > 0) rows.push({ type: ACTION_ROW, components: buttons });
    buttons = [];
  };
  for (const component of components) {
    if (component.type === STRING_SELECT) {
      flush();
      rows.push({ type: ACTION_ROW, components: [component] });
    } else {
      buttons.push(component);
      if (buttons.length === LIMITS.buttonsPerRow) flush();
    }
  }
  flush();
  return rows;
}

/** Where a component keeps the value Discord requires to be unique in a message. */
const customIdOf = (component: Component): string | undefined => ('custom_id' in component ? component.custom_id : undefined);

/**
 * Components as at most 5 rows. Each input row keeps its first row; what
 * overflows it (a 6th button, a select beside buttons) takes the rows left over,
 * in order, and is dropped when none are. A component whose custom_id repeats an
 * earlier one is dropped (Discord rejects duplicates). Non-row entries at the top
 * level (Components V2 containers and the like) are dropped.
 */
function fitComponents(value: unknown, redactor: Redactor): ReplyRow[] {
  const seen = new Set<string>();
  const laidOut: ReplyRow[][] = [];
  for (const row of listOf(value)) {
    if (!isBag(row) || row.type !== ACTION_ROW) continue;
    const components = listOf(row.components)
      .map((component) => fitComponent(component, redactor))
      .filter((component): component is Component => {
        if (component === undefined) return false;
        const id = customIdOf(component);
        if (id === undefined) return true;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
    const rows = layoutRow(components);
    if (rows.length > 0) laidOut.push(rows);
  }
  const kept = laidOut.slice(0, LIMITS.rows);
  let spare = LIMITS.rows - kept.length;
  const take = kept.map((rows) => {
    const extra = Math.min(spare, rows.length - 1);
    spare -= extra;
    return 1 + extra;
  });
  return kept.flatMap((rows, i) => rows.slice(0, take[i]));
}

// ---------------------------------------------------------------- payload

/**
 * Returns a new payload that Discord accepts, whatever `payload` holds:
 * `allowed_mentions` is always `{ parse: [] }`; every text is cut to its limit
 * (with "…"), redacted and made inert (invisible and bidi characters removed,
 * mentions broken, and, where links render, masked links that are not http(s)
 * or whose text names another site shown as plain text with their real
 * target); invalid urls, ids and components are dropped; embeds
 * fit the 6000 total; a payload with nothing left gets the content
 * "Nothing to show.". Only content, embeds, components, flags,
 * allowed_mentions and (on a private reply) files are carried over. Never throws.
 */
export function fitReply(payload: ReplyPayload, options: FitOptions = {}): ReplyPayload {
  try {
    return fitPayload(payload, options);
  } catch {
    // Only an input that is not plain data (a throwing getter, a hostile proxy) gets here.
    return { content: UNFIT_REPLY, allowed_mentions: { parse: [] } };
  }
}

function fitPayload(payload: ReplyPayload, options: FitOptions): ReplyPayload {
  const redactor = cachedRedactor(Array.isArray(options?.redact) ? options.redact : NO_SECRETS);
  const input: unknown = payload;
  const source: Bag = typeof input === 'string' ? { content: input } : isBag(input) ? input : {};

  const content = textOf(source.content, LIMITS.content, redactor, 'markdown');
  const embeds = fitEmbeds(source.embeds, redactor);
  const components = fitComponents(source.components, redactor);
  const ephemeral = typeof source.flags === 'number' && Number.isInteger(source.flags) && (source.flags & EPHEMERAL) !== 0;

  const files = ephemeral ? fitFiles(source.files) : [];

  const out: ReplyPayload = {};
  if (content !== undefined) out.content = content;
  if (embeds.length > 0) out.embeds = embeds;
  if (components.length > 0) out.components = components;
  if (out.content === undefined && out.embeds === undefined && out.components === undefined) out.content = NOTHING_TO_SHOW;
  if (ephemeral) out.flags = EPHEMERAL;
  out.allowed_mentions = { parse: [] };
  if (files.length > 0) out.files = files;
  return out;
}

/**
 * Files pass only on a private reply, and as they are: a file is a member's own
 * document given back to them (what they stored, private values included), so
 * it is neither redacted nor made inert, and it is never shown to anyone else.
 * A name must be a plain file name; a file over Discord's upload cap is dropped
 * (the handler that makes one checks the cap and says so itself).
 */
function fitFiles(value: unknown): ReplyFile[] {
  const out: ReplyFile[] = [];
  for (const file of listOf(value)) {
    if (out.length >= LIMITS.files) break;
    if (!isBag(file) || typeof file.name !== 'string' || typeof file.text !== 'string') continue;
    if (!/^[\w-][\w.-]*$/.test(file.name) || file.name.length > LIMITS.fileName) continue;
    if (Buffer.byteLength(file.text, 'utf8') > LIMITS.fileBytes) continue;
    out.push({ name: file.name, text: file.text });
  }
  return out;
}

/**
 * Fits autocomplete choices: at most 25, names 1–100 (cut with "…"), values
 * 1–100. A value over 100 is dropped, not cut (a cut value means something
 * else), and so is a repeated value or one holding a secret.
 */
export function fitChoices(choices: readonly AutocompleteChoice[], options: FitOptions = {}): AutocompleteChoice[] {
  const redactor = cachedRedactor(Array.isArray(options?.redact) ? options.redact : NO_SECRETS);
  const out: AutocompleteChoice[] = [];
  const seen = new Set<string>();
  for (const choice of listOf(choices)) {
    if (out.length >= LIMITS.choices) break;
    if (!isBag(choice)) continue;
    // Control characters have no place in a choice name.
    const rawName = typeof choice.name === 'string' ? choice.name.replace(/\p{Cc}+/gu, ' ') : choice.name;
    const name = textOf(rawName, LIMITS.choiceName, redactor);
    const value = exactOf(choice.value, LIMITS.choiceValue, redactor);
    if (name === undefined || value === undefined || seen.has(value)) continue;
    seen.add(value);
    out.push({ name, value });
  }
  return out;
}
