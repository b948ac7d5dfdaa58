// Discord's payload limits, written independently from the bot's own limit-fitting code so the
// fake Discord can catch what the bot gets wrong. The numbers follow the table in
// docs/discord.md. Every checker returns a list of human-readable reasons; an empty list
// means Discord would accept the payload. No imports: unit tests may load this file on its own.

/** The limits the checkers enforce, by name. */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  fieldsPerEmbed: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  linkUrl: 512,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceStringValue: 100,
  commandName: 32,
  commandDescription: 100,
  optionsPerCommand: 25,
  commandTotalCharacters: 8000,
} as const;

// Discord's numbers, named here (not imported from discord-api-types, which the bot uses) so
// that this file stays a transcription of docs/discord.md of its own.
const ACTION_ROW = 1;
const BUTTON = 2;
const STRING_SELECT = 3;
/** String, user, role, mentionable and channel selects. */
const SELECT_TYPES = new Set([STRING_SELECT, 5, 6, 7, 8]);
/** Button styles run from primary (1) to premium (6). */
const BUTTON_STYLES = { first: 1, link: 5, premium: 6 } as const;
/** Option types run from sub-command (1) to attachment (11). */
const OPTION_TYPES = { subCommand: 1, subCommandGroup: 2, last: 11 } as const;
/** Command types: chat input (slash), user and message context menus, primary entry point. */
const COMMAND_TYPES = { chatInput: 1, user: 2, message: 3, primaryEntryPoint: 4 } as const;

/** Message flags Discord accepts on a message someone sends (not the ones it sets itself). */
const SENDABLE_FLAGS = {
  suppressEmbeds: 1 << 2,
  ephemeral: 1 << 6,
  suppressNotifications: 1 << 12,
  isComponentsV2: 1 << 15,
} as const;

