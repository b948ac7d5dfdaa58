// A Discord message payload rendered for a terminal: title and link, fields,
// link buttons as labelled links, and the pager and menus as words to type.
// Each URL is printed once; lines are folded at word boundaries to the width;
// colour only on a TTY. What only Discord has (who can see a reply, the Share
// button) is left out.
import { ComponentType, type APIEmbed, type APISelectMenuOption } from 'discord-api-types/v10';
import { ZWSP } from '../characters.js';
import { decodeCustomId, type ReplyPayload } from '../replies/index.js';
import { wrapText } from './wrap.js';

export interface RenderOptions {
  colour?: boolean;
  /** Fold lines at word boundaries to this many columns; without it, lines are left as they are. */
  width?: number;
  /** Say how to use the pager and menus (the chat); `ask` answers once, so it leaves them out. */
  controls?: boolean;
  /** The menu (its custom_id) a choice was just made from: printed above, so only named here. */
  chosenFrom?: string;
}

/** A word the person can type in the chat, and what it presses. */
export interface TerminalAction {
  /** "next", "prev", "back", or a menu choice's number. */
  trigger: string;
  customId: string;
  values: string[];
}

/** The pager words and the menu of one reply. */
export interface TerminalControls {
  actions: TerminalAction[];
  /** Pager words in the order they are offered, with what each leads to ("page 2"). */
  words: { trigger: 'next' | 'prev' | 'back'; leadsTo: string }[];
  menu?: { customId: string; purpose: string; labels: string[] };
}

/** Columns to fold at: the terminal's, or 80 when output is piped or its width unknown. */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number }): number {
  return stream.isTTY && stream.columns && stream.columns > 0 ? stream.columns : 80;
}

const ANSI = { bold: '\x1b[1m', dim: '\x1b[2m', cyan: '\x1b[36m', reset: '\x1b[0m' };
type Paint = (code: keyof typeof ANSI, text: string) => string;

export function renderPayload(payload: ReplyPayload, options: RenderOptions = {}): string {
  const colour = options.colour ?? false;
  const fold = (text: string) => (options.width ? wrapText(text, options.width) : text);
  const paint: Paint = (code, text) => (colour ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const shown = new Set<string>();
  const md = (text: string) => renderMarkdown(text, colour, shown);
  const out: string[] = [];
  if (payload.content) out.push(md(payload.content));
  for (const embed of payload.embeds ?? []) out.push(renderEmbed(embed, paint, md, shown));
  // A URL the text already shows (a title's link, a contact line) is not repeated as a button.
  for (const block of out) for (const [url] of block.matchAll(URL_IN_TEXT)) shown.add(url);
  const links: string[] = [];
  for (const row of payload.components ?? []) {
    for (const component of row.components) {
      if (component.type === ComponentType.Button && 'url' in component && component.url && !shown.has(component.url)) {
        shown.add(component.url);
        links.push(`[${component.label ?? 'Link'}] ${component.url}`);
      }
    }
  }
  const blocks = out.map(fold);
  // "[Label] URL" lines are never folded: a label stays beside its link, however long.
  if (links.length > 0) blocks.push(links.join('\n'));
  if (options.controls) {
    const legend = describeControls(readControls(payload), options.chosenFrom);
    if (legend) blocks.push(fold(legend));
  }
  return blocks.join('\n\n');
}

// eslint-disable-next-line no-control-regex -- a URL ends where a colour code starts
const URL_IN_TEXT = /(?:https?:\/\/|mailto:)[^\s)>\]\x1b]+/g;

function renderEmbed(embed: APIEmbed, paint: Paint, md: (text: string) => string, shown: Set<string>): string {
  const lines: string[] = [];
  const title = embed.title ? md(embed.title) : '';
  // The card's person, unless the title already names them ("Akash Palrecha — projects").
  if (embed.author?.name && !title.includes(embed.author.name)) lines.push(paint('dim', embed.author.name));
  if (title) {
    const url = embed.url && !shown.has(embed.url) ? embed.url : undefined;
    if (url) shown.add(url);
    lines.push(paint('bold', paint('cyan', title)) + (url ? `  ${paint('dim', url)}` : ''));
  }
  if (embed.description) lines.push(md(embed.description));
  for (const field of embed.fields ?? []) {
    const name = md(field.name).trim();
    const value = md(field.value);
    lines.push(name ? `${paint('bold', name)}\n${indent(value)}` : value);
  }
  if (embed.image?.url && !shown.has(embed.image.url)) {
    shown.add(embed.image.url);
    lines.push(`[image] ${embed.image.url}`);
  }
  if (embed.footer?.text) lines.push(paint('dim', `— ${embed.footer.text}`));
  return lines.join('\n');
}

