import type { APIEmbed } from 'discord-api-types/v10';
import type { Blog, Profile } from '../../profile/schema.js';
import { LIMITS } from '../fit.js';
import { truncate } from '../text.js';
import type { ReplyPayload } from '../types.js';
import { COLOURS, footer, linkButton, linkRows } from './common.js';
import { isWebUrl, joinWithin, mdLink } from './sections.js';

const KINDS: Record<Blog['kind'], { label: string; emoji: string }> = {
  blog: { label: 'Blog post', emoji: '📝' },
  tutorial: { label: 'Tutorial', emoji: '📘' },
};

/**
 * One embed per post (its title links to it), a link button per post, and the
 * profile's note on blogs as the footer. Past ten posts, the tenth embed lists
 * the rest as links.
 */
export function buildBlogsCard(profile: Profile): ReplyPayload {
  const posts = profile.blogs;
  const note = profile.notes?.blogs;
  if (posts.length === 0) {
    return { content: `${profile.identity.name}'s profile lists no blog posts yet.${note ? ` ${note}` : ''} Try /projects.` };
  }
  const direct = posts.length <= LIMITS.embeds ? posts : posts.slice(0, LIMITS.embeds - 1);
  const embeds: APIEmbed[] = direct.map(postEmbed);
  const rest = posts.slice(direct.length);
  if (rest.length > 0) {
    embeds.push({
      title: 'More posts',
      description: joinWithin(
        rest.map((post) => `• ${mdLink(post.title, post.url)} — ${post.venue}`),
        2000,
      ),
      color: COLOURS.blogs,
    });
  }
  const last = embeds[embeds.length - 1];
  if (last && note) last.footer = footer(note);
  const buttons = posts
    .filter((post) => isWebUrl(post.url))
    .map((post) => linkButton(truncate(`Read: ${post.title}`, LIMITS.buttonLabel), post.url, KINDS[post.kind].emoji));
  return { embeds, components: linkRows(buttons, 2) };
}

function postEmbed(post: Blog): APIEmbed {
  const kind = KINDS[post.kind];
  // A note that only restates the venue ("Published on Matplotlib's official blog") adds nothing.
  const note = post.note && !post.note.toLowerCase().includes(post.venue.toLowerCase()) ? `\n*${post.note}*` : '';
  return {
    title: post.title,
    ...(isWebUrl(post.url) ? { url: post.url } : {}),
    description: `${kind.emoji} ${kind.label} · ${post.venue}\n\n${post.summary}${note}`,
    color: COLOURS.blogs,
  };
}