export interface MessageCheckOptions {
  /**
   * Flag a payload whose `allowed_mentions` is missing or lets anything ping (non-empty `parse`,
   * `users` or `roles`, or `replied_user: true`). Default true: the bot must always send
   * `allowed_mentions: { parse: [] }`.
   */
  requireNoMentions?: boolean;
  /**
   * Require something visible (content, an embed, a component, a file or a sticker), as Discord
   * does when a message is created ("Cannot send an empty message"). Default false: edits may be
   * partial.
   */
  requireBody?: boolean;
  /** Number of files sent alongside the JSON body (multipart requests); counts as "something visible". */
  fileCount?: number;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Length in UTF-16 code units, the way Discord counts for every limit here. */
function lengthOf(value: unknown): number {
  return typeof value === 'string' ? value.length : 0;
}

function isWellFormedUrl(value: string, schemes: readonly string[]): boolean {
  try {
    const url = new URL(value);
    return schemes.includes(url.protocol.replace(/:$/, ''));
  } catch {
    return false;
  }
}

function checkString(reasons: string[], path: string, value: unknown, limits: { min?: number; max: number; required?: boolean }): void {
  if (value === undefined || value === null) {
    if (limits.required) reasons.push(`${path} is required`);
    return;
  }
  if (typeof value !== 'string') {
    reasons.push(`${path} must be a string`);
    return;
  }
  const min = limits.min ?? 0;
  if (value.length < min) reasons.push(`${path} must be at least ${min} characters (got ${value.length})`);
  if (value.length > limits.max) reasons.push(`${path} must be at most ${limits.max} characters (got ${value.length})`);
}

/** Characters an embed counts towards the 6000 per-message total. */
export function embedTextLength(embed: unknown): number {
  if (!isObject(embed)) return 0;
  let total = lengthOf(embed.title) + lengthOf(embed.description);
  if (Array.isArray(embed.fields)) {
    for (const field of embed.fields) {
      if (isObject(field)) total += lengthOf(field.name) + lengthOf(field.value);
    }
  }
  if (isObject(embed.footer)) total += lengthOf(embed.footer.text);
  if (isObject(embed.author)) total += lengthOf(embed.author.name);
  return total;
}

/** Checks one embed on its own (the per-message total is checked by {@link checkMessagePayload}). */
export function checkEmbed(embed: unknown, path = 'embeds[0]'): string[] {
  const reasons: string[] = [];
  if (!isObject(embed)) return [`${path} must be an object`];
  checkString(reasons, `${path}.title`, embed.title, { max: LIMITS.embedTitle });
  checkString(reasons, `${path}.description`, embed.description, { max: LIMITS.embedDescription });
  if (embed.url !== undefined && embed.url !== null) {
    if (typeof embed.url !== 'string' || !isWellFormedUrl(embed.url, ['http', 'https'])) {
      reasons.push(`${path}.url is not a well formed http(s) URL`);
    }
  }
  if (embed.color !== undefined && embed.color !== null) {
    const color = embed.color;
    if (typeof color !== 'number' || !Number.isInteger(color) || color < 0 || color > 0xffffff) {
      reasons.push(`${path}.color must be an integer from 0 to 0xFFFFFF`);
    }
  }
  if (embed.fields !== undefined) {
    if (!Array.isArray(embed.fields)) {
      reasons.push(`${path}.fields must be an array`);
    } else {
      if (embed.fields.length > LIMITS.fieldsPerEmbed) {
        reasons.push(`${path}.fields has ${embed.fields.length} fields, at most ${LIMITS.fieldsPerEmbed} allowed`);
      }
      embed.fields.forEach((field: unknown, index) => {
        const at = `${path}.fields[${index}]`;
        if (!isObject(field)) {
          reasons.push(`${at} must be an object`);
          return;
        }
        checkString(reasons, `${at}.name`, field.name, { min: 1, max: LIMITS.fieldName, required: true });
        checkString(reasons, `${at}.value`, field.value, { min: 1, max: LIMITS.fieldValue, required: true });
        if (field.inline !== undefined && typeof field.inline !== 'boolean') reasons.push(`${at}.inline must be a boolean`);
      });
    }
  }
  if (embed.footer !== undefined) {
    if (!isObject(embed.footer)) reasons.push(`${path}.footer must be an object`);
    else checkString(reasons, `${path}.footer.text`, embed.footer.text, { min: 1, max: LIMITS.footerText, required: true });
  }
  if (embed.author !== undefined) {
    if (!isObject(embed.author)) reasons.push(`${path}.author must be an object`);
    else {
      checkString(reasons, `${path}.author.name`, embed.author.name, { min: 1, max: LIMITS.authorName, required: true });
      const url = embed.author.url;
      if (url !== undefined && url !== null && (typeof url !== 'string' || !isWellFormedUrl(url, ['http', 'https']))) {
        reasons.push(`${path}.author.url is not a well formed http(s) URL`);
      }
    }
  }
  for (const key of ['image', 'thumbnail'] as const) {
    const media = embed[key];
    if (media === undefined) continue;
    if (!isObject(media) || typeof media.url !== 'string' || !isWellFormedUrl(media.url, ['http', 'https', 'attachment'])) {
      reasons.push(`${path}.${key}.url is not a well formed http(s) or attachment URL`);
    }
  }
  return reasons;
}

function checkCustomId(reasons: string[], path: string, value: unknown, seen: Set<string>): void {
  checkString(reasons, path, value, { min: 1, max: LIMITS.customId, required: true });
  if (typeof value === 'string') {
    if (seen.has(value)) reasons.push(`${path} "${value}" is duplicated in this message`);
    seen.add(value);
  }
}

function checkButton(reasons: string[], path: string, button: Json, seen: Set<string>): void {
  const style = button.style;
  if (typeof style !== 'number' || !Number.isInteger(style) || style < BUTTON_STYLES.first || style > BUTTON_STYLES.premium) {
    reasons.push(`${path}.style must be ${BUTTON_STYLES.first}–${BUTTON_STYLES.premium}`);
    return;
  }
  checkString(reasons, `${path}.label`, button.label, { max: LIMITS.buttonLabel });
  if (style === BUTTON_STYLES.premium) {
    if (typeof button.sku_id !== 'string') reasons.push(`${path}.sku_id is required for a premium button`);
    return;
  }
  if (button.label === undefined && button.emoji === undefined) reasons.push(`${path} needs a label or an emoji`);
  if (style === BUTTON_STYLES.link) {
    if (button.custom_id !== undefined) reasons.push(`${path}: a link button cannot have a custom_id`);
    checkString(reasons, `${path}.url`, button.url, { min: 1, max: LIMITS.linkUrl, required: true });
    if (typeof button.url === 'string' && !isWellFormedUrl(button.url, ['http', 'https', 'discord'])) {
      reasons.push(`${path}.url is not a well formed URL`);
    }
  } else {
    if (button.url !== undefined) reasons.push(`${path}: only a link button (style ${BUTTON_STYLES.link}) can have a url`);
    checkCustomId(reasons, `${path}.custom_id`, button.custom_id, seen);
  }
}

function checkSelect(reasons: string[], path: string, select: Json, seen: Set<string>): void {
  checkCustomId(reasons, `${path}.custom_id`, select.custom_id, seen);
  checkString(reasons, `${path}.placeholder`, select.placeholder, { max: LIMITS.selectPlaceholder });
  const minValues = select.min_values;
  const maxValues = select.max_values;
  if (minValues !== undefined && (typeof minValues !== 'number' || minValues < 0 || minValues > 25)) {
    reasons.push(`${path}.min_values must be 0–25`);
  }
  if (maxValues !== undefined && (typeof maxValues !== 'number' || maxValues < 1 || maxValues > 25)) {
    reasons.push(`${path}.max_values must be 1–25`);
  }
  if (select.type !== STRING_SELECT) return;
  if (!Array.isArray(select.options) || select.options.length === 0) {
    reasons.push(`${path}.options must list 1–${LIMITS.selectOptions} options`);
    return;
  }
  if (select.options.length > LIMITS.selectOptions) {
    reasons.push(`${path}.options has ${select.options.length} options, at most ${LIMITS.selectOptions} allowed`);
  }
  if (typeof maxValues === 'number' && maxValues > select.options.length) {
    reasons.push(`${path}.max_values (${maxValues}) exceeds the number of options (${select.options.length})`);
  }
  const values = new Set<string>();
  select.options.forEach((option: unknown, index) => {
    const at = `${path}.options[${index}]`;
    if (!isObject(option)) {
      reasons.push(`${at} must be an object`);
      return;
    }
    checkString(reasons, `${at}.label`, option.label, { min: 1, max: LIMITS.selectOptionText, required: true });
    checkString(reasons, `${at}.value`, option.value, { min: 1, max: LIMITS.selectOptionText, required: true });
    checkString(reasons, `${at}.description`, option.description, { max: LIMITS.selectOptionText });
    if (typeof option.value === 'string') {
      if (values.has(option.value)) reasons.push(`${at}.value "${option.value}" is duplicated`);
      values.add(option.value);
    }
  });
}

/** Checks the `components` of a classic (not components-v2) message. */
export function checkComponents(components: unknown, path = 'components'): string[] {
  const reasons: string[] = [];
  if (!Array.isArray(components)) return [`${path} must be an array`];
  if (components.length > LIMITS.actionRows) {
    reasons.push(`${path} has ${components.length} action rows, at most ${LIMITS.actionRows} allowed`);
  }
  const seen = new Set<string>();
  components.forEach((row: unknown, rowIndex) => {
    const rowPath = `${path}[${rowIndex}]`;
    if (!isObject(row) || row.type !== ACTION_ROW) {
      reasons.push(`${rowPath} must be an action row (type ${ACTION_ROW})`);
      return;
    }
    if (!Array.isArray(row.components) || row.components.length === 0) {
      reasons.push(`${rowPath}.components must not be empty`);
      return;
    }
    const children = row.components.filter(isObject);
    if (children.length !== row.components.length) reasons.push(`${rowPath}.components must be objects`);
    const selects = children.filter((child) => typeof child.type === 'number' && SELECT_TYPES.has(child.type));
    const buttons = children.filter((child) => child.type === BUTTON);
    if (selects.length > 0 && children.length > 1) {
      reasons.push(`${rowPath} holds a select menu, which must be alone in its row`);
    }
    if (buttons.length > LIMITS.buttonsPerRow) {
      reasons.push(`${rowPath} has ${buttons.length} buttons, at most ${LIMITS.buttonsPerRow} allowed`);
    }
    children.forEach((child, index) => {
      const at = `${rowPath}.components[${index}]`;
      if (child.type === BUTTON) checkButton(reasons, at, child, seen);
      else if (typeof child.type === 'number' && SELECT_TYPES.has(child.type)) checkSelect(reasons, at, child, seen);
      else reasons.push(`${at}.type ${String(child.type)} is not allowed in a message action row`);
    });
  });
  return reasons;
}

/** Discord parses nothing that `allowed_mentions` does not list, so `{}` and `{ parse: [] }` both suppress every ping. */
function checkAllowedMentions(allowed: unknown): string | null {
  if (!isObject(allowed)) return 'mentions not suppressed (allowed_mentions missing)';
  const problems: string[] = [];
  if (allowed.parse !== undefined && (!Array.isArray(allowed.parse) || allowed.parse.length > 0)) {
    problems.push(`parse is ${JSON.stringify(allowed.parse)}`);
  }
  for (const key of ['users', 'roles'] as const) {
    const list = allowed[key];
    if (Array.isArray(list) && list.length > 0) problems.push(`${key} is ${JSON.stringify(list)}`);
  }
  if (allowed.replied_user === true) problems.push('replied_user is true');
  return problems.length > 0 ? `mentions not suppressed (allowed_mentions ${problems.join(', ')})` : null;
}

/**
 * Checks a message payload (a channel message, an interaction response's `data`, a webhook
 * execute or edit body) the way Discord would. Returns the reasons it would be refused; `[]` if
 * it is acceptable.
 */
export function checkMessagePayload(payload: unknown, options: MessageCheckOptions = {}): string[] {
  const { requireNoMentions = true, requireBody = false, fileCount = 0 } = options;
  if (!isObject(payload)) return ['message payload must be a JSON object'];
  const reasons: string[] = [];

  const flags = payload.flags ?? 0;
  const allFlags = Object.values(SENDABLE_FLAGS).reduce((a, b) => a | b, 0);
  if (typeof flags !== 'number' || !Number.isInteger(flags) || (flags & ~allFlags) !== 0) {
    reasons.push(`flags ${String(flags)} contains flags that cannot be sent`);
  }
  const componentsV2 = typeof flags === 'number' && (flags & SENDABLE_FLAGS.isComponentsV2) !== 0;

  checkString(reasons, 'content', payload.content, { max: LIMITS.content });

  if (payload.embeds !== undefined && payload.embeds !== null) {
    if (!Array.isArray(payload.embeds)) {
      reasons.push('embeds must be an array');
    } else {
      if (payload.embeds.length > LIMITS.embedsPerMessage) {
        reasons.push(`embeds has ${payload.embeds.length} embeds, at most ${LIMITS.embedsPerMessage} allowed`);
      }
      payload.embeds.forEach((embed: unknown, index) => reasons.push(...checkEmbed(embed, `embeds[${index}]`)));
      const total = payload.embeds.reduce((sum: number, embed: unknown) => sum + embedTextLength(embed), 0);
      if (total > LIMITS.embedTotal) {
        reasons.push(`embeds hold ${total} characters in total, at most ${LIMITS.embedTotal} allowed`);
      }
    }
  }

  if (payload.components !== undefined && payload.components !== null) {
    if (componentsV2) {
      // Components v2 has its own layout rules, which the bot does not use; check only what the
      // flag forbids.
      if (lengthOf(payload.content) > 0 || (Array.isArray(payload.embeds) && payload.embeds.length > 0)) {
        reasons.push('a components v2 message cannot have content or embeds');
      }
    } else {
      reasons.push(...checkComponents(payload.components));
    }
  }

  if (requireNoMentions) {
    const problem = checkAllowedMentions(payload.allowed_mentions);
    if (problem) reasons.push(problem);
  }

  if (requireBody) {
    const hasContent = lengthOf(payload.content) > 0;
    const hasEmbeds = Array.isArray(payload.embeds) && payload.embeds.length > 0;
    const hasComponents = Array.isArray(payload.components) && payload.components.length > 0;
    const hasStickers = Array.isArray(payload.sticker_ids) && payload.sticker_ids.length > 0;
    const hasPoll = isObject(payload.poll);
    if (!hasContent && !hasEmbeds && !hasComponents && !hasStickers && !hasPoll && fileCount === 0) {
      reasons.push('Cannot send an empty message');
    }
  }
  return reasons;
}

/** Checks the `choices` of an autocomplete result (interaction callback type 8). */
export function checkAutocompleteChoices(choices: unknown): string[] {
  if (!Array.isArray(choices)) return ['choices must be an array'];
  const reasons: string[] = [];
  if (choices.length > LIMITS.autocompleteChoices) {
    reasons.push(`choices has ${choices.length} entries, at most ${LIMITS.autocompleteChoices} allowed`);
  }
  choices.forEach((choice: unknown, index) => reasons.push(...checkChoice(choice, `choices[${index}]`)));
  return reasons;
}

function checkChoice(choice: unknown, path: string): string[] {
  const reasons: string[] = [];
  if (!isObject(choice)) return [`${path} must be an object`];
  checkString(reasons, `${path}.name`, choice.name, { min: 1, max: LIMITS.choiceName, required: true });
  const value = choice.value;
  if (typeof value === 'string') {
    if (value.length > LIMITS.choiceStringValue) {
      reasons.push(`${path}.value must be at most ${LIMITS.choiceStringValue} characters (got ${value.length})`);
    }
  } else if (typeof value !== 'number' || !Number.isFinite(value)) {
    reasons.push(`${path}.value must be a string or a finite number`);
  }
  return reasons;
}

const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkName(reasons: string[], path: string, name: unknown): void {
  if (typeof name !== 'string') {
    reasons.push(`${path} is required`);
    return;
  }
  if (!NAME_PATTERN.test(name)) reasons.push(`${path} "${name}" does not match ${NAME_PATTERN.source}`);
  if (name !== name.toLowerCase()) reasons.push(`${path} "${name}" must be lowercase`);
}

/** Characters counted towards the 8000 per-command total: names, descriptions, choice names and values. */
function commandCharacters(node: Json): number {
  let total = lengthOf(node.name) + lengthOf(node.description);
  if (Array.isArray(node.choices)) {
    for (const choice of node.choices) {
      if (isObject(choice))
        total += lengthOf(choice.name) + (typeof choice.value === 'string' ? choice.value.length : String(choice.value).length);
    }
  }
  if (Array.isArray(node.options)) {
    for (const option of node.options) if (isObject(option)) total += commandCharacters(option);
  }
  return total;
}

function checkOptions(reasons: string[], path: string, options: unknown, depth: number): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    reasons.push(`${path} must be an array`);
    return;
  }
  if (options.length > LIMITS.optionsPerCommand) {
    reasons.push(`${path} has ${options.length} options, at most ${LIMITS.optionsPerCommand} allowed`);
  }
  const names = new Set<string>();
  let sawOptional = false;
  options.forEach((option: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isObject(option)) {
      reasons.push(`${at} must be an object`);
      return;
    }
    checkName(reasons, `${at}.name`, option.name);
    if (typeof option.name === 'string') {
      if (names.has(option.name)) reasons.push(`${at}.name "${option.name}" is duplicated`);
      names.add(option.name);
    }
    checkString(reasons, `${at}.description`, option.description, { min: 1, max: LIMITS.commandDescription, required: true });
    const type = option.type;
    if (typeof type !== 'number' || !Number.isInteger(type) || type < OPTION_TYPES.subCommand || type > OPTION_TYPES.last) {
      reasons.push(`${at}.type must be ${OPTION_TYPES.subCommand}–${OPTION_TYPES.last}`);
      return;
    }
    if (type === OPTION_TYPES.subCommand || type === OPTION_TYPES.subCommandGroup) {
      // A group holds sub-commands, a sub-command holds plain options.
      if (depth >= (type === OPTION_TYPES.subCommandGroup ? 1 : 2)) reasons.push(`${at}: sub-command nesting is too deep`);
      checkOptions(reasons, `${at}.options`, option.options, depth + 1);
      return;
    }
    if (option.required === true) {
      if (sawOptional) reasons.push(`${at}: required options must come before optional ones`);
    } else {
      sawOptional = true;
    }
    if (option.choices !== undefined) {
      if (option.autocomplete === true) reasons.push(`${at}: autocomplete and choices cannot be combined`);
      if (!Array.isArray(option.choices)) reasons.push(`${at}.choices must be an array`);
      else {
        if (option.choices.length > LIMITS.autocompleteChoices) {
          reasons.push(`${at}.choices has ${option.choices.length} entries, at most ${LIMITS.autocompleteChoices} allowed`);
        }
        option.choices.forEach((choice: unknown, i) => reasons.push(...checkChoice(choice, `${at}.choices[${i}]`)));
      }
    }
  });
}

