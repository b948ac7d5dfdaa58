// The one gate every reply passes before a transport sends it: whatever a handler
// built, what leaves here obeys every limit in DISCORD.md ("Limits a reply must
// respect"), mentions nobody, shows no private value, and holds no text that
// hides, reorders or disguises what it shows (./inert.ts): profile text is
// treated like anything a user typed.
//
// Input is treated as untrusted in shape too: anything that is not what Discord
// expects is dropped or coerced, never thrown on.
import type {
  APIButtonComponent,
  APIButtonComponentWithCustomId,
  APIButtonComponentWithSKUId,
  APIButtonComponentWithURL,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIEmbedAuthor,
  APIEmbedField,
  APIEmbedFooter,
  APIMessageComponentEmoji,
  APISelectMenuComponent,
  APISelectMenuDefaultValue,
  APISelectMenuOption,
  ButtonStyle,
  ChannelType,
  ComponentType,
  MessageFlags,
  SelectMenuDefaultValueType,
} from 'discord-api-types/v10';
import type { AutocompleteChoice, ReplyPayload, ReplyRow } from './types.js';
import { badMaskedLinks, breakMentions, hasHiddenCharacter, hasLiveMention, plainMaskedLinks, stripInvisible } from './inert.js';
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
} as const;

/** What an empty field name or value becomes: Discord rejects empty ones. */
export const EMPTY_FIELD = '\u200B';
/** The content of a reply that would otherwise be empty, which Discord rejects. */
export const NOTHING_TO_SHOW = 'Nothing to show.';
/** The content sent instead when a payload cannot even be read (not plain data). */
export const UNFIT_REPLY = 'Sorry, this reply could not be shown.';
/** Flags a reply may carry: suppress embeds (4), ephemeral (64), suppress notifications (4096). */
export const REPLY_FLAGS_MASK = 4 | 64 | 4096;

/** Text shorter than this after a cut for the 6000 total is dropped rather than kept as a stub. */
const MIN_USEFUL_CUT = 40;

const ACTION_ROW = 1 as ComponentType.ActionRow;
const BUTTON = 2 as ComponentType.Button;
const STRING_SELECT = 3 as ComponentType.StringSelect;
const AUTO_SELECTS = new Set([5, 6, 7, 8]);
const SECONDARY = 2 as ButtonStyle.Secondary;
const LINK = 5 as ButtonStyle.Link;
const PREMIUM = 6 as ButtonStyle.Premium;

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
const SNOWFLAKE = /^\d{1,20}$/;
// eslint-disable-next-line no-control-regex -- ids and values with control characters are refused
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** A Unicode emoji: emoji characters only, at least one of them a pictograph, flag letter or keycap. */
const UNICODE_EMOJI = /^(?=.*(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3))[\p{Emoji}\p{Emoji_Component}]{1,32}$/u;
const CUSTOM_EMOJI_NAME = /^\w{1,32}$/;

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
  let out = redactor(stripInvisible(text));
  for (let round = 0; rendering === 'markdown' && round < LINK_ROUNDS; round++) {
    const plain = plainMaskedLinks(out);
    if (plain === out) break;
    out = redactor(plain);
  }
  return breakMentions(out);
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