/** The words a reply's pager buttons and menu answer to in the chat. */
export function readControls(payload: ReplyPayload): TerminalControls {
  const controls: TerminalControls = { actions: [], words: [] };
  const word = (trigger: 'next' | 'prev' | 'back', customId: string, leadsTo: string) => {
    if (controls.actions.some((action) => action.trigger === trigger)) return;
    controls.actions.push({ trigger, customId, values: [] });
    controls.words.push({ trigger, leadsTo });
  };
  for (const row of payload.components ?? []) {
    for (const component of row.components) {
      if (component.type === ComponentType.Button && 'custom_id' in component && !component.disabled) {
        const state = decodeCustomId(component.custom_id);
        // Only buttons that turn to a page of a list: a Share button means nothing in a terminal.
        if (state?.action !== 'page') continue;
        const page = `page ${(state.page ?? 0) + 1}`;
        const label = component.label ?? '';
        if (/^next/i.test(label)) word('next', component.custom_id, page);
        else if (/^prev/i.test(label)) word('prev', component.custom_id, page);
        else word('back', component.custom_id, state.key ? 'all the matches' : 'the list');
      }
      if (component.type === ComponentType.StringSelect && !controls.menu) {
        const options: APISelectMenuOption[] = component.options;
        options.forEach((option, index) =>
          controls.actions.push({ trigger: String(index + 1), customId: component.custom_id, values: [option.value] }),
        );
        controls.menu = {
          customId: component.custom_id,
          purpose: menuPurpose(component.placeholder),
          labels: options.map((option) => option.label),
        };
      }
    }
  }
  return controls;
}

/** "Open another project…" → "open another project". */
function menuPurpose(placeholder: string | undefined): string {
  const text = (placeholder ?? '').replace(/(?:\u2026|\.{3})$/, '').trim();
  return text ? text.charAt(0).toLowerCase() + text.slice(1) : 'choose one';
}

const WORD_ORDER = ['next', 'prev', 'back'];

/**
 * "Type next for page 2, or a number to open a project:" and the numbered
 * choices; a menu chosen from just now is only named ("1–10 to open another project").
 */
export function describeControls(controls: TerminalControls, chosenFrom?: string): string {
  const { menu } = controls;
  const listMenu = menu !== undefined && menu.customId !== chosenFrom;
  const parts = [...controls.words]
    .sort((a, b) => WORD_ORDER.indexOf(a.trigger) - WORD_ORDER.indexOf(b.trigger))
    .map(({ trigger, leadsTo }) => `${trigger} for ${leadsTo}`);
  if (menu) parts.push(`${listMenu ? 'a number' : numberRange(menu.labels.length)} to ${menu.purpose}`);
  if (parts.length === 0) return '';
  const sentence = `Type ${joinOr(parts)}${listMenu ? ':' : '.'}`;
  if (!listMenu) return sentence;
  const width = String(menu.labels.length).length;
  return [sentence, ...menu.labels.map((label, index) => `  ${String(index + 1).padStart(width)}  ${label}`)].join('\n');
}

function numberRange(count: number): string {
  return count === 1 ? '1' : `1–${count}`;
}

function joinOr(parts: readonly string[]): string {
  return parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')}, or ${parts.at(-1)}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n');
}

/** "github.com/x" for "https://github.com/x": a link whose text is its own address. */
function withoutScheme(url: string): string {
  return url.replace(/^(?:https?:\/\/|mailto:)/, '');
}

/**
 * Discord markdown made readable: a link as "text (url)" the first time its URL
 * appears in `shown` (then recorded there), as its text after that, and as the
 * bare URL when the text is the address itself; emphasis as bold or plain;
 * escapes removed.
 */
export function renderMarkdown(text: string, colour: boolean, shown: Set<string>): string {
  return text
    .replace(/```[a-z]*\n?([\s\S]*?)```/g, (_, code: string) => code.replace(/\n$/, ''))
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+|mailto:[^)\s]+)\)/g, (_, label: string, url: string) => {
      if (shown.has(url)) return label;
      shown.add(url);
      const plain = label.replace(/\\(.)/g, '$1');
      if (plain === url || plain.replace(/\/$/, '') === withoutScheme(url).replace(/\/$/, ''))
        return url.startsWith('mailto:') ? label : url;
      return `${label} (${url})`;
    })
    .replace(/\*\*([^*]+)\*\*/g, (_, inner: string) => (colour ? `${ANSI.bold}${inner}${ANSI.reset}` : inner))
    .replace(/(^|[^\\])\*([^*\n]+)\*/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\\([\\*_~`|>#[\]()\-:.!])/g, '$1')
    .replaceAll(ZWSP, '');
}