/**
 * Checks one application command definition (a `PUT`/`POST` body entry) against Discord's rules:
 * names, descriptions, option counts and order, choices, and the 8000-character total.
 */
export function checkCommandPayload(command: unknown): string[] {
  if (!isObject(command)) return ['command must be a JSON object'];
  const reasons: string[] = [];
  const type = command.type ?? COMMAND_TYPES.chatInput;
  if (type === COMMAND_TYPES.chatInput) {
    checkName(reasons, 'name', command.name);
    checkString(reasons, 'description', command.description, { min: 1, max: LIMITS.commandDescription, required: true });
    checkOptions(reasons, 'options', command.options, 0);
    const total = commandCharacters(command);
    if (total > LIMITS.commandTotalCharacters) {
      reasons.push(`command holds ${total} characters, at most ${LIMITS.commandTotalCharacters} allowed`);
    }
  } else if (type === COMMAND_TYPES.user || type === COMMAND_TYPES.message) {
    checkString(reasons, 'name', command.name, { min: 1, max: LIMITS.commandName, required: true });
    if (lengthOf(command.description) > 0) reasons.push('a context menu command cannot have a description');
    if (command.options !== undefined) reasons.push('a context menu command cannot have options');
  } else if (type !== COMMAND_TYPES.primaryEntryPoint) {
    reasons.push(`type ${String(type)} is not an application command type`);
  }
  for (const key of ['integration_types', 'contexts'] as const) {
    const list = command[key];
    if (list === undefined || list === null) continue;
    const max = key === 'contexts' ? 2 : 1;
    if (!Array.isArray(list) || list.some((v) => typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max)) {
      reasons.push(`${key} must be a list of integers 0–${max}`);
    }
  }
  return reasons;
}

