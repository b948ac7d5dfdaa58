// Making any text inert before it is shown: profile text as much as what a user
// typed. A profile is edited by whoever can write to its file or repository, so
// its text may carry what a user's text may: mention syntax, invisible
// characters that hide or reorder what follows, and masked links whose text
// names one site while they open another. fitReply passes every text through
// these; the tests check its output with finders of their own.
//
// Mentions are broken with a zero-width space after the "@" or "<", as
// discord.js's cleanContent does. It renders exactly as the text was written,
// in every kind of field (a backslash escape would show as "\" in footers,
// author names and button labels, which render no markdown), and since every
// invisible character from the text has been removed first, the only
// zero-width spaces left in a reply are the ones put there on purpose, in
// places that hide nothing.
import { HIDDEN, INVISIBLE, ZWSP } from '../characters.js';

/**
 * A zero-width space anywhere but after an "@" or "<" (where it breaks a
 * mention) or between two backticks (where it breaks a code fence, as the
 * project card's code block does): in those places it hides nothing.
 */
const STRAY_ZWSP = /(?<![@<`])\u200B|(?<=`)\u200B(?!`)/g;
/** A ZWJ not joining two emoji (a pictograph, perhaps with a variation selector or skin tone, then another). */
const STRAY_ZWJ = /(?<!\p{Extended_Pictographic}(?:\u{FE0F}|[\u{1F3FB}-\u{1F3FF}])?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
/** A ZWNJ not between two letters (with their marks): Persian and the Indic scripts need it there. */
const STRAY_ZWNJ = /(?<![\p{L}\p{M}])\u200C|\u200C(?![\p{L}\p{M}])/gu;

/**
 * Removes the characters that can hide or reorder text: zero-width spaces,
 * bidi controls, word joiners, BOMs. Kept: a ZWJ between emoji, a ZWNJ between
 * letters, a zero-width space after "@" or "<" or between two backticks.
 */
export function stripInvisible(text: string): string {
  // Most texts hold none of these: one scan lets them through.
  if (text.search(INVISIBLE) < 0) return text;
  return text.replace(HIDDEN, '').replace(STRAY_ZWSP, '').replace(STRAY_ZWJ, '').replace(STRAY_ZWNJ, '');
}

/** "@everyone", "@here", and the "<" of user, role, channel, command, emoji, timestamp and guild-navigation mentions. */
const MENTION = /@(?=everyone|here)|<(?=[@#/:]|[at]:|id:)/gi;

/** Breaks every mention with a zero-width space after its "@" or "<": it renders as written and pings or links nobody. */
export function breakMentions(text: string): string {
  return text.includes('@') || text.includes('<') ? text.replace(MENTION, (sign) => sign + ZWSP) : text;
}

// The opening of a masked link in Discord's markdown (simple-markdown's link
// rule): "[text](", the text holding one level of brackets, or a "]" that
// another "]" follows; the "[" not escaped. The lookahead stops at the first
// bracket, which keeps the scan linear.
const LINK_OPEN = /(?<=(?:^|[^\\])(?:\\\\)*)\[((?:\[[^\]]*\]|[^[\]]|\](?=[^[\]]*\]))*)\]\(/g;
// A plain target and the ")" that closes the link: no spaces, brackets,
// backslashes or title, perhaps in <…>. Discord's rule allows more (bracketed
// parts, escapes, a title) and its host can then be read more than one way
// ("https://github.com(x)@evil.example"): such links are always broken up.
const PLAIN_TARGET = /^\s*<?([^\s()<>\\"']+)>?\s*\)/;
/** Longer than any url Discord accepts: a plain target is looked for within this. */
const TARGET_REACH = 4096;

/** The text a masked link shows, as read: markdown escapes and emphasis markers removed, compatibility forms folded. */
function shownText(label: string): string {
  return label
    .replace(/\\(?=[^\p{L}\p{N}\s])/gu, '')
    .replace(/[*_~`|]/g, '')
    .normalize('NFKC')
    .replace(/[\u3002\uFF61]/g, '.')
    .toLowerCase();
}