function urlOf(value: unknown, max: number, redactor: Redactor, schemes: readonly string[] = ['http:', 'https:']): string | undefined {
  const url = exactOf(value, max, redactor);
  // A url holds no control characters, and no invisible ones (Discord shows a link
  // button's url before opening it: bidi controls could reorder what it shows).
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (url === undefined || /[\s\u0000-\u001F\u007F]|\p{Cf}/u.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    return schemes.includes(parsed.protocol) && (parsed.protocol === 'discord:' || parsed.hostname !== '') ? url : undefined;
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

function fitField(value: unknown, redactor: Redactor): APIEmbedField | undefined {
  if (!isBag(value)) return undefined;
  const name = textOf(value.name, LIMITS.fieldName, redactor);
  const text = textOf(value.value, LIMITS.fieldValue, redactor, 'markdown');
  if (name === undefined && text === undefined) return undefined;
  return defined<APIEmbedField>({ name: name ?? EMPTY_FIELD, value: text ?? EMPTY_FIELD, inline: boolOf(value.inline) });
}

function fitFooter(value: unknown, redactor: Redactor): APIEmbedFooter | undefined {
  if (!isBag(value)) return undefined;
  const text = textOf(value.text, LIMITS.footer, redactor);
  if (text === undefined) return undefined;
  return defined<APIEmbedFooter>({ text, icon_url: urlOf(value.icon_url, LIMITS.embedUrl, redactor) });
}

function fitAuthor(value: unknown, redactor: Redactor): APIEmbedAuthor | undefined {
  if (!isBag(value)) return undefined;
  const name = textOf(value.name, LIMITS.authorName, redactor);
  if (name === undefined) return undefined;
  return defined<APIEmbedAuthor>({
    name,
    url: urlOf(value.url, LIMITS.embedUrl, redactor),
    icon_url: urlOf(value.icon_url, LIMITS.embedUrl, redactor),
  });
}

function timestampOf(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const time = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(time) || Math.abs(time) > 8.64e15) return undefined;
  return new Date(time).toISOString();
}

/** An embed with something to show: a title, description, field, image or thumbnail. */
function hasBody(embed: APIEmbed): boolean {
  return (
    embed.title !== undefined ||
    embed.description !== undefined ||
    (embed.fields?.length ?? 0) > 0 ||
    embed.image !== undefined ||
    embed.thumbnail !== undefined
  );
}

function fitEmbed(value: unknown, redactor: Redactor): APIEmbed | undefined {
  if (!isBag(value)) return undefined;
  const fields = listOf(value.fields)
    .map((field) => fitField(field, redactor))
    .filter((field): field is APIEmbedField => field !== undefined)
    .slice(0, LIMITS.fields);
  const embed = defined<APIEmbed>({
    title: textOf(value.title, LIMITS.title, redactor),
    description: textOf(value.description, LIMITS.description, redactor, 'markdown'),
    url: urlOf(value.url, LIMITS.embedUrl, redactor),
    timestamp: timestampOf(value.timestamp),
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
export function measureEmbeds(embeds: readonly APIEmbed[]): number {
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
function shrinkToTotal(embeds: APIEmbed[]): APIEmbed[] {
  const over = (): number => measureEmbeds(embeds) - LIMITS.embedTotal;
  for (let i = embeds.length - 1; i >= 0 && over() > 0; i--) {
    const embed = embeds[i] as APIEmbed;
    while (embed.fields && embed.fields.length > 0 && over() > 0) {
      const field = embed.fields[embed.fields.length - 1] as APIEmbedField;
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

function fitEmbeds(value: unknown, redactor: Redactor): APIEmbed[] {
  const embeds = listOf(value)
    .map((embed) => fitEmbed(embed, redactor))
    .filter((embed): embed is APIEmbed => embed !== undefined)
    .slice(0, LIMITS.embeds);
  return shrinkToTotal(embeds);
}

// ---------------------------------------------------------------- components

/** A custom emoji (id, and a plain name if any) or a Unicode one (name only); nothing else. */
function fitEmoji(value: unknown, redactor: Redactor): APIMessageComponentEmoji | undefined {
  if (!isBag(value)) return undefined;
  const id = typeof value.id === 'string' && SNOWFLAKE.test(value.id) ? value.id : undefined;
  const pattern = id === undefined ? UNICODE_EMOJI : CUSTOM_EMOJI_NAME;
  const name = typeof value.name === 'string' && pattern.test(value.name) && redactor(value.name) === value.name ? value.name : undefined;
  if (id === undefined && name === undefined) return undefined;
  return defined<APIMessageComponentEmoji>({ id, name, animated: id === undefined ? undefined : boolOf(value.animated) });
}

function fitButton(value: Bag, redactor: Redactor): APIButtonComponent | undefined {
  const disabled = boolOf(value.disabled);
  const style = intOf(value.style, 1, 6);
  if (style === PREMIUM) {
    const skuId = typeof value.sku_id === 'string' && SNOWFLAKE.test(value.sku_id) ? value.sku_id : undefined;
    return skuId === undefined ? undefined : defined<APIButtonComponentWithSKUId>({ type: BUTTON, style: PREMIUM, sku_id: skuId, disabled });
  }
  const label = textOf(value.label, LIMITS.buttonLabel, redactor);
  const emoji = fitEmoji(value.emoji, redactor);
  if (label === undefined && emoji === undefined) return undefined;
  // A style that is missing or invalid is inferred from what the button carries.
  const isLink = style === LINK || (style === undefined && value.url !== undefined && value.custom_id === undefined);
  if (isLink) {
    const url = urlOf(value.url, LIMITS.linkUrl, redactor, ['http:', 'https:', 'discord:']);
    return url === undefined ? undefined : defined<APIButtonComponentWithURL>({ type: BUTTON, style: LINK, label, emoji, url, disabled });
  }
  const customId = exactOf(value.custom_id, LIMITS.customId, redactor);
  if (customId === undefined) return undefined;
  const buttonStyle = (style ?? SECONDARY) as ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger;
  return defined<APIButtonComponentWithCustomId>({ type: BUTTON, style: buttonStyle, label, emoji, custom_id: customId, disabled });
}

function fitOptions(value: unknown, redactor: Redactor): APISelectMenuOption[] {
  const options: APISelectMenuOption[] = [];
  const seen = new Set<string>();
  for (const option of listOf(value)) {
    if (options.length >= LIMITS.selectOptions) break;
    if (!isBag(option)) continue;
    const label = textOf(option.label, LIMITS.selectOptionText, redactor);
    const optionValue = exactOf(option.value, LIMITS.selectOptionText, redactor);
    if (label === undefined || optionValue === undefined || seen.has(optionValue)) continue;
    seen.add(optionValue);
    options.push(
      defined<APISelectMenuOption>({
        label,
        value: optionValue,
        description: textOf(option.description, LIMITS.selectOptionText, redactor),
        emoji: fitEmoji(option.emoji, redactor),
        default: boolOf(option.default),
      }),
    );
  }
  return options;
}

function fitSelect(value: Bag, redactor: Redactor): APISelectMenuComponent | undefined {
  const customId = exactOf(value.custom_id, LIMITS.customId, redactor);
  if (customId === undefined) return undefined;
  const type = value.type as number;
  const options = type === STRING_SELECT ? fitOptions(value.options, redactor) : [];
  if (type === STRING_SELECT && options.length === 0) return undefined;
  // Counts: 0 <= min <= max <= 25, and for a string select max <= the options there are.
  // Discord's default for both is 1; a min above that raises max if it can, else is lowered.
  const ceiling = type === STRING_SELECT ? options.length : LIMITS.selectOptions;
  let max = intOf(value.max_values, 1, LIMITS.selectOptions);
  if (max !== undefined) max = Math.min(max, ceiling);
  let min = intOf(value.min_values, 0, LIMITS.selectOptions);
  if (min !== undefined) {
    if (max === undefined && min > 1) max = Math.min(min, ceiling);
    min = Math.min(min, max ?? 1);
  }
  const effectiveMax = max ?? 1;

  // No more options or default values pre-selected than may be selected.
  let defaults = 0;
  for (const option of options) {
    if (option.default === true && ++defaults > effectiveMax) delete option.default;
  }
  const base = {
    custom_id: customId,
    placeholder: textOf(value.placeholder, LIMITS.placeholder, redactor),
    min_values: min,
    max_values: max,
    disabled: boolOf(value.disabled),
  };
  if (type === STRING_SELECT) return defined<APISelectMenuComponent>({ type: STRING_SELECT, options, ...base });

  const defaultValues = listOf(value.default_values)
    .filter((entry): entry is Bag => isBag(entry) && typeof entry.id === 'string' && SNOWFLAKE.test(entry.id))
    .filter((entry) => entry.type === 'user' || entry.type === 'role' || entry.type === 'channel')
    .slice(0, effectiveMax)
    .map((entry) => ({ id: entry.id as string, type: entry.type as SelectMenuDefaultValueType }));
  const channelTypes = type === 8 ? listOf(value.channel_types).filter((t): t is ChannelType => intOf(t, 0, 100) !== undefined) : [];
  return defined<APISelectMenuComponent>({
    type: type as ComponentType.UserSelect,
    ...base,
    default_values: defaultValues.length > 0 ? (defaultValues as APISelectMenuDefaultValue<SelectMenuDefaultValueType.User>[]) : undefined,
    ...(channelTypes.length > 0 ? { channel_types: channelTypes } : {}),
  });
}

function fitComponent(value: unknown, redactor: Redactor): APIComponentInMessageActionRow | undefined {
  if (!isBag(value)) return undefined;
  if (value.type === BUTTON) return fitButton(value, redactor);
  if (value.type === STRING_SELECT || AUTO_SELECTS.has(value.type as number)) return fitSelect(value, redactor);
  return undefined;
}

const isSelect = (component: APIComponentInMessageActionRow): boolean => component.type !== BUTTON;

/** One input row laid out as Discord rows: up to 5 buttons each, a select alone. */
function layoutRow(components: APIComponentInMessageActionRow[]): ReplyRow[] {
  const rows: ReplyRow[] = [];
  let buttons: APIComponentInMessageActionRow[] = [];
  const flush = (): void => {
    if (buttons.length > 0) rows.push({ type: ACTION_ROW, components: buttons });
    buttons = [];
  };
  for (const component of components) {
    if (isSelect(component)) {
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
const customIdOf = (component: APIComponentInMessageActionRow): string | undefined =>
  'custom_id' in component ? component.custom_id : undefined;

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
      .filter((component): component is APIComponentInMessageActionRow => {
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
 * "Nothing to show.". Only content, embeds, components, flags and
 * allowed_mentions are carried over. Never throws.
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
  const flags = typeof source.flags === 'number' && Number.isInteger(source.flags) ? source.flags & REPLY_FLAGS_MASK : 0;

  const out: ReplyPayload = {};
  if (content !== undefined) out.content = content;
  if (embeds.length > 0) out.embeds = embeds;
  if (components.length > 0) out.components = components;
  if (out.content === undefined && out.embeds === undefined && out.components === undefined) out.content = NOTHING_TO_SHOW;
  if (flags !== 0) out.flags = flags as MessageFlags;
  out.allowed_mentions = { parse: [] };
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
    // eslint-disable-next-line no-control-regex -- control characters have no place in a choice name
    const rawName = typeof choice.name === 'string' ? choice.name.replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ') : choice.name;
    const name = textOf(rawName, LIMITS.choiceName, redactor);
    const value = exactOf(choice.value, LIMITS.choiceValue, redactor);
    if (name === undefined || value === undefined || seen.has(value)) continue;
    seen.add(value);
    out.push({ name, value });
  }
  return out;
}

// ---------------------------------------------------------------- checker

const HTTP = ['http:', 'https:'];

function checkUrl(problems: string[], path: string, value: unknown, max: number, schemes: readonly string[] = HTTP): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length > max) {
    problems.push(`${path}: not a string of at most ${max} characters`);
    return;
  }
  try {
    const parsed = new URL(value);
    if (!schemes.includes(parsed.protocol)) problems.push(`${path}: scheme ${parsed.protocol} not allowed`);
  } catch {
    problems.push(`${path}: not a valid url`);
  }
}

/**
 * Lists every limit `payload` breaks, one line each ("embeds[0].fields[3].name:
 * empty"); empty when Discord would accept it. With `redact`, also lists each
 * place a secret shows. Never throws.
 */
export function checkReplyLimits(payload: unknown, options: FitOptions = {}): string[] {
  const problems: string[] = [];
  const redactor = cachedRedactor(Array.isArray(options?.redact) ? options.redact : NO_SECRETS);
  const text = (path: string, value: unknown, max: number, required: boolean, rendering: Rendering = 'plain'): void => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string') return void problems.push(`${path}: not a string`);
    if (value.length > max) problems.push(`${path}: ${value.length} characters, over ${max}`);
    if (isBlank(value)) problems.push(`${path}: empty`);
    if (!isWellFormed(value)) problems.push(`${path}: lone surrogate`);
    if (redactor(value) !== value) problems.push(`${path}: shows a private value`);
    if (value !== EMPTY_FIELD && hasHiddenCharacter(value)) problems.push(`${path}: holds an invisible or bidi control character`);
    if (hasLiveMention(value)) problems.push(`${path}: holds a mention`);
    if (rendering === 'markdown') for (const { problem } of badMaskedLinks(value)) problems.push(`${path}: masked link ${problem}`);
  };
  const exact = (path: string, value: unknown, max: number): void => {
    if (typeof value !== 'string' || value.length < 1 || value.length > max) problems.push(`${path}: not a string of 1–${max} characters`);
    else if (!isWellFormed(value) || CONTROL.test(value)) problems.push(`${path}: holds control characters or a lone surrogate`);
    else if (redactor(value) !== value) problems.push(`${path}: shows a private value`);
  };
  const emoji = (path: string, value: unknown): void => {
    if (value === undefined) return;
    if (!isBag(value)) return void problems.push(`${path}: not an object`);
    const hasId = value.id !== undefined;
    if (hasId && (typeof value.id !== 'string' || !SNOWFLAKE.test(value.id))) problems.push(`${path}.id: not a snowflake`);
    if (!hasId && value.name === undefined) problems.push(`${path}: neither id nor name`);
    if (value.name !== undefined) {
      if (typeof value.name !== 'string' || !(hasId ? CUSTOM_EMOJI_NAME : UNICODE_EMOJI).test(value.name)) problems.push(`${path}.name: not an emoji`);
      else if (redactor(value.name) !== value.name) problems.push(`${path}.name: shows a private value`);
    }
  };

  if (!isBag(payload)) return ['payload: not an object'];
  const mentions = payload.allowed_mentions;
  if (
    !isBag(mentions) ||
    !Array.isArray(mentions.parse) ||
    mentions.parse.length > 0 ||
    listOf(mentions.users).length > 0 ||
    listOf(mentions.roles).length > 0 ||
    mentions.replied_user === true
  ) {
    problems.push('allowed_mentions: must be { parse: [] }');
  }
  if (payload.flags !== undefined && (typeof payload.flags !== 'number' || (payload.flags & ~REPLY_FLAGS_MASK) !== 0)) {
    problems.push(`flags: ${String(payload.flags)} holds flags a reply may not set`);
  }
  text('content', payload.content, LIMITS.content, false, 'markdown');

  const embeds = payload.embeds === undefined ? [] : listOf(payload.embeds);
  if (payload.embeds !== undefined && !Array.isArray(payload.embeds)) problems.push('embeds: not an array');
  if (embeds.length > LIMITS.embeds) problems.push(`embeds: ${embeds.length}, over ${LIMITS.embeds}`);
  embeds.forEach((embed, i) => {
    const at = `embeds[${i}]`;
    if (!isBag(embed)) return void problems.push(`${at}: not an object`);
    text(`${at}.title`, embed.title, LIMITS.title, false);
    text(`${at}.description`, embed.description, LIMITS.description, false, 'markdown');
    checkUrl(problems, `${at}.url`, embed.url, LIMITS.embedUrl);
    if (embed.color !== undefined && intOf(embed.color, 0, 0xffffff) === undefined) problems.push(`${at}.color: not a 24-bit integer`);
    if (embed.timestamp !== undefined && timestampOf(embed.timestamp) !== embed.timestamp) problems.push(`${at}.timestamp: not an ISO 8601 time`);
    for (const key of ['image', 'thumbnail'] as const) {
      const image = embed[key];
      if (image === undefined) continue;
      if (!isBag(image)) problems.push(`${at}.${key}: not an object`);
      else checkUrl(problems, `${at}.${key}.url`, image.url ?? null, LIMITS.embedUrl);
    }
    if (embed.footer !== undefined) {
      if (!isBag(embed.footer)) problems.push(`${at}.footer: not an object`);
      else {
        text(`${at}.footer.text`, embed.footer.text, LIMITS.footer, true);
        checkUrl(problems, `${at}.footer.icon_url`, embed.footer.icon_url, LIMITS.embedUrl);
      }
    }
    if (embed.author !== undefined) {
      if (!isBag(embed.author)) problems.push(`${at}.author: not an object`);
      else {
        text(`${at}.author.name`, embed.author.name, LIMITS.authorName, true);
        checkUrl(problems, `${at}.author.url`, embed.author.url, LIMITS.embedUrl);
        checkUrl(problems, `${at}.author.icon_url`, embed.author.icon_url, LIMITS.embedUrl);
      }
    }
    const fields = listOf(embed.fields);
    if (embed.fields !== undefined && !Array.isArray(embed.fields)) problems.push(`${at}.fields: not an array`);
    if (fields.length > LIMITS.fields) problems.push(`${at}.fields: ${fields.length}, over ${LIMITS.fields}`);
    fields.forEach((field, j) => {
      if (!isBag(field)) return void problems.push(`${at}.fields[${j}]: not an object`);
      text(`${at}.fields[${j}].name`, field.name, LIMITS.fieldName, true);
      text(`${at}.fields[${j}].value`, field.value, LIMITS.fieldValue, true, 'markdown');
    });
    if (!hasBody(embed as APIEmbed)) problems.push(`${at}: nothing to show`);
  });
  const total = measureEmbeds(embeds as APIEmbed[]);
  if (total > LIMITS.embedTotal) problems.push(`embeds: ${total} characters of text in all, over ${LIMITS.embedTotal}`);

  const rows = payload.components === undefined ? [] : listOf(payload.components);
  if (payload.components !== undefined && !Array.isArray(payload.components)) problems.push('components: not an array');
  if (rows.length > LIMITS.rows) problems.push(`components: ${rows.length} rows, over ${LIMITS.rows}`);
  const customIds = new Set<string>();
  rows.forEach((row, i) => {
    const at = `components[${i}]`;
    if (!isBag(row) || row.type !== ACTION_ROW) return void problems.push(`${at}: not an action row`);
    const inRow = listOf(row.components);
    if (inRow.length === 0) problems.push(`${at}: empty row`);
    const selects = inRow.filter((c) => isBag(c) && c.type !== BUTTON).length;
    if (selects > 0 && inRow.length > 1) problems.push(`${at}: a select menu must be alone in its row`);
    if (selects === 0 && inRow.length > LIMITS.buttonsPerRow) problems.push(`${at}: ${inRow.length} buttons, over ${LIMITS.buttonsPerRow}`);
    inRow.forEach((component, j) => {
      const cat = `${at}.components[${j}]`;
      if (!isBag(component)) return void problems.push(`${cat}: not an object`);
      if (typeof component.custom_id === 'string') {
        if (customIds.has(component.custom_id)) problems.push(`${cat}.custom_id: repeated in this message`);
        customIds.add(component.custom_id);
      }
      if (component.type === BUTTON) {
        const style = component.style;
        if (style === PREMIUM) {
          if (typeof component.sku_id !== 'string' || !SNOWFLAKE.test(component.sku_id)) problems.push(`${cat}.sku_id: not a snowflake`);
          return;
        }
        text(`${cat}.label`, component.label, LIMITS.buttonLabel, false);
        emoji(`${cat}.emoji`, component.emoji);
        if (component.label === undefined && component.emoji === undefined) problems.push(`${cat}: neither label nor emoji`);
        if (style === LINK) {
          if (component.custom_id !== undefined) problems.push(`${cat}: a link button has no custom_id`);
          if (component.url === undefined) problems.push(`${cat}.url: missing`);
          checkUrl(problems, `${cat}.url`, component.url, LIMITS.linkUrl, [...HTTP, 'discord:']);
        } else if (intOf(style, 1, 4) !== undefined) {
          exact(`${cat}.custom_id`, component.custom_id, LIMITS.customId);
        } else {
          problems.push(`${cat}.style: ${String(style)} is not a button style`);
        }
        return;
      }
      if (component.type !== STRING_SELECT && !AUTO_SELECTS.has(component.type as number)) {
        return void problems.push(`${cat}.type: ${String(component.type)} cannot go in an action row`);
      }
      exact(`${cat}.custom_id`, component.custom_id, LIMITS.customId);
      text(`${cat}.placeholder`, component.placeholder, LIMITS.placeholder, false);
      const min = component.min_values ?? 1;
      const max = component.max_values ?? 1;
      if (intOf(min, 0, LIMITS.selectOptions) === undefined) problems.push(`${cat}.min_values: not 0–25`);
      if (intOf(max, 1, LIMITS.selectOptions) === undefined) problems.push(`${cat}.max_values: not 1–25`);
      if (typeof min === 'number' && typeof max === 'number' && min > max) problems.push(`${cat}: min_values over max_values`);
      if (component.type !== STRING_SELECT) return;
      const options = listOf(component.options);
      if (options.length < 1 || options.length > LIMITS.selectOptions) problems.push(`${cat}.options: ${options.length}, not 1–25`);
      if (typeof max === 'number' && max > options.length) problems.push(`${cat}.max_values: over the ${options.length} options`);
      const values = new Set<string>();
      let defaults = 0;
      options.forEach((option, k) => {
        const oat = `${cat}.options[${k}]`;
        if (!isBag(option)) return void problems.push(`${oat}: not an object`);
        text(`${oat}.label`, option.label, LIMITS.selectOptionText, true);
        exact(`${oat}.value`, option.value, LIMITS.selectOptionText);
        text(`${oat}.description`, option.description, LIMITS.selectOptionText, false);
        emoji(`${oat}.emoji`, option.emoji);
        if (typeof option.value === 'string') {
          if (values.has(option.value)) problems.push(`${oat}.value: repeated`);
          values.add(option.value);
        }
        if (option.default === true) defaults++;
      });
      if (typeof max === 'number' && defaults > max) problems.push(`${cat}: ${defaults} default options, over max_values`);
    });
  });

  const hasContent = typeof payload.content === 'string' && !isBlank(payload.content);
  if (!hasContent && embeds.length === 0 && rows.length === 0) problems.push('payload: nothing to show (no content, embeds or components)');
  return problems;
}