// ---------------------------------------------------------------- what the bot promises on top
//
// Discord accepts much that the bot must never send: a ping, text that hides or reorders what
// it shows, a link whose text names one site while it opens another, a private value. These
// checks say what a reply must not hold, written apart from the bot's code in src/replies
// (which removes all of it) so that a mistake shared by the two cannot pass both.

export interface ReplyCheckOptions {
  /** Private values (a phone number, an e-mail address) that no string of the reply may show, however spelled. */
  secrets?: readonly string[];
}

const EPHEMERAL = SENDABLE_FLAGS.ephemeral;
/** Embed urls (the title's link, author, image, thumbnail): the bot's own bound, as no Discord table gives one. */
const EMBED_URL_MAX = 2048;

/** Texts where Discord renders masked links: message content, embed descriptions, field values. */
const LINKS_RENDER = /^(?:content|embeds\[\d+\]\.(?:description|fields\[\d+\]\.value))$/;
/** Texts shown as written: titles, names, footers, labels, placeholders, option texts. */
const SHOWN_PLAIN = new RegExp(
  String.raw`^(?:embeds\[\d+\]\.(?:title|footer\.text|author\.name|fields\[\d+\]\.name)` +
    String.raw`|components\[\d+\]\.components\[\d+\]\.(?:label|placeholder|options\[\d+\]\.(?:label|description)))$`,
);
/** Strings used as they are, never shown: custom ids and option values. */
const USED_EXACTLY = /^components\[\d+\]\.components\[\d+\]\.(?:custom_id|options\[\d+\]\.value)$/;
const IS_URL = /(?:^|\.)(?:url|icon_url)$/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks a reply the bot is about to send: what Discord would refuse (checkMessagePayload, a
 * body required), then what the bot promises on top, which Discord does not enforce:
 * - `allowed_mentions` is `{ parse: [] }`, and ephemeral (64) is the only flag;
 * - no shown text is blank, holds a live mention or an invisible or bidi control character
 *   (but for the few places one hides nothing: see {@link hiddenCharacters});
 * - where masked links render, each opens a plainly written http(s) url and its text names no
 *   other site;
 * - no string holds a lone surrogate; ids, option values and urls hold no control character,
 *   urls no space or invisible character either, and are http(s) (embed urls at most 2048);
 * - emoji are single Unicode emoji; embeds show something; menus ask for no more defaults or
 *   fewer choices than they allow;
 * - with `secrets`, no string shows any of them (see {@link showsSecret}).
 */
