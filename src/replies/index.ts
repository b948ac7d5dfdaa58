// Everything a command handler or a transport needs to build and fit replies.
export type { AutocompleteChoice, CommandDefinition, ReplyPayload, ReplyRow, Surface } from './types.js';
export { cleanUserText, ELLIPSIS, escapeMarkdown, truncate } from './text.js';
export { createRedactor, redact, REDACTED } from './redact.js';
export { badMaskedLinks, breakMentions, hasHiddenCharacter, hasLiveMention, plainMaskedLinks, stripInvisible } from './inert.js';
export { checkReplyLimits, EMPTY_FIELD, fitChoices, fitReply, LIMITS, measureEmbeds, NOTHING_TO_SHOW, UNFIT_REPLY, type FitOptions } from './fit.js';
export { decodeCustomId, encodeCustomId, MAX_CUSTOM_ID_LENGTH, MAX_PAGE, type CustomIdState } from './custom-id.js';
export { paginate, pagerRow, PAGER_NOOP_ACTIONS, type Page } from './paginate.js';
