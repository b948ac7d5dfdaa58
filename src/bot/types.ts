// The contract between transports and command modules. A handler is a pure
// function of its input and the Portfolio value; it never touches discord.js or the network.
import type { LoadedProfile } from '../profile/load.js';
import type { Profile } from '../profile/schema.js';
import type { AutocompleteChoice, CommandDefinition, CustomIdState, ModalForm, ReplyPayload, Surface } from '../replies/index.js';
import { createSearch, type ProfileSearch } from '../search/index.js';
import type { CommunitySearch, Owner } from '../search/community.js';

export type { CommandDefinition, ModalForm, Surface } from '../replies/index.js';

/** One loaded profile and its index: swapped as a whole when the profile reloads. */
export interface Portfolio {
  readonly profile: Profile;
  readonly search: ProfileSearch;
  /** Content hash of the profile file. */
  readonly revision: string;
  /** Values no reply may ever show (the private phone number). */
  readonly secrets: readonly string[];
  /**
   * Set in a server where members have shared their portfolios (src/community/):
   * the search over every profile listed there, the owner's included.
   */
  readonly community?: GuildCommunity;
  /**
   * Set in a server while the bot cannot reach its database (src/community/open.ts): the
   * owner's profile answers alone, and member commands say member portfolios are unavailable.
   */
  readonly membersUnavailable?: boolean;
}

/** A server's member profiles as the handlers read them. */
export interface GuildCommunity {
  readonly guildId: string;
  readonly search: CommunitySearch;
  /** Each member's own Portfolio, by Discord id. */
  readonly members: ReadonlyMap<string, MemberPortfolio>;
}

export interface MemberPortfolio {
  readonly owner: Owner;
  readonly portfolio: Portfolio;
  readonly format: 'yaml' | 'json-resume';
  readonly updatedAt: number;
}

export function createPortfolio(loaded: Pick<LoadedProfile, 'profile' | 'revision'>): Portfolio {
  const { profile, revision } = loaded;
  const secrets = Object.values(profile.identity.private ?? {}).filter((value): value is string => typeof value === 'string');
  return { profile, search: createSearch(profile), revision, secrets };
}

/** What member commands answer while the bot cannot reach its database (it keeps trying). */
export const MEMBERS_UNAVAILABLE =
  'Member portfolios are unavailable right now: the bot cannot reach its database. Try again in a few minutes.';

export type OptionValue = string | number | boolean;

export interface Invoker {
  id: string;
  /** What the people where they asked call them (./display-name.ts): server nickname, global name or username, cleaned. */
  name?: string | undefined;
}

export interface CommandInput {
  /** Options by name, already typed (booleans as booleans). */
  options: Readonly<Record<string, OptionValue | undefined>>;
  user: Invoker;
  /** Set by the dispatcher from its transport; absent means Discord. */
  surface?: Surface;
  /**
   * The server the command ran in (absent in a DM, the terminal, a user install): it picks the
   * server's member portfolios, and goes in the insights record.
   */
  guildId?: string | undefined;
  /** The subcommand, for a command that has them (/portfolio submit). */
  subcommand?: string | undefined;
  /** The invoking member's permissions in the channel, as Discord's decimal bit field (servers only). */
  memberPermissions?: string | undefined;
  /** Attachments of attachment options, by option name, as Discord resolved them. */
  attachments?: Readonly<Record<string, Attachment>> | undefined;
}

/** What a command was asked and what answered it: the insights record of one call (issue #18). */
export interface AnswerFacts {
  /** The text asked (a question, a query, a name), as typed: the recorder normalises it. */
  query: string;
  /** The entry that answered ("projects:drought-watch"), a section ("contact"), or null when none did. */
  entry: string | null;
  /** Whether the profile had an answer; null for a command that always answers (/about). */
  answered: boolean | null;
  /** How sure the answer was, from 0 to 1; null when the command does not say. */
  confidence: number | null;
}

/** A file attached to an option: Discord's own description of it (the bytes are fetched from `url`). */
export interface Attachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  contentType?: string | undefined;
}

/** What commands that read or write the store get besides their input. */
export interface CommandContext {
  /** The member profiles; absent when the bot runs without a store (the terminal). */
  community?: CommunityService | undefined;
}

/** The parts of src/community/community.ts the command handlers use. */
export interface CommunityService {
  submit(input: SubmitInput): Promise<SubmitOutcome>;
  remove(guildId: string, memberId: string): Promise<boolean>;
  exportOf(guildId: string, memberId: string): Promise<{ source: string; format: 'yaml' | 'json-resume' } | undefined>;
  report(report: { guildId: string; memberId: string; reporterId: string; reason: string }): Promise<void>;
  reports(guildId: string, limit?: number): Promise<{ memberId: string; reporterId: string; reason: string; createdAt: number }[]>;
  /** The name a member goes by now in a server, from an interaction (src/community/community.ts). Never throws. */
  noticeName?(guildId: string, member: Invoker): void;
}

export interface SubmitInput {
  guildId: string;
  member: Invoker;
  attachment?: Attachment | undefined;
  url?: string | undefined;
}

export type SubmitOutcome = { ok: true; entries: number; replaced: boolean } | { ok: false; message: string };

export interface ComponentInput {
  /** The decoded custom_id of the button or select menu. */
  state: CustomIdState;
  /** Selected values, for a select menu. */
  values: readonly string[];
  user: Invoker;
  guildId?: string | undefined;
}

/** What a button or select press produces: an edit of its message, or a new message. */
export type ComponentResult = { type: 'update'; payload: ReplyPayload } | { type: 'reply'; payload: ReplyPayload };

/** What a press that may wait produces: the same, or a form to fill in (its submit arrives as a ModalInput). */
export type PressResult = ComponentResult | { type: 'modal'; modal: ModalForm };

/** A submitted form: its decoded custom_id, and each text input's value by its custom_id, as the client sent them. */
export interface ModalInput {
  state: CustomIdState;
  fields: Readonly<Record<string, string>>;
  user: Invoker;
  guildId?: string | undefined;
}

export interface CommandModule {
  readonly definition: CommandDefinition;
  execute(input: CommandInput, portfolio: Portfolio): ReplyPayload;
  autocomplete?(focused: { name: string; value: string }, input: CommandInput, portfolio: Portfolio): AutocompleteChoice[];
  /**
   * What `execute` answered for this input, for insights: pure, and run only when
   * insights are recorded, after the reply has gone. Without it, the call is
   * recorded with its main option's text and no entry.
   */
  describe?(input: CommandInput, portfolio: Portfolio): AnswerFacts;
  /** Presses of components whose custom_id names this command. */
  component?(input: ComponentInput, portfolio: Portfolio): ComponentResult;
  /** A command that reads or writes the store or the network: run in place of `execute` where the transport can wait. */
  run?(input: CommandInput, portfolio: Portfolio, context: CommandContext): Promise<ReplyPayload>;
  /** The same for its components (a Report button). */
  press?(input: ComponentInput, portfolio: Portfolio, context: CommandContext): Promise<PressResult>;
  /** Submits of the forms its components opened (the Report button's reason). */
  submit?(input: ModalInput, portfolio: Portfolio, context: CommandContext): Promise<ReplyPayload>;
}

/** An expected, user-facing error (no match, bad option): shown privately as it is. */
export class UserError extends Error {
  override name = 'UserError';
}