export function checkReply(payload: unknown, options: ReplyCheckOptions = {}): string[] {
  const reasons = checkMessagePayload(payload, { requireBody: true });
  if (!isObject(payload)) return reasons;
  const secrets = (options.secrets ?? []).map(secretPattern).filter((pattern): pattern is SecretPattern => pattern !== undefined);

  const mentions = payload.allowed_mentions;
  if (isObject(mentions) && !Array.isArray(mentions.parse)) reasons.push('allowed_mentions must be { parse: [] }');
  const flags = payload.flags;
  if (typeof flags === 'number' && Number.isInteger(flags) && (flags & ~EPHEMERAL) !== 0) {
    reasons.push(`flags ${flags}: a reply carries no flag but ephemeral (${EPHEMERAL})`);
  }

  for (const [path, text] of stringsIn(payload, '')) {
    if (LONE_SURROGATE.test(text)) reasons.push(`${path} holds a lone surrogate`);
    const links = LINKS_RENDER.test(path);
    if (links || SHOWN_PLAIN.test(path)) {
      if (text.trim() === '') reasons.push(`${path} is blank`);
      const hidden = hiddenCharacters(text);
      if (hidden.length > 0) reasons.push(`${path} holds an invisible or bidi control character (${hidden.join(', ')})`);
      for (const mention of liveMentions(text)) reasons.push(`${path} holds a live mention: ${mention}`);
      if (links) for (const problem of maskedLinkProblems(text)) reasons.push(`${path}: ${problem}`);
    } else if (USED_EXACTLY.test(path)) {
      if (/\p{Cc}/u.test(text)) reasons.push(`${path} holds a control character`);
    } else if (IS_URL.test(path)) {
      reasons.push(...urlProblems(path, text));
    }
    if (secrets.some((secret) => showsSecret(text, secret))) reasons.push(`${path} shows a private value`);
  }

  for (const [i, embed] of (Array.isArray(payload.embeds) ? payload.embeds : []).entries()) {
    if (!isObject(embed)) continue;
    const fields = Array.isArray(embed.fields) ? embed.fields : [];
    if (
      embed.title === undefined &&
      embed.description === undefined &&
      fields.length === 0 &&
      embed.image === undefined &&
      embed.thumbnail === undefined
    ) {
      reasons.push(`embeds[${i}] shows nothing (no title, description, field, image or thumbnail)`);
    }
  }
  for (const [r, row] of (Array.isArray(payload.components) ? payload.components : []).entries()) {
    const children = isObject(row) && Array.isArray(row.components) ? row.components : [];
    for (const [c, child] of children.entries()) {
      if (!isObject(child)) continue;
      const at = `components[${r}].components[${c}]`;
      reasons.push(...emojiProblems(`${at}.emoji`, child.emoji));
      if (child.type !== STRING_SELECT) continue;
      const min = typeof child.min_values === 'number' ? child.min_values : 1;
      const max = typeof child.max_values === 'number' ? child.max_values : 1;
      if (min > max) reasons.push(`${at}: min_values (${min}) over max_values (${max})`);
      const choices = Array.isArray(child.options) ? child.options.filter(isObject) : [];
      const defaults = choices.filter((option) => option.default === true).length;
      if (defaults > max) reasons.push(`${at}: ${defaults} options chosen by default, over max_values (${max})`);
      choices.forEach((option, k) => reasons.push(...emojiProblems(`${at}.options[${k}].emoji`, option.emoji)));
    }
  }
  return reasons;
}

