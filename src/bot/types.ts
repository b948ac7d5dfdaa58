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
  /** Presses of components whose custom_id names this command. */
  component?(input: ComponentInput, portfolio: Portfolio): ComponentResult;
}

/** An expected, user-facing error (no match, bad option): shown privately as it is. */
export class UserError extends Error {
  override name = 'UserError';
}
