// Shared pieces of every card: colours, link buttons, footers. Cards are plain
// APIEmbed data; fitReply enforces the limits afterwards.
import { ButtonStyle, ComponentType, type APIEmbed, type APIEmbedField } from 'discord-api-types/v10';
import type { Profile } from '../../profile/schema.js';
import { LIMITS } from '../fit.js';
import type { LinkButton, ReplyRow } from '../types.js';

export const COLOURS = {
  brand: 0x5865f2,
  about: 0x5865f2,
  experience: 0xeb459e,
  education: 0x9b59b6,
  research: 0x1abc9c,
  learning: 0xf1c40f,
  blogs: 0xe67e22,
  skills: 0x3498db,
  contact: 0x95a5a6,
  notice: 0x99aab5,
  /** Projects, by category position in the profile. */
  categories: [0x5865f2, 0x57f287, 0xfee75c, 0xed4245, 0x1abc9c, 0xe67e22],
} as const;

export function categoryColour(profile: Profile, categoryId: string): number {
  const index = profile.categories.findIndex((category) => category.id === categoryId);
  return COLOURS.categories[Math.max(0, index) % COLOURS.categories.length] ?? COLOURS.brand;
}

export function linkButton(label: string, url: string, emoji?: string): LinkButton {
  return { type: ComponentType.Button, style: ButtonStyle.Link, label, url, ...(emoji ? { emoji: { name: emoji } } : {}) };
}

/** Link buttons in rows of five (at most `maxRows` rows). */
export function linkRows(buttons: LinkButton[], maxRows: number): ReplyRow[] {
  const rows: ReplyRow[] = [];
  for (let i = 0; i < buttons.length && rows.length < maxRows; i += LIMITS.buttonsPerRow)
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  return rows;
}

export function footer(text: string): NonNullable<APIEmbed['footer']> {
  return { text };
}

export function field(name: string, value: string, inline = false): APIEmbedField {
  return { name, value, inline };
}

export function bullets(items: readonly string[]): string {
  return items.map((item) => `• ${item}`).join('\n');
}

/** "Feb 2019 – Jan 2020" from "2019-02" and "2020-01"; an open end reads "present". */
/** "Feb 2019 – Jan 2020" on a card; written out ("February 2019 – January 2020") where a sentence quotes it. */
export function formatMonthRange(start: string, end?: string, style: 'short' | 'long' = 'short'): string {
  return `${formatMonth(start, style)} – ${end ? formatMonth(end, style) : 'present'}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export function formatMonth(yearMonth: string, style: 'short' | 'long' = 'short'): string {
  const [year, month] = yearMonth.split('-');
  return `${(style === 'long' ? MONTH_NAMES : MONTHS)[Number(month) - 1] ?? ''} ${year ?? ''}`.trim();
}

/** The person's name as a card author line, linking to their first public link. */
export function author(profile: Profile): NonNullable<APIEmbed['author']> {
  const home = profile.identity.links.find((link) => link.kind === 'github' || link.kind === 'website');
  return { name: profile.identity.name, ...(home ? { url: home.url } : {}) };
}