/** Every string in `value`, with its path ("embeds[0].fields[1].value"). */
function* stringsIn(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* stringsIn(item, `${path}[${i}]`);
  else if (isObject(value)) for (const [key, item] of Object.entries(value)) yield* stringsIn(item, path === '' ? key : `${path}.${key}`);
}

function urlProblems(path: string, url: string): string[] {
  const problems: string[] = [];
  if (/[\p{Cc}\p{Cf}\s]/u.test(url)) problems.push(`${path} holds a space, control or invisible character`);
  if (path.startsWith('embeds') && url.length > EMBED_URL_MAX)
    problems.push(`${path} must be at most ${EMBED_URL_MAX} characters (got ${url.length})`);
  let web = false;
  try {
    const parsed = new URL(url);
    web = (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    // not a url at all: Discord's own check names it
  }
  if (!web) problems.push(`${path} is not an http(s) url`);
  return problems;
}

const ONE_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');

function emojiProblems(path: string, emoji: unknown): string[] {
  if (emoji === undefined) return [];
  if (!isObject(emoji) || typeof emoji.name !== 'string' || !ONE_EMOJI.test(emoji.name)) return [`${path} is not one Unicode emoji`];
  return emoji.id === undefined ? [] : [`${path} has an id: the bot uses no custom emoji`];
}

// ---------------------------------------------------------------- hidden characters

const ZWSP = '\u200B';
const ZWNJ = '\u200C';
const ZWJ = '\u200D';
/** Characters that show nothing yet may hide, join or reorder what is around them. */
const HIDING = /[\p{Bidi_Control}\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/u;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
/** What may sit between a pictograph and the ZWJ that joins it to the next: a variation selector or a skin tone. */
const EMOJI_TAIL = /^(?:\uFE0F|[\u{1F3FB}-\u{1F3FF}])$/u;

/**
 * The invisible and bidi control characters of `text` ("U+202E"), but for those that hide
 * nothing: a zero-width space that is the whole text (an empty field), follows "@" or "<"
 * (a mention broken on purpose) or stands between two backticks (a code fence broken on
 * purpose); a ZWJ inside an emoji sequence; a ZWNJ between two letters (Persian and Indic
 * scripts need it there).
 */
function hiddenCharacters(text: string): string[] {
  if (text === ZWSP || !HIDING.test(text)) return [];
  const chars = Array.from(text);
  const found = new Set<string>();
  chars.forEach((char, i) => {
    if (!HIDING.test(char)) return;
    const before = chars[i - 1] ?? '';
    const after = chars[i + 1] ?? '';
    if (char === ZWSP && (before === '@' || before === '<' || (before === '`' && after === '`'))) return;
    if (char === ZWNJ && LETTER_OR_MARK.test(before) && LETTER_OR_MARK.test(after)) return;
    const emojiBefore = PICTOGRAPH.test(before) || (EMOJI_TAIL.test(before) && PICTOGRAPH.test(chars[i - 2] ?? ''));
    if (char === ZWJ && emojiBefore && PICTOGRAPH.test(after)) return;
    found.add(`U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`);
  });
  return [...found];
}

// ---------------------------------------------------------------- mentions

/**
 * Discord's mention syntax, as its message formatting reference lists it: @everyone, @here,
 * users (<@id>, <@!id>), roles (<@&id>), channels (<#id>), slash commands (</name:id>, with up
 * to two words of subcommand), custom emoji (<:name:id>, <a:name:id>), timestamps (<t:seconds>,
 * <t:seconds:style>) and guild navigation (<id:customize>).
 */
const MENTION =
  /@(?:everyone|here)|<(?:@[!&]?\d+|#\d+|\/[-_\p{L}\p{N}]+(?: [-_\p{L}\p{N}]+){0,2}:\d+|a?:\w+:\d+|t:-?\d+(?::[tTdDfFR])?|id:[\w-]+(?::\d+)?)>/giu;

/** The mentions in `text` that Discord would render (and, allowed to, ping with). */
function liveMentions(text: string): string[] {
  return text.match(MENTION) ?? [];
}

// ---------------------------------------------------------------- masked links
//
// Discord reads masked links with simple-markdown's link rule: "[", link text, "](", a target,
// ")". Link text is any run of: a character that is no bracket; a "[" and all up to the next
// "]"; a "]" when another "]" comes before any "[". The target holds no space or unescaped
// backslash (but may be wrapped in <…> and followed by a quoted title).

/** True when the character at `at` is escaped by an odd number of backslashes before it. */
function isEscaped(text: string, at: number): boolean {
  let slashes = 0;
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

/** For each index, the index of the first `char` at or after it (the text's length when none). */
function nextIndexes(text: string, char: string): Int32Array {
  const next = new Int32Array(text.length + 1).fill(text.length);
  for (let i = text.length - 1; i >= 0; i--) next[i] = text[i] === char ? i : (next[i + 1] as number);
  return next;
}

/** Every "]" followed by "(" that can end link text opened by the "[" at `open`. */
function linkTextEnds(text: string, open: number, nextOpen: Int32Array, nextClose: Int32Array): number[] {
  const ends: number[] = [];
  for (let i = open + 1; i < text.length;) {
    if (text[i] === '[') {
      i = (nextClose[i + 1] as number) + 1;
    } else if (text[i] === ']') {
      if (text[i + 1] === '(') ends.push(i);
      if ((nextClose[i + 1] as number) === text.length || (nextOpen[i + 1] as number) < (nextClose[i + 1] as number)) break;
      i++;
    } else {
      i++;
    }
  }
  return ends;
}

/** A target as Discord may read one, up to the first ")": no space in it, a title perhaps after it. */
const READABLE_TARGET = /^\s*<?(?:[^\s\\]|\\.)*?>?(?:\s+["'][\s\S]*?["'])?\s*$/;
/** A target written plainly: no brackets, spaces, quotes or backslashes. */
const PLAIN_TARGET = /^\s*<?([^\s<>()\\"']+)>?\s*$/;

/**
 * Every masked link ("[text](target)") of `text` that must not render as one, said why: its
 * target is not a plainly written url (brackets, quotes or backslashes in it let its host be
 * read more than one way), is not http(s), or its text names a site other than the one it
 * opens. Every "](" that can end link text is looked at, not only the one Discord picks.
 */
function maskedLinkProblems(text: string): string[] {
  if (!text.includes('](')) return [];
  const problems: string[] = [];
  const nextOpen = nextIndexes(text, '[');
  const nextClose = nextIndexes(text, ']');
  for (let open = nextOpen[0] as number; open < text.length; open = nextOpen[open + 1] as number) {
    if (isEscaped(text, open)) continue;
    for (const close of linkTextEnds(text, open, nextOpen, nextClose)) {
      const end = text.indexOf(')', close + 2);
      const inside = end < 0 ? '' : text.slice(close + 2, end);
      if (end < 0 || !READABLE_TARGET.test(inside)) continue;
      const label = text.slice(open + 1, close);
      const shown = `[${label}](${inside})`;
      const plain = PLAIN_TARGET.exec(inside);
      if (!plain) {
        problems.push(`masked link ${shown} has a target that is not a plain url`);
        continue;
      }
      const target = hostOf(plain[1] as string);
      if (target === undefined) {
        problems.push(`masked link ${shown} opens no http(s) page`);
        continue;
      }
      const other = sitesNamed(label).find((site) => !sameSite(site, target));
      if (other !== undefined) problems.push(`masked link ${shown} names ${other} but opens ${target}`);
    }
  }
  return problems;
}

/** The host an http(s) url opens, as a browser reads it (IDNA, lower case, no "www."); undefined for any other url. */
function hostOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return canonical(parsed.hostname);
  } catch {
    return undefined;
  }
}

function canonical(host: string): string | undefined {
  try {
    const name = new URL(`http://${host}/`).hostname.replace(/\.$/, '').replace(/^www\./, '');
    return name === '' ? undefined : name;
  } catch {
    return undefined;
  }
}

const sameSite = (a: string, b: string): boolean => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

/**
 * The sites a link text names, read as a person reads it (escapes and emphasis marks gone,
 * compatibility forms folded): the host of each url in it, and any domain in a url's user
 * part ("https://github.com@evil.example"); then each domain left ("github.com", the domain
 * of "me@evil.example"), a path after it being no name. A name that is no valid host is kept as written, so it
 * never passes for the target.
 */
function sitesNamed(label: string): string[] {
  const read = label
    .replace(/\\(.)/gsu, '$1')
    .replace(/[*_~`|]/g, '')
    .normalize('NFKC')
    .replace(/\u3002/g, '.')
    .toLowerCase();
  const sites: string[] = [];
  const rest = read.replace(/[a-z][a-z\d+.-]*:\/\/\S*/g, (url) => {
    try {
      const parsed = new URL(url);
      sites.push(parsed.hostname, ...[parsed.username, parsed.password].filter((part) => part.includes('.')));
    } catch {
      sites.push(url);
    }
    return ' ';
  });
  // A domain, with the port and path after it if any ("github.io/files/cv.pdf" names github.io, not cv.pdf).
  for (const match of rest.matchAll(/((?:[\p{L}\p{N}-]+\.)+\p{L}{2,})(?![\p{L}\p{N}-])(?::\d+)?(?:[/?#]\S*)?/gu))
    sites.push(match[1] as string);
  return sites.map((site) => canonical(decodeURIComponentSafe(site)) ?? site);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------- secrets

interface SecretPattern {
  /** Phone numbers are found by their digits (letters end a run of them); other secrets by their letters and digits. */
  digitsOnly: boolean;
  needle: string;
}

/** Fewer letters and digits than this cannot be looked for: they are in every other word. */
const SHORTEST_SECRET = 3;
/** A phone number shows once this many of its last digits do. */
const PHONE_TAIL = 8;

function secretPattern(secret: string): SecretPattern | undefined {
  const digits = secret.replace(/\D/g, '');
  if (/^[\d\s+\-().]+$/.test(secret) && digits.length >= 7) return { digitsOnly: true, needle: digits.slice(-PHONE_TAIL) };
  const needle = skeleton(secret, false);
  return needle.length >= SHORTEST_SECRET ? { digitsOnly: false, needle } : undefined;
}

/**
 * True when `text` shows the secret in any spelling: read after NFKC (fullwidth, circled and
 * mathematical digits become ASCII), every decimal digit of any script as its value, case
 * folded, everything but letters and digits dropped; a phone number shows when its last eight
 * digits do within one run of digits (a letter ends a run, anything else does not).
 */
function showsSecret(text: string, pattern: SecretPattern): boolean {
  return skeleton(text, pattern.digitsOnly).includes(pattern.needle);
}

/** Letters (lower case) and digits of `text`, or with `digitsOnly` its digits with "|" for each letter. */
function skeleton(text: string, digitsOnly: boolean): string {
  let out = '';
  for (const char of text.normalize('NFKC')) {
    const digit = digitValue(char);
    if (digit !== undefined) out += digit;
    else if (/[\p{L}\p{N}]/u.test(char)) out += digitsOnly ? '|' : char.toLowerCase();
  }
  return out;
}

/** The value of each decimal digit beyond ASCII: Unicode encodes every set of them as a run 0 to 9. */
let digitValues: Map<string, string> | undefined;

function digitValue(char: string): string | undefined {
  if (char >= '0' && char <= '9') return char;
  if (!/\p{Nd}/u.test(char)) return undefined;
  if (!digitValues) {
    digitValues = new Map();
    let run = 0;
    for (let code = 0x80; code <= 0x1ffff; code++) {
      const each = String.fromCodePoint(code);
      if (/\p{Nd}/u.test(each)) digitValues.set(each, String(run++ % 10));
      else run = 0;
    }
  }
  return digitValues.get(char);
}
