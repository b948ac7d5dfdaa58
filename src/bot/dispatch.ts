// The one place every transport (gateway, HTTP, terminal) runs handlers through:
// it finds the command, applies the common options (`private` and its "Share in
// channel" button), fits the payload to Discord's limits with the profile's
// secrets redacted, and is the error boundary — an expected UserError becomes a
// private message as it is, anything else a private "something went wrong
// (ref …)" and a log line with the same ref and the stack.
import { createHash } from 'node:crypto';
import { ApplicationCommandOptionType, ButtonStyle, ComponentType, MessageFlags } from 'discord-api-types/v10';
import { NOT_IN_CUSTOM_ID } from '../characters.js';
import type { Logger } from '../log.js';
import {
  decodeCustomId,
  encodeCustomId,
  fitChoices,
  fitReply,
  isSnowflake,
  LIMITS,
  PLACEHOLDER_ASKER,
  withAsker,
  type AutocompleteChoice,
  type ReplyPayload,
  type ReplyRow,
} from '../replies/index.js';
import type {
  AnswerFacts,
  CommandContext,
  CommandInput,
  CommandModule,
  ComponentResult,
  Invoker,
  OptionValue,
  Portfolio,
  PressResult,
  Surface,
} from './types.js';
import { clipAutocompleteValue, clipText, MAX_STRING_OPTION_LENGTH, optionsProblem, valuesProblem } from './input-limits.js';
import { newRef } from './ref.js';
import { isShareable, unknownCommandMessage, unshareableMessage } from './slash-line.js';
import { MEMBERS_UNAVAILABLE, UserError } from './types.js';

export interface Dispatcher {
  readonly commands: readonly CommandModule[];
  /** Where the replies are read (DispatcherOptions.surface). */
  readonly surface: Surface;
  /** A slash command; never throws. */
  command(name: string, input: CommandInput): ReplyPayload;
  /** Autocomplete for the focused option; never throws (an error gives no choices). */
  autocomplete(name: string, focused: { name: string; value: string }, input: CommandInput): AutocompleteChoice[];
  /**
   * A button or select menu press; never throws. `origin.askerId` is who ran
   * the command that made the pressed message, when the transport knows it
   * from Discord (the message's interaction metadata): it outranks the `u=`
   * field of the custom_id, which the client could have written itself.
   */
  component(customId: string, values: readonly string[], user: Invoker, origin?: ComponentOrigin): ComponentResult;
  /**
   * A slash command, for transports that can wait: commands that read or write
   * the store (/portfolio) run here; every other one as `command`. Never rejects.
   */
  commandAsync(name: string, input: CommandInput): Promise<ReplyPayload>;
  /** A component press, for transports that can wait (a Report button); else as `component`. Never rejects. */
  componentAsync(customId: string, values: readonly string[], user: Invoker, origin?: ComponentOrigin): Promise<PressResult>;
  /**
   * A form's submit (interaction type 5): its custom_id names the command whose `submit` takes it, and
   * `fields` are its text inputs' values by custom_id. Never rejects.
   */
  modalAsync(customId: string, fields: Readonly<Record<string, string>>, user: Invoker, origin?: ComponentOrigin): Promise<ReplyPayload>;
  /**
   * Who ran an interaction in a server, named from the interaction's own member data (Discord's word,
   * nickname first): a member whose portfolio there is shown under another name is shown under this one
   * from now on, and it is stored (src/community/). Cheap when nothing changed; never throws. The
   * transports call it for interactions only: a message's author comes without their nickname.
   */
  memberSeen(guildId: string, user: Invoker): void;
  /** Plain text (a DM, a mention): answered as /ask would. `guildId` is where it was said (for insights only). */
  message(text: string, user: Invoker, guildId?: string): ReplyPayload;
  /** A private notice built outside a handler (e.g. a slash line that didn't parse), fitted and redacted like any reply. */
  notice(content: string): ReplyPayload;
  /** A reply built outside a handler (the owner's /insights, from the database), fitted and redacted like any. */
  deliver(payload: ReplyPayload): ReplyPayload;
  /** Bytes the reply caches hold for the current profile (answers and choice lists, keys included), estimated. */
  cachedBytes(): number;
}

export interface ComponentOrigin {
  /** Who ran the command behind the pressed message, as Discord says. */
  askerId?: string;
  /** The server the press happened in. */
  guildId?: string | undefined;
}

