// Everything a command handler or a transport needs to build and fit replies.
export type {
  ActionButton,
  AutocompleteChoice,
  CommandDefinition,
  LinkButton,
  MenuOption,
  ModalForm,
  ReplyEmbed,
  ReplyFile,
  ReplyMenu,
  ReplyPayload,
  ReplyRow,
  Surface,
} from './types.js';
export { cleanUserText, ELLIPSIS, escapeMarkdown, truncate } from './text.js';
export { createRedactor, redact, REDACTED } from './redact.js';
export { EMPTY_FIELD, fitChoices, fitReply, LIMITS, measureEmbeds, NOTHING_TO_SHOW, UNFIT_REPLY, type FitOptions } from './fit.js';
export {
  decodeCustomId,
  encodeCustomId,
  isSnowflake,
  MAX_CUSTOM_ID_LENGTH,
  MAX_PAGE,
  PLACEHOLDER_ASKER,
  withAsker,
  type CustomIdState,
} from './custom-id.js';
export { paginate, pagerRow, type Page } from './paginate.js';
