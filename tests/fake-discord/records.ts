// Records of what the bot did: one FakeInteraction per dispatched interaction, and the store of
// registered application commands.
import { InteractionResponseType } from 'discord-api-types/v10';
import type { APIMessage } from 'discord.js';
import type { SentFile } from './attachments.js';
import type { JsonObject } from './payloads.js';
import type { CallbackBody, Rejection, StoredCommand } from './types.js';
import type { ChangeFeed, WaitOptions } from './waiting.js';

const AUTOCOMPLETE_RESULT = InteractionResponseType.ApplicationCommandAutocompleteResult;

/**
 * One interaction the fake dispatched, with everything the bot answered to it. Arrays grow as the
 * bot responds; the `wait…` methods resolve as soon as (or immediately if) the awaited thing is there.
 */
export class FakeInteraction {
  /** Accepted initial responses (a correct bot makes exactly one). */
  readonly responses: CallbackBody[] = [];
  /** Accepted `PATCH …/messages/@original` bodies (editReply). */
  readonly edits: JsonObject[] = [];
  /** Accepted `POST /webhooks/{app}/{token}` bodies (followUp). */
  readonly followups: JsonObject[] = [];
  /** Requests about this interaction that the fake refused. */
  readonly rejections: Rejection[] = [];
  /** Messages visible to the user in order: callback data (type 4/7), edits and follow-ups. */
  readonly visible: JsonObject[] = [];
  /** Files the bot attached to its response, edits and follow-ups, in order, with their bytes. */
  readonly files: SentFile[] = [];
  /** Callback POSTs received, including injected failures and rejected ones. */
  callbackAttempts = 0;
  /** The original response message as it stands now (after edits); null before a message exists. */
  original: APIMessage | null = null;
  /** @internal */ deliveredAt: number | null = null;
  /** The shard each delivery of the INTERACTION_CREATE went to (a correct fake delivers it once, to its guild's shard). */
  readonly deliveries: number[] = [];
  /** @internal */ readonly followupMessages = new Map<string, APIMessage>();

  constructor(
    readonly id: string,
    readonly token: string,
    /** Interaction type: 2 command, 3 component, 4 autocomplete. */
    readonly type: number,
    /** The INTERACTION_CREATE `d` as dispatched. */
    readonly payload: JsonObject,
    /** The message a component sits on (type 3). */
    readonly componentMessage: APIMessage | null,
    readonly channelId: string,
    readonly guildId: string | null,
    private readonly feed: ChangeFeed,
  ) {}

  /** Resolves with the first accepted callback body; rejects early if a callback was refused. */
  response(options?: WaitOptions): Promise<CallbackBody> {
    return this.feed.waitFor(() => this.responses[0] ?? this.#refusal('callback'), `the response to interaction ${this.id}`, options);
  }

  /** Resolves with the `index`-th accepted editReply body (default the first). */
  waitForEdit(options: WaitOptions & { index?: number } = {}): Promise<JsonObject> {
    const index = options.index ?? 0;
    return this.feed.waitFor(() => this.edits[index] ?? this.#refusal('edit'), `edit #${index} of interaction ${this.id}`, options);
  }

  /** Resolves with the `index`-th accepted followUp body (default the first). */
  waitForFollowup(options: WaitOptions & { index?: number } = {}): Promise<JsonObject> {
    const index = options.index ?? 0;
    return this.feed.waitFor(
      () => this.followups[index] ?? this.#refusal('follow-up'),
      `follow-up #${index} of interaction ${this.id}`,
      options,
    );
  }

  /**
   * The message the user first sees once the interaction settles: the callback data of a type 4/7
   * response, or the first edit/follow-up after a type 5/6 deferral. Rejects early if the fake
   * refused what the bot sent, and for autocomplete (use {@link choices}).
   */
  finalMessage(options?: WaitOptions): Promise<JsonObject> {
    return this.feed.waitFor(
      () => {
        if (this.responses[0]?.type === AUTOCOMPLETE_RESULT)
          return new Error(`interaction ${this.id} was answered with autocomplete choices`);
        return this.visible[0] ?? this.#refusal('message');
      },
      `the visible reply to interaction ${this.id}`,
      options,
    );
  }

  /** The choices of an autocomplete response (callback type 8). */
  async choices(options?: WaitOptions): Promise<JsonObject[]> {
    const body = await this.response(options);
    if (body.type !== AUTOCOMPLETE_RESULT)
      throw new Error(`interaction ${this.id} was answered with type ${body.type}, not ${AUTOCOMPLETE_RESULT}`);
    const choices = body.data?.choices;
    return Array.isArray(choices) ? (choices as JsonObject[]) : [];
  }

  /** Resolves with the first refused request about this interaction. */
  waitForRejection(options?: WaitOptions): Promise<Rejection> {
    return this.feed.waitFor(() => this.rejections[0], `a rejection for interaction ${this.id}`, options);
  }

  #refusal(what: string): Error | undefined {
    const last = this.rejections.at(-1);
    return last ? new Error(`fake Discord refused the ${what} for interaction ${this.id}: ${last.status} ${last.reason}`) : undefined;
  }
}

/** Registered application commands, global and per guild. */
export class CommandStore {
  /** Number of bulk-overwrite PUTs received (global and guild). */
  putCount = 0;
  /** Number of accepted writes of any kind (PUT, POST, PATCH, DELETE). */
  writeCount = 0;
  /** @internal */ readonly scopes = new Map<string, StoredCommand[]>();

  /** Global commands, in registration order. */
  get global(): StoredCommand[] {
    return [...(this.scopes.get('global') ?? [])];
  }

  /** Commands registered in one guild. */
  guild(guildId: string): StoredCommand[] {
    return [...(this.scopes.get(guildId) ?? [])];
  }
}