export interface DispatcherOptions {
  commands: readonly CommandModule[];
  /** The current Portfolio; read on every call, so a reload swaps it atomically. */
  portfolio: () => Portfolio;
  /**
   * The Portfolio of a server where members have shared theirs (src/community/);
   * the owner's alone elsewhere. Without it, every server gets `portfolio()`.
   */
  portfolioFor?: (guildId: string | undefined) => Portfolio;
  /** What commands that read or write the store get (the community service). */
  context?: CommandContext;
  logger: Logger;
  /** Where the replies are read (default Discord): handlers word them for it. */
  surface?: Surface;
  /** Called with the outcome of each call, for metrics, logs and insights. */
  onOutcome?: (outcome: DispatchOutcome) => void;
  /**
   * Answers (and, apart, autocomplete choice lists) remembered per profile; 0 turns
   * the caches off. Room for the whole vocabulary of a profile: a smaller cache
   * kept evicting answers under the bench's varied load (docs/performance.md).
   */
  cacheSize?: number;
  /**
   * Bytes each cache may hold (its values plus its keys); default
   * DEFAULT_CACHE_BYTES. The count alone let a thousand distinct huge queries
   * be kept; with this bound, the oldest go when the bytes run out.
   */
  cacheBytes?: number;
}

export interface DispatchOutcome {
  kind: string;
  name: string;
  outcome: 'ok' | 'user-error' | 'error';
  ref?: string;
  /** Commands only: the server it was asked in, when the transport said (never who asked). */
  guildId?: string;
  /**
   * Commands only: what was asked and what answered it. A function, so that a
   * listener that wants it (insights) works it out later, off the reply path;
   * once worked out, it is remembered with the cached answer.
   */
  facts?: () => AnswerFacts;
}

export const DEFAULT_CACHE_BYTES = 4 * 1024 * 1024;

/** Keys longer than this are kept as a digest: a key's memory never grows with its input. */
const LONGEST_PLAIN_KEY = 256;
/** What a Map entry costs beyond its key and value: the entry, the record, the value's object. */
const ENTRY_OVERHEAD_BYTES = 160;

function cacheKey(key: string): string {
  // A digest starts with a control character, which no plain key (a command name first) does.
  return key.length <= LONGEST_PLAIN_KEY ? key : `\u0001${createHash('sha256').update(key).digest('base64')}`;
}

/**
 * An LRU per Portfolio (a reload starts afresh), bounded by entries and by bytes:
 * values at two bytes a character of their JSON, keys at two bytes a character,
 * and the overhead of an entry.
 */
function createReplyCache<T>(size: number, maxBytes: number) {
  interface Store {
    entries: Map<string, { value: T; bytes: number }>;
    bytes: number;
  }
  const perPortfolio = new WeakMap<Portfolio, Store>();
  return {
    get(portfolio: Portfolio, rawKey: string, build: () => T): T {
      if (size <= 0 || maxBytes <= 0) return build();
      let store = perPortfolio.get(portfolio);
      if (!store) perPortfolio.set(portfolio, (store = { entries: new Map(), bytes: 0 }));
      const key = cacheKey(rawKey);
      const hit = store.entries.get(key);
      if (hit) {
        store.entries.delete(key);
        store.entries.set(key, hit);
        return hit.value;
      }
      const value = build();
      const bytes = (JSON.stringify(value).length + key.length) * 2 + ENTRY_OVERHEAD_BYTES;
      if (bytes > maxBytes) return value;
      store.entries.set(key, { value, bytes });
      store.bytes += bytes;
      for (const [oldest, entry] of store.entries) {
        if (store.entries.size <= size && store.bytes <= maxBytes) break;
        store.entries.delete(oldest);
        store.bytes -= entry.bytes;
      }
      return value;
    },
    bytes(portfolio: Portfolio): number {
      return perPortfolio.get(portfolio)?.bytes ?? 0;
    },
  };
}

