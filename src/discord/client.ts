// The gateway transport: a discord.js Client that turns events into handler
// input and sends the dispatcher's payloads back. Nothing here decides what to
// answer; see src/bot/dispatch.ts for that and for the error boundary.
import type {
  APIInteractionGuildMember,
  APIInteractionResponse,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Client,
  CommandInteractionOption,
  GuildMember as GuildMemberType,
  Interaction,
  Message,
  MessageCreateOptions,
  ModalSubmitInteraction,
  StringSelectMenuInteraction,
  User,
} from 'discord.js';
import { callbackRequest, choicesCallback, componentCallback, DEFER_AFTER_MS, replyCallback } from '../bot/callback.js';
import { slowDownMessage, type Throttle } from '../bot/cooldown.js';
import type { Dispatcher } from '../bot/dispatch.js';
import { findFocused, findSubcommand, flattenOptions, modalFields, toAttachment } from '../bot/interaction-options.js';
import type { Attachment, CommandInput } from '../bot/types.js';
import { displayName } from '../bot/display-name.js';
import { newRef } from '../bot/ref.js';
import type { Logger } from '../log.js';
import { decodeCustomId, type ReplyPayload } from '../replies/index.js';
import { clientOptions } from './client-options.js';
import { gatewayStatus, type GatewayStatus, type ShardSetting } from './shards.js';
import { discord } from './library.js';

const {
  Client: DiscordClient,
  Events,
  GuildMember,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
  Team,
  TeamMemberMembershipState,
} = discord;

export interface GatewayOptions {
  token: string;
  apiUrl: string;
  /** The dispatcher, or its promise: events that arrive before it is ready wait for it (so the login can start first). */
  dispatcher: Dispatcher | Promise<Dispatcher>;
  logger: Logger;
  /** Per-user throttle for commands, components and messages (not autocomplete). */
  throttle?: Throttle;
  /** The shards this client runs (default `auto`: Discord's recommended count). */
  shards?: ShardSetting;
  /**
   * /insights for the application's owner and team members (read from the application
   * info): built here, off the dispatcher, since it reads the database. Everyone else's
   * /insights goes to the dispatcher, whose handler politely refuses.
   */
  insights?: (options: Readonly<Record<string, unknown>>) => Promise<ReplyPayload>;
}

/** How long the application's owner and team are remembered before they are read again. */
const OWNERS_TTL_MS = 10 * 60_000;

export interface GatewayBot {
  client: Client;
  start(): Promise<void>;
  /** Stops taking new work, waits for replies in flight (up to graceMs), then destroys the client. */
  stop(graceMs?: number): Promise<void>;
  inFlight(): number;
  /** Every shard's state and guilds, and whether all are ready. */
  status(): GatewayStatus;
}

/** Only what the bot uses: no privileged intents, and no caches it never reads (see client-options.ts). */
export function createClient(apiUrl: string, shards: ShardSetting = 'auto'): Client {
  return new DiscordClient(clientOptions(apiUrl, shards));
}

/**
 * What the bot needs where it answers mentions: it replies (a message reference, which needs Read
 * Message History) with embeds. Slash commands and DMs need no permission at all.
 */
export const BOT_PERMISSIONS = PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.ReadMessageHistory;