/** A url ("https://host/path"): its authority (user info, host, port) is in group 1. */
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/([^\s/?#\\]*)\S*/g;
/** A domain ("github.com", the one of "mail@evil.example"), with the path after it if any: the domain is group 1. */
const DOMAIN_IN_TEXT = /((?:[\p{L}\p{N}-]+\.)+\p{L}{2,})(?![\p{L}\p{N}-])(?::\d+)?(?:[/?#]\S*)?/gu;

/**
 * The hosts a link text names: each url's host, and a domain in its user info
 * ("https://github.com@evil.example" names both), each other domain (a file
 * name in a url's path is not one).
 */
function hostsNamed(label: string): string[] {
  const hosts: string[] = [];
  const rest = shownText(label).replace(URL_IN_TEXT, (_url, authority: string) => {
    const parts = authority.split('@');
    const host = (parts.pop() as string).replace(/:\d*$/, '');
    hosts.push(host, ...parts.filter((part) => part.includes('.')));
    return ' ';
  });
  for (const match of rest.matchAll(DOMAIN_IN_TEXT)) hosts.push(match[1] as string);
  return hosts;
}

/** A host as a browser would go to it (IDNA, lower case), without a leading "www."; undefined when it is no host. */
function canonicalHost(host: string): string | undefined {
  try {
    const { hostname } = new URL(`http://${host}`);
    return hostname.replace(/^www\./, '').replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

const sameSite = (a: string, b: string): boolean => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

type LinkProblem = 'not http(s)' | 'text names another site' | 'target not plain';

// Cards show the same links reply after reply: each verdict is remembered (the
// cache is emptied when full, so hostile text can't grow it).
const VERDICT_CACHE_LIMIT = 2048;
const verdicts = new Map<string, LinkProblem | 'ok'>();

/** Why a masked link must not be shown as one: its target is not http(s), or its text names another site; undefined when it may. */
function maskedLinkProblem(label: string, target: string): LinkProblem | undefined {
  const key = `${label}\u0000${target}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    if (verdicts.size >= VERDICT_CACHE_LIMIT) verdicts.clear();
    verdict = judgeMaskedLink(label, target) ?? 'ok';
    verdicts.set(key, verdict);
  }
  return verdict === 'ok' ? undefined : verdict;
}

function judgeMaskedLink(label: string, target: string): LinkProblem | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return 'not http(s)';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'not http(s)';
  const targetHost = canonicalHost(url.host);
  for (const named of hostsNamed(label)) {
    const host = canonicalHost(named);
    if (host === undefined || targetHost === undefined || !sameSite(host, targetHost)) return 'text names another site';
  }
  return undefined;
}

interface MaskedLink {
  /** Where "[" is, where "](" ends, and where the link ends (its ")"; `open` when the target is not plain). */
  start: number;
  open: number;
  end: number;
  label: string;
  /** The plain target; undefined when it is not plain. */
  target: string | undefined;
  problem: LinkProblem | undefined;
}

/** Every masked link of `text`, in order, each with what is wrong with it. */
function* maskedLinks(text: string): Generator<MaskedLink> {
  if (!text.includes('](')) return;
  for (const match of text.matchAll(LINK_OPEN)) {
    const start = match.index;
    const open = start + match[0].length;
    const label = match[1] as string;
    const plain = PLAIN_TARGET.exec(text.slice(open, open + TARGET_REACH));
    if (!plain) {
      yield { start, open, end: open, label, target: undefined, problem: 'target not plain' };
      continue;
    }
    const target = plain[1] as string;
    yield { start, open, end: open + plain[0].length, label, target, problem: maskedLinkProblem(label, target) };
  }
}

/** The target as a reader should see it: an e-mail address without "mailto:". */
const shownTarget = (target: string): string => target.replace(/^mailto:/i, '');

/**
 * Shows as plain text every masked link that Discord would not render (a
 * target that is not http(s): mailto, tel, a relative path) or that would
 * mislead (its text names a site or url other than its target): the text,
 * then the real target in brackets unless the text already is it. A link
 * whose target is not plain is broken up ("[text] (target)") and shown as written.
 * Links inside the text of a link are looked at as well.
 */
export function plainMaskedLinks(text: string): string {
  let out = '';
  let from = 0;
  for (const link of maskedLinks(text)) {
    if (link.start < from) continue;
    if (link.problem === undefined) {
      // A link may be fine while its text holds one that is not: that one is made plain too.
      const label = plainMaskedLinks(link.label);
      if (label === link.label) continue;
      out += text.slice(from, link.start + 1) + label;
      from = link.start + 1 + link.label.length;
      continue;
    }
    if (link.target === undefined) {
      out += `${text.slice(from, link.open - 1)} (`;
    } else {
      const shown = shownTarget(link.target);
      const label = link.label.trim();
      out += text.slice(from, link.start) + (label === shown || label === link.target ? link.label : `${link.label} (${shown})`);
    }
    from = link.end;
  }
  return from === 0 ? text : out + text.slice(from);
}
