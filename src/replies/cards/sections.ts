// Small pieces shared by the section cards (/about, /experience, /research,
// /learning, /blogs, /skills, /search, /help): markdown links that cannot be
// broken by the text or url they carry, and lists cut to a budget at a line
// boundary rather than in the middle of a link.
import type { Profile, Section } from '../../profile/schema.js';

export function isWebUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\/\S+$/i.test(url);
}

/**
 * `[text](url)` for an http(s) url, otherwise the text alone. Brackets in the
 * text are escaped and parentheses in the url encoded, so the link stays whole.
 */
export function mdLink(text: string, url: string | null | undefined): string {
  const label = text.replace(/[[\]]/g, (ch) => `\\${ch}`);
  if (!isWebUrl(url)) return label;
  const target = url.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return `[${label}](${target})`;
}

/**
 * Joins whole items, in order, while the result stays within `max` characters;
 * from the first item that does not fit on, the rest are left out and counted
 * by `more(count)`, for which room is kept. Nothing is cut through a link.
 */
export function joinWithin(
  items: readonly string[],
  max: number,
  separator = '\n',
  more: (left: number) => string = (left) => `…and ${left} more`,
): string {
  const all = items.join(separator);
  if (all.length <= max) return all;
  const kept: string[] = [];
  let length = 0;
  let index = 0;
  for (; index < items.length; index++) {
    const item = items[index] as string;
    const next = length + (kept.length > 0 ? separator.length : 0) + item.length;
    const tail = separator.length + more(items.length - index - 1).length;
    if (next + (index < items.length - 1 ? tail : 0) > max) break;
    kept.push(item);
    length = next;
  }
  const left = items.length - kept.length;
  if (left === 0) return kept.join(separator);
  const note = more(left);
  return kept.length > 0 ? `${kept.join(separator)}${separator}${note}` : note.slice(0, max);
}

/** "he's", "she's", "they're": for headings such as "What he's working on now". */
export function pronounIs(profile: Profile): string {
  const pronoun = profile.identity.pronoun;
  return pronoun === 'they' ? "they're" : `${pronoun}'s`;
}

/** What each section is called in a card, and the command that shows it whole. */
export const SECTION_LABELS: Record<Section, { label: string; command: string }> = {
  projects: { label: 'Projects', command: '/projects' },
  experience: { label: 'Experience', command: '/experience' },
  education: { label: 'Education', command: '/experience' },
  research: { label: 'Research', command: '/research' },
  learning: { label: 'Learning', command: '/learning' },
  blogs: { label: 'Blogs & tutorials', command: '/blogs' },
  skills: { label: 'Skills', command: '/skills' },
  about: { label: 'About', command: '/about' },
  contact: { label: 'Contact', command: '/contact' },
};