function canonicalOptions(options: CommandInput['options']): string {
  return JSON.stringify(
    Object.keys(options)
      .sort()
      .map((key) => [key, options[key]]),
  );
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { commands, logger } = options;
  const byName = new Map(commands.map((module) => [module.definition.name, module]));
  const report = options.onOutcome ?? (() => undefined);
  const surface = options.surface ?? 'discord';
  const cacheBytes = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
  // Handlers are pure: the same command and options on the same profile give
  // the same payload, except for the asker's id in component custom_ids. So an
  // answer is built once for PLACEHOLDER_ASKER, remembered, and given to each
  // asker with their own id put in (withAsker). Autocomplete runs on every
  // keystroke and its choices depend only on what was typed: remembered too.
  // What is remembered is shared: no caller changes a payload it is given.
  // Each answer keeps a slot for its facts (insights), filled the first time they are asked for.
  const answers = createReplyCache<{ payload: ReplyPayload; facts?: AnswerFacts }>(options.cacheSize ?? 1000, cacheBytes);
  const choiceLists = createReplyCache<AutocompleteChoice[]>(options.cacheSize ?? 1000, cacheBytes);
  const context: CommandContext = options.context ?? {};
  const portfolioOf = (guildId: string | undefined): Portfolio => options.portfolioFor?.(guildId) ?? options.portfolio();

  function choicesFor(
    portfolio: Portfolio,
    name: string,
    focused: { name: string; value: string },
    input: CommandInput,
  ): AutocompleteChoice[] {
    return fitChoices(byName.get(name)?.autocomplete?.(focused, input, portfolio) ?? [], { redact: portfolio.secrets });
  }

  /** A command's facts when its handler did not answer: its main option's text, no entry. */
  function failedFacts(name: string, input: CommandInput, answered: boolean | null): () => AnswerFacts {
    return () => ({ query: mainText(byName.get(name), input), entry: null, answered, confidence: null });
  }

  function failure(kind: string, name: string, error: unknown, call?: { input: CommandInput }): ReplyPayload {
    const where = call?.input.guildId ? { guildId: call.input.guildId } : {};
    if (error instanceof UserError) {
      report({ kind, name, outcome: 'user-error', ...where, ...(call ? { facts: failedFacts(name, call.input, false) } : {}) });
      return { content: error.message, flags: MessageFlags.Ephemeral };
    }
    const ref = newRef();
    const err = error instanceof Error ? error : new Error(String(error));
    logger.error('handler failed', { ref, kind, name, error: err.message, stack: err.stack });
    report({ kind, name, outcome: 'error', ref, ...where, ...(call ? { facts: failedFacts(name, call.input, null) } : {}) });
    return {
      content: `Something went wrong on my side (ref ${ref}). Please try again; if it keeps happening, mention the ref to the bot's owner.`,
      flags: MessageFlags.Ephemeral,
    };
  }

  function fit(payload: ReplyPayload, portfolio: Portfolio): ReplyPayload {
    return fitReply(payload, { redact: portfolio.secrets });
  }

  function runCommand(name: string, input: CommandInput, portfolio: Portfolio): ReplyPayload {
    const module = byName.get(name);
    if (!module) throw new UserError(unknownCommandMessage(name, commands, { surface, inGuild: input.guildId !== undefined }));
    for (const option of module.definition.options ?? []) {
      if ('required' in option && option.required && (input.options[option.name] === undefined || input.options[option.name] === '')) {
        throw new UserError(`/${name} needs its \`${option.name}\` option, e.g. /${name} ${option.name}:… — ${option.description}`);
      }
    }
    const scoped = scopeToMember(name, input, portfolio);
    let payload = module.execute({ ...input, surface }, scoped.portfolio);
    if (scoped.label !== undefined) payload = labelled(payload, scoped.label);
    if (input.options['private'] === true) payload = makePrivate(payload, name, input, module);
    return payload;
  }

  return {
    commands,
    surface,
    command(name, input) {
      const portfolio = portfolioOf(input.guildId);
      try {
        // Refused before it becomes a key or reaches a handler.
        const problem = optionsProblem(input.options);
        if (problem) throw new UserError(problem);
        // A DM and a server, and the subcommand, can each change the answer (the server's own
        // portfolios are apart already: each server's Portfolio has its own cache).
        const where = `${input.guildId === undefined ? 'dm' : 'server'}\u0000${input.subcommand ?? ''}`;
        const key = `${name}\u0000${where}\u0000${canonicalOptions(input.options)}`;
        const answer = answers.get(portfolio, key, () => ({
          payload: fit(runCommand(name, { ...input, user: { id: PLACEHOLDER_ASKER } }, portfolio), portfolio),
        }));
        report({
          kind: 'command',
          name,
          outcome: 'ok',
          ...(input.guildId ? { guildId: input.guildId } : {}),
          facts: () => (answer.facts ??= describeCall(byName.get(name), input, portfolio)),
        });
        return withAsker(answer.payload, input.user.id);
      } catch (error) {
        return fit(failure('command', name, error, { input }), portfolio);
      }
    },
    autocomplete(name, rawFocused, input) {
      const portfolio = portfolioOf(input.guildId);
      try {
        // Out of Discord's limits: no choices, and nothing remembered.
        if (optionsProblem(input.options)) return [];
        const focused = { name: rawFocused.name, value: clipAutocompleteValue(rawFocused.value) };
        const key = `${name}\u0000${input.guildId ?? ''}\u0000${focused.name}\u0000${focused.value}\u0000${canonicalOptions(input.options)}`;
        const choices = choiceLists.get(portfolio, key, () => choicesFor(portfolio, name, focused, input));
        report({ kind: 'autocomplete', name, outcome: 'ok' });
        return choices;
      } catch (error) {
        failure('autocomplete', name, error);
        return [];
      }
    },
    component(customId, values, user, origin = {}) {
      const portfolio = portfolioOf(origin.guildId);
      const decoded = decodeCustomId(customId);
      const name = decoded?.command ?? 'unknown';
      try {
        if (!decoded) throw new UserError("That button or menu doesn't work any more. Run the command again for a fresh one.");
        const tooMuch = valuesProblem(values);
        if (tooMuch) throw new UserError(tooMuch);
        // Who asked: Discord's word when the transport has it, else the id's own field.
        const asker = isSnowflake(origin.askerId) ? origin.askerId : decoded.user;
        const state = asker === undefined ? decoded : { ...decoded, user: asker };
        if (state.command === 'share') {
          // A private answer made public: run the same command again, without `private`.
          const module = byName.get(state.action);
          if (!module || !isShareable(module)) {
            throw new UserError(unshareableMessage(state.action, commands, { surface, inGuild: origin.guildId !== undefined }));
          }
          if (state.user === undefined) {
            throw new UserError(
              `This Share button doesn't say whose answer it is, so it can't be shared. Run /${state.action} with private:true to share your own.`,
            );
          }
          if (state.user !== user.id) throw new UserError('Only the person who asked can share this answer.');
          const main = mainOption(module);
          const optionsFor: Record<string, OptionValue> = main && state.key ? { [main]: state.key } : {};
          const payload = runCommand(state.action, { options: optionsFor, user, guildId: origin.guildId }, portfolio);
          report({ kind: 'component', name: 'share', outcome: 'ok' });
          return { type: 'reply', payload: fit(payload, portfolio) };
        }
        const module = byName.get(state.command);
        if (!module?.component) throw new UserError("That button or menu doesn't work any more. Run the command again for a fresh one.");
        if (state.action === 'page') {
          if (state.user === undefined) {
            throw new UserError(
              `This button doesn't say who ran /${state.command}, so no one can page it. Run /${state.command} yourself to get your own list.`,
            );
          }
          if (state.user !== user.id) {
            throw new UserError(
              `Only the person who ran /${state.command} can page this list. Run /${state.command} yourself to get your own.`,
            );
          }
        }
        const result = module.component({ state, values, user, guildId: origin.guildId }, portfolio);
        report({ kind: 'component', name, outcome: 'ok' });
        return { type: result.type, payload: fit(result.payload, portfolio) };
      } catch (error) {
        return { type: 'reply', payload: fit(failure('component', name, error), portfolio) };
      }
    },
    async commandAsync(name, input) {
      const module = byName.get(name);
      if (!module?.run) return this.command(name, input);
      let portfolio = portfolioOf(input.guildId);
      try {
        const problem = optionsProblem(input.options);
        if (problem) throw new UserError(problem);
        const payload = await module.run({ ...input, surface }, portfolio, context);
        report({ kind: 'command', name, outcome: 'ok' });
        // A submit or a removal may have changed the server's Portfolio (and its secrets).
        portfolio = portfolioOf(input.guildId);
        return fit(payload, portfolio);
      } catch (error) {
        return fit(failure('command', name, error), portfolio);
      }
    },
    async componentAsync(customId, values, user, origin = {}) {
      const decoded = decodeCustomId(customId);
      const module = decoded ? byName.get(decoded.command) : undefined;
      if (!decoded || !module?.press) return this.component(customId, values, user, origin);
      const portfolio = portfolioOf(origin.guildId);
      try {
        const tooMuch = valuesProblem(values);
        if (tooMuch) throw new UserError(tooMuch);
        const result = await module.press({ state: decoded, values, user, guildId: origin.guildId }, portfolio, context);
        report({ kind: 'component', name: decoded.command, outcome: 'ok' });
        if (result.type === 'modal') return result;
        return { type: result.type, payload: fit(result.payload, portfolioOf(origin.guildId)) };
      } catch (error) {
        return { type: 'reply', payload: fit(failure('component', decoded.command, error), portfolio) };
      }
    },
    async modalAsync(customId, fields, user, origin = {}) {
      const decoded = decodeCustomId(customId);
      const name = decoded?.command ?? 'unknown';
      const portfolio = portfolioOf(origin.guildId);
      try {
        const module = decoded ? byName.get(decoded.command) : undefined;
        if (!decoded || !module?.submit) throw new UserError("That form doesn't work any more. Press the button again for a fresh one.");
        const payload = await module.submit({ state: decoded, fields, user, guildId: origin.guildId }, portfolio, context);
        report({ kind: 'modal', name, outcome: 'ok' });
        return fit(payload, portfolioOf(origin.guildId));
      } catch (error) {
        return fit(failure('modal', name, error), portfolio);
      }
    },
    memberSeen(guildId, user) {
      try {
        if (user.name) context.community?.noticeName?.(guildId, user);
      } catch (error) {
        logger.warn('could not take a member name', { error: (error as Error).message });
      }
    },
    message(text, user, guildId) {
      // A message is not an option, and no Discord message is this long: its start is the question.
      return this.command('ask', { options: { question: clipText(text, MAX_STRING_OPTION_LENGTH) }, user, guildId });
    },
    notice(content) {
      return fit({ content, flags: MessageFlags.Ephemeral }, options.portfolio());
    },
    deliver(payload) {
      return fit(payload, options.portfolio());
    },
    cachedBytes() {
      const portfolio = options.portfolio();
      return answers.bytes(portfolio) + choiceLists.bytes(portfolio);
    },
  };
}

