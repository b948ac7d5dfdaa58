// A Discord message payload rendered for a terminal: title and link, fields,
// buttons as labelled links, menus as numbered choices. Colour only on a TTY.
import type { APIEmbed } from 'discord-api-types/v10';
import type { ReplyPayload } from '../replies/index.js';

export interface RenderOptions {
  colour?: boolean;
  width?: number;
}

export interface TerminalAction {
  /** What the person types: "next", "prev", or a number for a menu choice. */
  trigger: string;
  customId: string;
  values: string[];
  label: string;
}

const ANSI = { bold: '\x1b[1m', dim: '\x1b[2m', cyan: '\x1b[36m', reset: '\x1b[0m' };

export function renderPayload(payload: ReplyPayload, options: RenderOptions = {}): string {
  const paint = (code: keyof typeof ANSI, text: string) => (options.colour ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const md = (text: string) => renderMarkdown(text, options.colour ?? false);
  const out: string[] = [];
  if (payload.content) out.push(md(payload.content));
  for (const embed of payload.embeds ?? []) out.push(renderEmbed(embed, paint, md));
  const links: string[] = [];
  for (const row of payload.components ?? []) {
    for (const component of row.components) {
      if (component.type === 2 && 'url' in component && component.url) links.push(`[${component.label ?? 'Link'}] ${component.url}`);
    }
  }
  if (links.length > 0) out.push(links.join('\n'));
  const actions = collectActions(payload);
  if (actions.length > 0) {
    out.push(paint('dim', actions.map((action) => `  ${action.trigger.padEnd(4)} ${action.label}`).join('\n')));
  }
  if ((payload.flags ?? 0) & 64) out.push(paint('dim', '(only you can see this)'));
  return out.join('\n\n');
}

function renderEmbed(embed: APIEmbed, paint: (code: keyof typeof ANSI, text: string) => string, md: (text: string) => string): string {
  const lines: string[] = [];
  if (embed.author?.name) lines.push(paint('dim', embed.author.name));
  if (embed.title) lines.push(paint('bold', paint('cyan', md(embed.title))) + (embed.url ? `  ${paint('dim', embed.url)}` : ''));
  if (embed.description) lines.push(md(embed.description));
  for (const field of embed.fields ?? []) {
    const name = md(field.name).trim();
    const value = md(field.value);
    lines.push(name && name !== '\u200b' ? `${paint('bold', name)}\n${indent(value)}` : value);
  }
  if (embed.image?.url) lines.push(`[image] ${embed.image.url}`);
  if (embed.footer?.text) lines.push(paint('dim', `— ${embed.footer.text}`));
  return lines.join('\n');
}

/** Buttons and menus a terminal can still use: pager buttons and select options. */
export function collectActions(payload: ReplyPayload): TerminalAction[] {
  const actions: TerminalAction[] = [];
  for (const row of payload.components ?? []) {
    for (const component of row.components) {
      if (component.type === 2 && 'custom_id' in component && !component.disabled) {
        const label = component.label ?? '';
        if (/^next/i.test(label)) actions.push({ trigger: 'next', customId: component.custom_id, values: [], label: 'next page' });
        else if (/^prev/i.test(label)) actions.push({ trigger: 'prev', customId: component.custom_id, values: [], label: 'previous page' });
      }
      if (component.type === 3) {
        component.options.forEach((option, index) =>
          actions.push({ trigger: String(index + 1), customId: component.custom_id, values: [option.value], label: `open ${option.label}` }),
        );
      }
    }
  }
  return actions;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** Discord markdown made readable: links as "text (url)", emphasis as bold or plain, escapes removed. */
export function renderMarkdown(text: string, colour: boolean): string {
  return text
    .replace(/```[a-z]*\n?([\s\S]*?)```/g, (_, code: string) => code.replace(/\n$/, ''))
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+|mailto:[^)\s]+)\)/g, (_, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/\*\*([^*]+)\*\*/g, (_, inner: string) => (colour ? `${ANSI.bold}${inner}${ANSI.reset}` : inner))
    .replace(/(^|[^\\])\*([^*\n]+)\*/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\\([\\*_~`|>#[\]()\-:.!])/g, '$1')
    .replace(/\u200b/g, '');
}