export function inviteLink(clientId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${clientId}&scope=bot%20applications.commands&permissions=${BOT_PERMISSIONS}`;
}

export function createGatewayBot(options: GatewayOptions): GatewayBot {
  const { logger } = options;
  const client = createClient(options.apiUrl, options.shards);
  let current: Dispatcher | undefined = options.dispatcher instanceof Promise ? undefined : options.dispatcher;
  const dispatcherReady = Promise.resolve(options.dispatcher).then((ready) => (current = ready));
  void dispatcherReady.catch(() => undefined);
  // Every handler below runs through whenReady, so `current` is set when it reads it.
  const whenReady = (work: () => Promise<void>) => (current ? work() : dispatcherReady.then(work));
  const dispatcher = (): Dispatcher => current!;
  let accepting = true;
  const pending = new Set<Promise<void>>();
  let owners: { ids: ReadonlySet<string>; at: number } | undefined;

  /** The owner, or every member of the owning team, from GET /applications/@me (remembered a while). */
  async function ownerIds(): Promise<ReadonlySet<string>> {
    if (owners && performance.now() - owners.at < OWNERS_TTL_MS) return owners.ids;
    const application = await client.application!.fetch();
    const owner = application.owner;
    // A team's members who accepted the invitation; an invited one is not in the team yet.
    const members =
      owner instanceof Team ? owner.members.filter((member) => member.membershipState === TeamMemberMembershipState.Accepted) : null;
    const ids = new Set(members ? members.keys() : owner ? [owner.id] : []);
    owners = { ids, at: performance.now() };
    return ids;
  }

  const track = (work: () => Promise<void>) => {
    if (!accepting) return;
    const promise = work().finally(() => pending.delete(promise));
    pending.add(promise);
  };

  // "ready" means able to answer: every shard connected with its guilds, and the dispatcher (profile, commands) loaded.
  client.once(Events.ClientReady, (ready) => {
    void dispatcherReady.then(() => {
      const { guilds, shards } = gatewayStatus(ready);
      logger.info('ready', { user: ready.user.tag, guilds, shards, invite: inviteLink(ready.application.id) });
    });
  });
  // Each shard as it comes (and comes back after identifying afresh), then, once the client is
  // ready, the whole's status whenever a shard changes: every shard, the guilds summed.
  const reportStatus = (event: string, shard: number) => {
    if (!accepting || !client.isReady()) return;
    const status = gatewayStatus(client);
    (status.status === 'ok' ? logger.info : logger.warn)('gateway status', { event, shard, ...status });
  };
  client.on(Events.ShardReady, (shard) => {
    logger.info('shard ready', { shard, guilds: client.guilds.cache.filter((guild) => guild.shardId === shard).size });
    reportStatus('ready', shard);
  });
  client.on(Events.ShardReconnecting, (shard) => reportStatus('reconnecting', shard));
  client.on(Events.InteractionCreate, (interaction) => track(() => whenReady(() => handleInteraction(interaction))));
  client.on(Events.MessageCreate, (message) => track(() => whenReady(() => handleMessage(message))));
  client.on(Events.Error, (error) => logger.error('client error', { error: error.message }));
  client.on(Events.ShardDisconnect, (event, shard) => {
    logger.warn('gateway disconnected', { shard, code: event.code });
    reportStatus('disconnected', shard);
  });
  client.on(Events.ShardResume, (shard) => {
    logger.info('gateway resumed', { shard });
    reportStatus('resumed', shard);
  });

  async function handleInteraction(interaction: Interaction): Promise<void> {
    const started = performance.now();
    let name = 'unknown';
    let outcome = 'ok';
    try {
      const user = { id: interaction.user.id, name: memberName(interaction.user, interaction.member) };
      // The interaction carries the member as the server shows them now: their portfolio follows a new name.
      if (interaction.inGuild()) dispatcher().memberSeen(interaction.guildId, user);
      if (interaction.isAutocomplete()) {
        name = interaction.commandName;
        const { data } = interaction.options;
        await sendCallback(
          interaction,
          choicesCallback(
            dispatcher().autocomplete(name, findFocused(data), { options: flattenOptions(data), user, ...where(interaction) }),
          ),
        );
        return;
      }
      if (interaction.isModalSubmit()) {
        name = decodeCustomId(interaction.customId)?.command ?? 'modal';
        const slowDown = slowDownMessage(options.throttle, user.id);
        if (slowDown !== undefined) {
          outcome = 'throttled';
          await sendCallback(interaction, replyCallback(dispatcher().notice(slowDown)));
          return;
        }
        // discord.js has read the text inputs; they go through the HTTP endpoint's parser (and its bounds) too.
        const inputs = [...interaction.fields.fields.values()].map((field) => ({
          custom_id: field.customId,
          value: 'value' in field ? field.value : undefined,
        }));
        const fields = modalFields(inputs);
        const origin = { guildId: interaction.guildId ?? undefined };
        await sendCallback(interaction, replyCallback(await dispatcher().modalAsync(interaction.customId, fields, user, origin)));
        return;
      }
      if (!interaction.isChatInputCommand() && !interaction.isButton() && !interaction.isStringSelectMenu()) return;
      name = interaction.isChatInputCommand() ? interaction.commandName : (decodeCustomId(interaction.customId)?.command ?? 'component');
      const slowDown = slowDownMessage(options.throttle, user.id);
      if (slowDown !== undefined) {
        outcome = 'throttled';
        await sendCallback(interaction, replyCallback(dispatcher().notice(slowDown)));
      } else if (interaction.isChatInputCommand() && name === 'insights' && options.insights && (await ownerIds()).has(user.id)) {
        const payload = await options.insights(flattenOptions(interaction.options.data));
        await sendCallback(interaction, replyCallback(dispatcher().deliver(payload)));
      } else if (interaction.isChatInputCommand()) {
        const input = { options: flattenOptions(interaction.options.data), user, ...where(interaction) };
        await answerInTime(interaction, dispatcher().commandAsync(name, input));
      } else {
        const values = interaction.isStringSelectMenu() ? interaction.values : [];
        // Who ran the command behind this message, as Discord says: outranks the custom_id's own u= field.
        const askerId = interaction.message.interactionMetadata?.user.id;
        const origin = { ...(askerId === undefined ? {} : { askerId }), guildId: interaction.guildId ?? undefined };
        await sendCallback(interaction, componentCallback(await dispatcher().componentAsync(interaction.customId, values, user, origin)));
      }
    } catch (error) {
      outcome = 'error';
      await transportFailure(interaction, error);
    } finally {
      logger.info('interaction', {
        kind: kindOf(interaction),
        command: name,
        user: interaction.user.id,
        ms: Math.round((performance.now() - started) * 10) / 10,
        outcome,
      });
    }
  }

  /**
   * Every answer to an interaction goes through here, as the callback's JSON:
   * a payload is API JSON already (built and fitted by src/replies), so
   * discord.js's reply(), update() and respond(), which copy it through their
   * camelCase → snake_case pass (MessagePayload), are not needed. The
   * interaction is marked answered as they mark it.
   */
  async function sendCallback(
    interaction:
      AutocompleteInteraction | ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction,
    response: APIInteractionResponse,
  ): Promise<void> {
    const done = interaction.isAutocomplete() ? interaction.responded : interaction.deferred || interaction.replied;
    if (done) throw new Error('interaction already acknowledged');
    // A reply with files (a member's export) goes as multipart: payload_json and files[n].
    const { body, files } = callbackRequest(response);
    await interaction.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, files, auth: false });
    if (interaction.isAutocomplete()) {
      interaction.responded = true;
      return;
    }
    interaction.replied = true;
    if (response.type === InteractionResponseType.ChannelMessageWithSource)
      interaction.ephemeral = ((response.data?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  }

  /**
   * Sends a command's answer, deferring first when it is not ready soon: Discord
   * takes the first response within 3 seconds of the interaction only, and a
   * command that reads the network or the database (/portfolio submit fetches a
   * url for up to the fetch policy's time cap) can take longer. The deferral is
   * private, since what takes long here (a submit, a removal) is answered
   * privately; the answer then replaces the "thinking…" message.
   */
  async function answerInTime(interaction: ChatInputCommandInteraction, work: Promise<ReplyPayload>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), DEFER_AFTER_MS)));
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first !== 'late') {
      await sendCallback(interaction, replyCallback(first));
      return;
    }
    await sendCallback(interaction, {
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    interaction.deferred = true;
    const { flags: _flags, ...payload } = await work;
    // An edit cannot change a message's flags: the deferral made it private already.
    const { body, files } = callbackRequest(replyCallback(payload));
    const data = 'data' in body ? body.data : undefined;
    await interaction.client.rest.patch(Routes.webhookMessage(interaction.applicationId, interaction.token, '@original'), {
      body: data,
      files,
      auth: false,
    });
  }

  async function handleMessage(message: Message): Promise<void> {
    if (message.author.bot || message.author.id === client.user?.id || message.system) return;
    const inDm = !message.inGuild();
    const me = client.user?.id;
    if (!inDm && !(me && message.mentions.users.has(me))) return;
    const started = performance.now();
    let outcome = 'ok';
    try {
      if (slowDownMessage(options.throttle, message.author.id) !== undefined) {
        outcome = 'throttled';
        return;
      }
      const text = me ? message.content.replace(new RegExp(`<@!?${me}>`, 'g'), ' ').trim() : message.content;
      const payload = dispatcher().message(
        text || 'help',
        { id: message.author.id, name: memberName(message.author, message.member) },
        message.guildId ?? undefined,
      );
      await message.reply(toMessageOptions(payload));
    } catch (error) {
      outcome = 'error';
      const ref = newRef();
      logger.error('message reply failed', { ref, error: (error as Error).message, stack: (error as Error).stack });
    } finally {
      logger.info('message', {
        kind: inDm ? 'dm' : 'mention',
        user: message.author.id,
        ms: Math.round((performance.now() - started) * 10) / 10,
        outcome,
      });
    }
  }

  /** The dispatcher never throws; this catches what sending can (a rejected payload, a network failure). */
  async function transportFailure(interaction: Interaction, error: unknown): Promise<void> {
    const ref = newRef();
    const err = error instanceof Error ? error : new Error(String(error));
    logger.error('reply failed', { ref, error: err.message, stack: err.stack });
    if (!interaction.isRepliable()) return;
    const notice = { content: `Something went wrong on my side (ref ${ref}).`, flags: MessageFlags.Ephemeral } as const;
    try {
      if (interaction.replied || interaction.deferred) await interaction.followUp(notice);
      else await interaction.reply(notice);
    } catch {
      // Discord no longer takes an answer for this interaction; the log line has the ref.
    }
  }

  return {
    client,
    async start() {
      await client.login(options.token);
    },
    async stop(graceMs = 4000) {
      accepting = false;
      const deadline = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.allSettled([...pending]), deadline]);
      await client.destroy();
    },
    inFlight: () => pending.size,
    status: () => gatewayStatus(client),
  };
}

function kindOf(interaction: Interaction): string {
  if (interaction.isAutocomplete()) return 'autocomplete';
  if (interaction.isChatInputCommand()) return 'command';
  if (interaction.isButton()) return 'button';
  if (interaction.isStringSelectMenu()) return 'select';
  if (interaction.isModalSubmit()) return 'modal';
  return 'other';
}

/**
 * Embeds and rows as they are: a payload is API JSON already (snake_case, built and
 * fitted by src/replies), so discord.js's camelCase → snake_case pass over every key
 * (lodash.snakecase per key, a copy of every object) is skipped. It was the largest
 * cost the bot added per reply (npm run bench).
 */
function asIs<T>(items: readonly T[] | undefined): { toJSON(): T }[] {
  return (items ?? []).map((item) => ({ toJSON: () => item }));
}

/** A payload as a channel message: no ephemeral flag (dispatcher.message never makes a private answer, so no Share button either). */
export function toMessageOptions(payload: ReplyPayload): MessageCreateOptions {
  return {
    ...(payload.content !== undefined ? { content: payload.content } : {}),
    embeds: asIs(payload.embeds),
    components: asIs(payload.components),
    allowedMentions: { parse: [], repliedUser: false },
  } as MessageCreateOptions;
}

/**
 * Where the interaction happened and what came with it, as the dispatcher takes
 * it: the server, the member's permissions there, the subcommand, and the
 * attachments of attachment options (discord.js resolves them onto the options).
 */
/** A user's name as the server they wrote in shows it (nickname, global name, username): see src/bot/display-name.ts. */
function memberName(user: User, member: GuildMemberType | APIInteractionGuildMember | null): string | undefined {
  const nick = member instanceof GuildMember ? member.nickname : member?.nick;
  return displayName({ nick, globalName: user.globalName, username: user.username });
}

function where(interaction: AutocompleteInteraction | ChatInputCommandInteraction): Partial<CommandInput> {
  const raw = interaction.options.data as unknown;
  const attachments: Record<string, Attachment> = {};
  const visit = (options: readonly CommandInteractionOption[]) => {
    for (const option of options) {
      if (option.options) visit(option.options);
      const found = option.attachment;
      if (found) {
        const attachment = toAttachment({
          id: found.id,
          filename: found.name,
          size: found.size,
          url: found.url,
          content_type: found.contentType,
        });
        if (attachment) attachments[option.name] = attachment;
      }
    }
  };
  visit(interaction.options.data);
  const subcommand = findSubcommand(raw);
  return {
    ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
    ...(interaction.memberPermissions ? { memberPermissions: interaction.memberPermissions.bitfield.toString() } : {}),
    ...(subcommand !== undefined ? { subcommand } : {}),
    ...(Object.keys(attachments).length > 0 ? { attachments } : {}),
  };
}