/** What a command answered, by its own `describe`, else its main option's text and no entry. */
function describeCall(module: CommandModule | undefined, input: CommandInput, portfolio: Portfolio): AnswerFacts {
  if (module?.describe) return module.describe(input, portfolio);
  return { query: mainText(module, input), entry: null, answered: null, confidence: null };
}

function mainText(module: CommandModule | undefined, input: CommandInput): string {
  const main = module ? mainOption(module) : undefined;
  const value = main ? input.options[main] : undefined;
  return typeof value === 'string' ? value : '';
}

/**
 * `member:` on a search command in a server with member portfolios: the handler
 * runs on that member's own Portfolio, as it runs on the owner's, and the reply
 * says whose it is.
 */
function scopeToMember(name: string, input: CommandInput, portfolio: Portfolio): { portfolio: Portfolio; label?: string } {
  const member = input.options['member'];
  if (typeof member !== 'string' || member === '') return { portfolio };
  const found = portfolio.community?.members.get(member);
  if (found) return { portfolio: found.portfolio, label: `${found.owner.name}'s portfolio` };
  if (portfolio.membersUnavailable) throw new UserError(MEMBERS_UNAVAILABLE);
  if (!portfolio.community) {
    throw new UserError(`/${name} member:… works in a server where members have shared their portfolios (/portfolio submit).`);
  }
  throw new UserError("That member hasn't shared a portfolio in this server.");
}

