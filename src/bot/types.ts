// The contract between transports and command modules. A handler is a pure
// function of its input and the Portfolio value; it never touches discord.js or the network.
import type { LoadedProfile } from '../profile/load.js';
import type { Profile } from '../profile/schema.js';
import type { AutocompleteChoice, CommandDefinition, CustomIdState, ReplyPayload, Surface } from '../replies/index.js';
import { createSearch, type ProfileSearch } from '../search/index.js';

export type { CommandDefinition, Surface } from '../replies/index.js';

/** One loaded profile and its index: swapped as a whole when the profile reloads. */
export interface Portfolio {
  readonly profile: Profile;
  readonly search: ProfileSearch;
  /** Content hash of the profile file. */
  readonly revision: string;
  /** Values no reply may ever show (the private phone number). */
  readonly secrets: readonly string[];
}

export function createPortfolio(loaded: Pick<LoadedProfile, 'profile' | 'revision'>): Portfolio {
  const { profile, revision } = loaded;
  const secrets = Object.values(profile.identity.private ?? {}).filter((value): value is string => typeof value === 'string');
  return { profile, search: createSearch(profile), revision, secrets };
}

export type OptionValue = string | number | boolean;

export interface Invoker {
  id: string;
  name?: string | undefined;
}

export interface CommandInput {
  /** Options by name, already typed (booleans as booleans). */
  options: Readonly<Record<string, OptionValue | undefined>>;
  user: Invoker;
  /** Set by the dispatcher from its transport; absent means Discord. */
  surface?: Surface;
  /**
   * The server it was asked in (absent in a DM or outside Discord), set by the
   * transport for the insights record only: no handler reads it, and answers are
   * remembered without it.
   */
  guildId?: string | undefined;
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

export interface ComponentInput {
  /** The decoded custom_id of the button or select menu. */
  state: CustomIdState;
  /** Selected values, for a select menu. */
  values: readonly string[];
  user: Invoker;
}

/** What a button or select press produces: an edit of its message, or a new message. */
export type ComponentResult = { type: 'update'; payload: ReplyPayload } | { type: 'reply'; payload: ReplyPayload };

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
}

/** An expected, user-facing error (no match, bad option): shown privately as it is. */
export class UserError extends Error {
  override name = 'UserError';
}
