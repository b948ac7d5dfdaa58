// The profile's fixed vocabularies and text bounds, apart from the zod schema
// (./schema.ts, which re-exports them) so that the code answering interactions
// can use them without loading zod: a profile read from its snapshot is not
// validated again, and the gateway bot's main thread never needs the validator.
//
// Text bounds are chosen so that any card built from one entry fits Discord's
// limits (docs/discord.md): names fit a select option or an
// autocomplete choice (100), a paragraph fits an embed field (1024), and a
// link fits a link button (512).

export const SECTIONS = ['about', 'education', 'experience', 'research', 'learning', 'blogs', 'projects', 'skills', 'contact'] as const;
export type Section = (typeof SECTIONS)[number];

export const SKILL_LEVELS = ['expert', 'intermediate', 'basic', 'learning'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export const PROJECT_LINK_KINDS = ['repo', 'report', 'paper', 'demo', 'gist', 'competition', 'post'] as const;
export type ProjectLinkKind = (typeof PROJECT_LINK_KINDS)[number];

export const CONTACT_KINDS = ['github', 'email', 'twitter', 'linkedin', 'resume', 'website'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const PROJECT_STATUSES = ['active', 'unmaintained', 'dropped'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** Lengths every text field is held to; the reply module relies on them. */
export const LIMITS = {
  id: 48,
  name: 100,
  label: 80,
  short: 200,
  summary: 600,
  paragraph: 1000,
  code: 900,
  url: 512,
  tag: 40,
  listItems: 25,
  links: 10,
} as const;