/** The reply, with whose portfolio it comes from as its first embed's author line (or its first line). */
export function labelled(payload: ReplyPayload, label: string): ReplyPayload {
  const [first, ...rest] = payload.embeds ?? [];
  if (first) return { ...payload, embeds: [{ ...first, author: { name: label } }, ...rest] };
  return { ...payload, content: `**${label}**\n${payload.content ?? ''}` };
}

/** The option a shared answer re-runs with: the command's first string option. */
export function mainOption(module: CommandModule): string | undefined {
  return module.definition.options?.find((option) => option.type === ApplicationCommandOptionType.String)?.name;
}

function makePrivate(payload: ReplyPayload, name: string, input: CommandInput, module: CommandModule): ReplyPayload {
  const main = mainOption(module);
  const value = main ? input.options[main] : undefined;
  const share: ReplyRow = {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Share in channel',
        emoji: { name: '📣' },
        custom_id: encodeCustomId({
          command: 'share',
          action: name,
          ...(isSnowflake(input.user.id) ? { user: input.user.id } : {}),
          // the shared answer is the same without what may not be in a custom_id
          ...(typeof value === 'string' ? { key: value.replace(NOT_IN_CUSTOM_ID, ' ').trim() } : {}),
        }),
      },
    ],
  };
  const rows = payload.components ?? [];
  return { ...payload, flags: MessageFlags.Ephemeral, components: rows.length < LIMITS.rows ? [...rows, share] : rows };
}
