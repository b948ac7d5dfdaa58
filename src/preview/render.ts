// A reply payload as HTML that looks as Discord shows it: the message's text,
// each embed (colour bar, author, linked title, description, fields with the
// inline ones in columns, image, thumbnail, footer), and the component rows
// (grey buttons, link buttons, select menus). Every text is escaped here: a
// profile is hostile input, and the page inserts this HTML as it is. Links
// become anchors only when they are http(s) or mailto.
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { ReplyEmbed, ReplyPayload, ReplyRow } from '../replies/index.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or a quoted attribute value: nothing in it can open a tag or leave the attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** An href the page may carry: http(s) or mailto, else none. */
export function safeHref(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function anchor(url: string | undefined, html: string, className = ''): string {
  const href = safeHref(url);
  const cls = className ? ` class="${className}"` : '';
  return href ? `<a${cls} href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${html}</a>` : `<span${cls}>${html}</span>`;
}

// ── Discord's markdown, the part the cards use ───────────────────────────────

/** Code blocks, then inline code, then links and emphasis: each piece escaped before any tag is put around it. */
export function markdown(text: string): string {
  return text
    .split(/(```[\s\S]*?```)/g)
    .map((part, index) => (index % 2 === 1 ? codeBlock(part) : inlineCode(part)))
    .join('');
}

function codeBlock(part: string): string {
  const body = part.slice(3, -3).replace(/^[a-z0-9+#-]{1,20}\n/, '');
  return `<pre class="codeblock"><code>${escapeHtml(body.replace(/^\n|\n$/g, ''))}</code></pre>`;
}

function inlineCode(text: string): string {
  return text
    .split(/(`[^`\n]+`)/g)
    .map((part, index) => (index % 2 === 1 ? `<code>${escapeHtml(part.slice(1, -1))}</code>` : links(part)))
    .join('');
}

/** Masked links `[text](url)` and bare urls (Discord's `<url>` too); the rest is text with emphasis. */
const LINK = /\[([^[\]\n]+)\]\(<?(https?:\/\/[^\s()<>]+|mailto:[^\s()<>]+)>?\)|<?(https?:\/\/[^\s<>]*[^\s<>.,;:!?)'"])>?/g;

function links(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    html += lines(text.slice(last, match.index));
    const url = match[2] ?? match[3]!;
    html += anchor(url, emphasis(escapeText(match[1] ?? url)));
    last = match.index + match[0].length;
  }
  return html + lines(text.slice(last));
}

function lines(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const quote = /^> (.*)$/.exec(line);
      if (quote) return `<span class="quote">${emphasis(escapeText(quote[1]!))}</span>`;
      const subtext = /^-# (.*)$/.exec(line);
      if (subtext) return `<span class="subtext">${emphasis(escapeText(subtext[1]!))}</span>`;
      return emphasis(escapeText(line));
    })
    .join('<br>');
}

/** Escaped text, with Discord's backslash escapes (`\*`) turned into the character they stand for, as an entity emphasis ignores. */
function escapeText(text: string): string {
  return escapeHtml(text).replace(/\\([*_~`|[\]()#>\\-])/g, (_, ch: string) => `&#${ch.charCodeAt(0)};`);
}

/** Bold, underline, italics, strike-through and spoilers, on text that is already escaped (so it holds no tag). */
function emphasis(html: string): string {
  return html
    .replace(/\*\*(?=\S)([^]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/__(?=\S)([^]*?\S)__/g, '<u>$1</u>')
    .replace(/\*(?=\S)([^*]*?\S)\*/g, '<em>$1</em>')
    .replace(/(^|[^\p{L}\p{N}])_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}])/gu, '$1<em>$2</em>')
    .replace(/~~(?=\S)([^]*?\S)~~/g, '<s>$1</s>')
    .replace(/\|\|([^]+?)\|\|/g, '<span class="spoiler">$1</span>');
}

// ── embeds and components ────────────────────────────────────────────────────

function colour(value: number | undefined): string {
  return `#${(value ?? 0x1e1f22).toString(16).padStart(6, '0').slice(-6)}`;
}

/** Fields in rows as Discord lays them out: up to three inline fields side by side, any other field on its own. */
function fieldRows(fields: NonNullable<ReplyEmbed['fields']>): string {
  const rows: (typeof fields)[] = [];
  for (const field of fields) {
    const row = rows.at(-1);
    if (field.inline && row && row.length < 3 && row.every((each) => each.inline)) row.push(field);
    else rows.push([field]);
  }
  return rows
    .map(
      (row) =>
        `<div class="fields cols-${row.length}">${row
          .map(
            (field) =>
              `<div class="field"><div class="field-name">${markdown(field.name)}</div>` +
              `<div class="field-value">${markdown(field.value)}</div></div>`,
          )
          .join('')}</div>`,
    )
    .join('');
}

function image(url: string | undefined, className: string): string {
  const href = safeHref(url);
  return href && !href.startsWith('mailto:')
    ? `<img class="${className}" src="${escapeHtml(href)}" alt="" loading="lazy" referrerpolicy="no-referrer">`
    : '';
}

export function renderEmbed(embed: ReplyEmbed): string {
  const parts = [
    embed.author ? `<div class="embed-author">${anchor(embed.author.url, escapeHtml(embed.author.name))}</div>` : '',
    embed.title ? `<div class="embed-title">${embed.url ? anchor(embed.url, markdown(embed.title)) : markdown(embed.title)}</div>` : '',
    embed.description ? `<div class="embed-description">${markdown(embed.description)}</div>` : '',
    embed.fields?.length ? fieldRows(embed.fields) : '',
    image(embed.image?.url, 'embed-image'),
  ].join('');
  const footer = embed.footer ? `<div class="embed-footer">${escapeHtml(embed.footer.text)}</div>` : '';
  return (
    `<div class="embed" data-color="${colour(embed.color)}"><div class="embed-grid"><div class="embed-main">${parts}</div>` +
    `${image(embed.thumbnail?.url, 'embed-thumbnail')}</div>${footer}</div>`
  );
}

function emojiLabel(emoji: { name: string } | undefined, label: string | undefined): string {
  return `${emoji ? `<span class="emoji">${escapeHtml(emoji.name)}</span>` : ''}${label ? `<span class="label">${escapeHtml(label)}</span>` : ''}`;
}

export function renderRow(row: ReplyRow): string {
  const items = row.components.map((component) => {
    if (component.type === ComponentType.StringSelect) {
      const options = component.options
        .map(
          (option) =>
            `<button type="button" class="option" data-value="${escapeHtml(option.value)}">${emojiLabel(option.emoji, option.label)}` +
            `${option.description ? `<span class="description">${escapeHtml(option.description)}</span>` : ''}</button>`,
        )
        .join('');
      return (
        `<details class="select" data-custom-id="${escapeHtml(component.custom_id)}">` +
        `<summary>${escapeHtml(component.placeholder ?? 'Make a selection')}</summary><div class="options">${options}</div></details>`
      );
    }
    if (component.style === ButtonStyle.Link) {
      return anchor(
        component.url,
        `${emojiLabel(component.emoji, component.label)}<span class="external" aria-hidden="true">↗</span>`,
        'button link',
      );
    }
    return (
      `<button type="button" class="button secondary" data-custom-id="${escapeHtml(component.custom_id)}"` +
      `${component.disabled ? ' disabled' : ''}>${emojiLabel(component.emoji, component.label)}</button>`
    );
  });
  return `<div class="row">${items.join('')}</div>`;
}

export interface MessageHead {
  /** The bot's name as the message shows it. */
  bot: string;
  /** What was typed or pressed, shown above the reply as Discord shows "used /projects". */
  invocation?: string;
}

/** One bot message: its head, text, embeds, components, and the line private answers carry. */
export function renderMessage(payload: ReplyPayload, head: MessageHead): string {
  const invocation = head.invocation ? `<div class="invocation">${escapeHtml(head.invocation)}</div>` : '';
  const initial = escapeHtml([...head.bot.trim()][0]?.toUpperCase() ?? '?');
  const ephemeral = payload.flags === 64 ? '<div class="ephemeral">👁 Only you can see this · Dismiss message</div>' : '';
  return (
    `<article class="message">${invocation}<div class="message-grid">` +
    `<div class="avatar" aria-hidden="true">${initial}</div><div class="message-body">` +
    `<div class="message-head"><span class="bot-name">${escapeHtml(head.bot)}</span><span class="app-tag">APP</span></div>` +
    `${payload.content ? `<div class="content">${markdown(payload.content)}</div>` : ''}` +
    `${(payload.embeds ?? []).map(renderEmbed).join('')}` +
    `${payload.components?.length ? `<div class="components">${payload.components.map(renderRow).join('')}</div>` : ''}` +
    `${ephemeral}</div></div></article>`
  );
}

/** The validator's problems, each `file:line:col: path: message`, in place of the cards. */
export function renderProblems(problems: readonly string[]): string {
  const items = problems.map((line) => {
    const located = /^(.+?:\d+:\d+): (.*)$/.exec(line);
    return located
      ? `<li><span class="where">${escapeHtml(located[1]!)}</span>: ${escapeHtml(located[2]!)}</li>`
      : `<li>${escapeHtml(line)}</li>`;
  });
  return (
    `<section class="problems" role="alert"><h2>The profile does not validate: fix it and save; this page reloads.</h2>` +
    `<ul>${items.join('')}</ul></section>`
  );
}
