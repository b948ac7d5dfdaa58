// The gateway half of the fake: a WebSocket server speaking Discord's v10 JSON protocol to
// @discordjs/ws. Sessions keep every dispatch they sent, so a RESUME replays what the client
// missed; dispatches made while their shard has no live session are queued and flushed after that
// shard's next READY or RESUMED, so no interaction is lost across a reconnect.
//
// Sharding as Discord does it: each IDENTIFY names its `shard: [id, count]`; a guild's events go
// only to the shard that owns it, `(guild_id >> 22) % count`, and events without a guild (DMs) only
// to shard 0. Each shard has its own session, sequence and resume.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes } from 'discord-api-types/v10';
import { WebSocket, WebSocketServer } from 'ws';

/** Gateway intents by name (the fake looks at Guilds, GuildMembers, GuildPresences, GuildMessages, DirectMessages, MessageContent). */
export const Intent = GatewayIntentBits;

export const PRIVILEGED_INTENTS = Intent.GuildMembers | Intent.GuildPresences | Intent.MessageContent;

/** How a (re)connection ended up: a fresh session (READY) or the old one (RESUMED). */
export type SessionOutcome = 'identified' | 'resumed';

/**
 * Maps a dispatch to what a session with the given intents receives, or `null` when those
 * intents do not receive it at all.
 */
export type DeliveryFilter = (intents: number, shard: number) => Record<string, unknown> | null;

interface QueuedDispatch {
  t: string;
  filter: DeliveryFilter;
  /** The guild the event is about; null for DMs (shard 0). */
  guildId: string | null;
}

/** Discord's limit of guilds on one shard: an IDENTIFY that would get more is closed with 4011. */
export const MAX_GUILDS_PER_SHARD = 2500;

/** The shard that receives a guild's events: `(guild_id >> 22) % count`; events without a guild go to shard 0. */
export function shardOf(guildId: string | null, count: number): number {
  if (guildId === null) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** What a shard's session gets: READY's guild list and the GUILD_CREATEs after it. */
export type ShardGuilds = (shard: [number, number]) => { ids: string[]; creates: () => Record<string, unknown>[] };

interface Session {
  id: string;
  seq: number;
  intents: number;
  shard: [number, number];
  valid: boolean;
  /** Every dispatch sent in this session, for RESUME replays. */
  sent: { s: number; frame: string }[];
}

interface Connection {
  socket: WebSocket;
  session: Session | null;
}

export interface GatewayRejection {
  route: string;
  status: number;
  reason: string;
}

export interface GatewayOptions {
  token: string;
  /**
   * Faults wait until this long after the latest READY/RESUMED. discord.js handles those
   * asynchronously; invalidating the session while it still does crashes its RESUMED handler
   * (`shard.sessionInfo` is null), a timing real Discord never produces.
   */
  faultSettleMs: number;
  heartbeatInterval: number;
  privilegedIntents: number;
  /** READY `d` without the session-specific keys and the guild list. */
  readyBase: () => Record<string, unknown>;
  /** The guilds a shard owns, and their GUILD_CREATE payloads (sent after READY when the Guilds intent is set). */
  shardGuilds: ShardGuilds;
  onChange: () => void;
  onRejection: (rejection: GatewayRejection) => void;
}

/** WebSocket close codes a server may put on the wire (1005, 1006 and 1015 are reserved). */
function isSendableCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

function rawToString(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

export class FakeGateway {
  readonly #options: GatewayOptions;
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #connections = new Set<Connection>();
  readonly #sessions = new Map<string, Session>();
  readonly #pending: QueuedDispatch[] = [];
  /** The connection each shard's dispatches go to; absent while that shard is not identified or after a fault. */
  readonly #live = new Map<number, Connection>();
  #url = '';
  readonly #lastEstablishedAt = new Map<number, number>();
  readonly #faultTimers = new Set<NodeJS.Timeout>();

  /** Every successful IDENTIFY or RESUME, in order, with its shard id. */
  readonly outcomes: { shard: number; outcome: SessionOutcome }[] = [];
  /** The `shard: [id, count]` of every successful IDENTIFY, in order. */
  readonly identified: [number, number][] = [];
  identifyCount = 0;
  resumeCount = 0;
  heartbeatCount = 0;
  /** The intents of the most recent IDENTIFY; null before any. */
  intents: number | null = null;
  /** Dispatches the client's intents kept it from receiving, e.g. a DM without DirectMessages. */
  readonly filtered: { t: string; intents: number }[] = [];

  constructor(options: GatewayOptions) {
    this.#options = options;
    this.#server.on('connection', (socket) => this.#onConnection(socket));
  }

  set url(url: string) {
    this.#url = url;
  }

  /** Hands an HTTP upgrade request to the WebSocket server. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const query = new URL(request.url ?? '/', 'http://fake').searchParams;
    this.#server.handleUpgrade(request, socket, head, (ws) => {
      if (query.get('v') !== '10' || query.get('encoding') !== 'json') {
        this.#options.onRejection({
          route: 'gateway connect',
          status: GatewayCloseCodes.InvalidAPIVersion,
          reason: `unsupported query ${query.toString()}`,
        });
        ws.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
        return;
      }
      if (query.has('compress')) {
        this.#options.onRejection({
          route: 'gateway connect',
          status: GatewayCloseCodes.UnknownError,
          reason: 'transport compression is not supported by the fake',
        });
      }
      this.#server.emit('connection', ws, request);
    });
  }

  /** Whether shard 0 (or the given shard) has a live session that would receive a dispatch right now. */
  connected(shard = 0): boolean {
    const live = this.#live.get(shard);
    return live !== undefined && live.socket.readyState === WebSocket.OPEN;
  }

  /** Ids of the shards with a live session, in order. */
  get liveShards(): number[] {
    return [...this.#live.entries()]
      .filter(([, connection]) => connection.socket.readyState === WebSocket.OPEN)
      .map(([shard]) => shard)
      .sort((a, b) => a - b);
  }

  /** Sends a dispatch to the live session of the shard that owns `guildId` (shard 0 for null), or queues it until there is one. */
  dispatch(t: string, filter: DeliveryFilter, guildId: string | null = null): void {
    const item = { t, filter, guildId };
    const live = this.#owner(item);
    if (live) this.#deliver(live, item);
    else this.#pending.push(item);
  }

  /** The open, identified connection whose shard owns the item, if any. */
  #owner(item: QueuedDispatch): Connection | undefined {
    for (const [shard, connection] of this.#live) {
      const session = connection.session;
      if (!session || connection.socket.readyState !== WebSocket.OPEN) continue;
      if (shardOf(item.guildId, session.shard[1]) === shard) return connection;
    }
    return undefined;
  }

  /** Closes the shard's live connection with `code`; codes a server cannot send (1006) drop the TCP socket instead. */
  closeConnection(code: number, shard = 0): void {
    this.#fault(shard, (target) => {
      if (isSendableCloseCode(code)) target.socket.close(code, 'fake Discord closed the connection');
      else target.socket.terminate();
    });
  }

  /** Sends op 7 Reconnect to the shard. */
  requestReconnect(shard = 0): void {
    this.#fault(shard, (target) => target.socket.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null, s: null, t: null })));
  }

  /** Sends op 9 Invalid Session to the shard; a non-resumable one also forgets the session. */
  invalidateSession(resumable: boolean, shard = 0): void {
    this.#fault(shard, (target) => {
      if (!resumable && target.session) {
        target.session.valid = false;
        target.session = null;
      }
      target.socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null }));
    });
  }

  /**
   * Stops dispatching to the live connection at once (new dispatches queue up) and applies the
   * fault to it once the client has had `faultSettleMs` to digest the latest READY/RESUMED.
   */
  #fault(shard: number, act: (target: Connection) => void): void {
    const target = this.#takeTarget(shard);
    if (!target) return;
    const apply = (): void => {
      if (target.socket.readyState === WebSocket.OPEN) act(target);
    };
    const wait = (this.#lastEstablishedAt.get(shard) ?? 0) + this.#options.faultSettleMs - Date.now();
    if (wait <= 0) {
      apply();
      return;
    }
    const timer = setTimeout(() => {
      this.#faultTimers.delete(timer);
      apply();
    }, wait);
    this.#faultTimers.add(timer);
  }

  async close(): Promise<void> {
    this.#pending.length = 0;
    for (const timer of this.#faultTimers) clearTimeout(timer);
    this.#faultTimers.clear();
    for (const connection of this.#connections) connection.socket.terminate();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /**
   * The connection a fault applies to: the shard's live one, else its newest open one (for shard 0,
   * the newest open connection, identified or not). Stops dispatching to it.
   */
  #takeTarget(shard: number): Connection | null {
    const open = [...this.#connections].filter((c) => c.socket.readyState === WebSocket.OPEN);
    const ofShard = open.filter((c) => (c.session?.shard[0] ?? 0) === shard);
    const target = this.#live.get(shard) ?? ofShard.at(-1) ?? null;
    this.#live.delete(shard);
    return target;
  }

  #onConnection(socket: WebSocket): void {
    const connection: Connection = { socket, session: null };
    this.#connections.add(connection);
    socket.on('message', (data, isBinary) => this.#onMessage(connection, data, isBinary));
    socket.on('close', (code) => {
      this.#connections.delete(connection);
      for (const [shard, live] of this.#live) if (live === connection) this.#live.delete(shard);
      // A client that closes with 1000/1001 ends its session for good, as on Discord.
      if ((code === 1000 || code === 1001) && connection.session) connection.session.valid = false;
      this.#options.onChange();
    });
    socket.on('error', () => {
      /* the close handler does the bookkeeping */
    });
    this.#send(connection, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.#options.heartbeatInterval }, s: null, t: null });
  }

  #onMessage(connection: Connection, data: WebSocket.RawData, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      if (isBinary) throw new Error('binary frame');
      payload = JSON.parse(rawToString(data)) as { op?: unknown; d?: unknown };
    } catch {
      this.#options.onRejection({ route: 'gateway message', status: GatewayCloseCodes.DecodeError, reason: 'undecodable payload' });
      connection.socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.heartbeatCount += 1;
        this.#send(connection, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        this.#options.onChange();
        return;
      case GatewayOpcodes.Identify:
        this.#identify(connection, payload.d);
        return;
      case GatewayOpcodes.Resume:
        this.#resume(connection, payload.d);
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
        if (!connection.session) this.#notAuthenticated(connection, payload.op);
        return;
      default:
        this.#options.onRejection({
          route: 'gateway message',
          status: GatewayCloseCodes.UnknownOpcode,
          reason: `unknown opcode ${String(payload.op)}`,
        });
        connection.socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
  }

  #notAuthenticated(connection: Connection, op: unknown): void {
    this.#options.onRejection({
      route: 'gateway message',
      status: GatewayCloseCodes.NotAuthenticated,
      reason: `op ${String(op)} before IDENTIFY`,
    });
    connection.socket.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
  }

  #checkToken(connection: Connection, token: unknown, route: string): boolean {
    if (token === this.#options.token) return true;
    this.#options.onRejection({ route, status: GatewayCloseCodes.AuthenticationFailed, reason: 'Authentication failed (wrong token)' });
    connection.socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    return false;
  }

  #identify(connection: Connection, d: unknown): void {
    const data = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
    if (!this.#checkToken(connection, data.token, 'gateway IDENTIFY')) return;
    if (connection.session) {
      this.#options.onRejection({
        route: 'gateway IDENTIFY',
        status: GatewayCloseCodes.AlreadyAuthenticated,
        reason: 'identified twice on one connection',
      });
      connection.socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    const intents = data.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0) {
      this.#options.onRejection({
        route: 'gateway IDENTIFY',
        status: GatewayCloseCodes.InvalidIntents,
        reason: `invalid intents ${String(intents)}`,
      });
      connection.socket.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
      return;
    }
    const disallowed = intents & PRIVILEGED_INTENTS & ~this.#options.privilegedIntents;
    if (disallowed !== 0) {
      this.#options.onRejection({
        route: 'gateway IDENTIFY',
        status: GatewayCloseCodes.DisallowedIntents,
        reason: `privileged intents ${disallowed} are not enabled`,
      });
      connection.socket.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return;
    }
    if (data.compress === true) {
      this.#options.onRejection({
        route: 'gateway IDENTIFY',
        status: GatewayCloseCodes.UnknownError,
        reason: 'identify compression is not supported by the fake',
      });
    }
    const shard = this.#checkShard(connection, data.shard);
    if (!shard) return;
    const guilds = this.#options.shardGuilds(shard);
    if (guilds.ids.length > MAX_GUILDS_PER_SHARD) {
      this.#options.onRejection({
        route: 'gateway IDENTIFY',
        status: GatewayCloseCodes.ShardingRequired,
        reason: `shard [${shard.join(', ')}] would hold ${guilds.ids.length} guilds (at most ${MAX_GUILDS_PER_SHARD})`,
      });
      connection.socket.close(GatewayCloseCodes.ShardingRequired, 'Sharding required.');
      return;
    }
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, intents, shard, valid: true, sent: [] };
    this.#sessions.set(session.id, session);
    connection.session = session;
    this.identifyCount += 1;
    this.identified.push(shard);
    this.intents = intents;

    this.#dispatchNow(connection, 'READY', {
      v: 10,
      ...this.#options.readyBase(),
      guilds: guilds.ids.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.#url,
      shard,
      private_channels: [],
      relationships: [],
      presences: [],
      geo_ordered_rtc_regions: [],
      guild_join_requests: [],
      user_settings: {},
      _trace: ['fake-discord'],
    });
    // Without the Guilds intent Discord sends no GUILD_CREATE (discord.js then skips waiting).
    if ((intents & Intent.Guilds) !== 0) {
      for (const guild of guilds.creates()) this.#dispatchNow(connection, 'GUILD_CREATE', guild);
    }
    this.#goLive(connection, 'identified');
  }

  /** IDENTIFY's `shard: [id, count]` (absent: `[0, 1]`); anything else, or an id not below the count, is closed with 4010. */
  #checkShard(connection: Connection, given: unknown): [number, number] | null {
    if (given === undefined) return [0, 1];
    const [id, count] = Array.isArray(given) && given.length === 2 ? (given as unknown[]) : [];
    const whole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
    if (whole(id) && whole(count) && id >= 0 && count >= 1 && id < count) return [id, count];
    this.#options.onRejection({
      route: 'gateway IDENTIFY',
      status: GatewayCloseCodes.InvalidShard,
      reason: `invalid shard ${JSON.stringify(given)}`,
    });
    connection.socket.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
    return null;
  }

  #resume(connection: Connection, d: unknown): void {
    const data = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
    if (!this.#checkToken(connection, data.token, 'gateway RESUME')) return;
    const session = typeof data.session_id === 'string' ? this.#sessions.get(data.session_id) : undefined;
    if (!session || !session.valid) {
      // Discord answers an unknown or dead session with op 9 (not resumable).
      this.#send(connection, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    connection.session = session;
    const seq = typeof data.seq === 'number' ? data.seq : 0;
    for (const { s, frame } of session.sent) {
      if (s > seq) connection.socket.send(frame);
    }
    this.resumeCount += 1;
    this.#dispatchNow(connection, 'RESUMED', { _trace: ['fake-discord'] });
    this.#goLive(connection, 'resumed');
  }

  #goLive(connection: Connection, outcome: SessionOutcome): void {
    const [shard, count] = connection.session?.shard ?? [0, 1];
    this.#live.set(shard, connection);
    this.#lastEstablishedAt.set(shard, Date.now());
    this.outcomes.push({ shard, outcome });
    // What this shard owns leaves the queue in order; the rest waits for its own shard.
    const waiting = this.#pending.splice(0);
    for (const item of waiting) {
      if (shardOf(item.guildId, count) === shard) this.#deliver(connection, item);
      else this.#pending.push(item);
    }
    this.#options.onChange();
  }

  #deliver(connection: Connection, item: QueuedDispatch): void {
    const session = connection.session;
    if (!session) {
      this.#pending.push(item);
      return;
    }
    const d = item.filter(session.intents, session.shard[0]);
    if (d === null) {
      this.filtered.push({ t: item.t, intents: session.intents });
      this.#options.onChange();
      return;
    }
    this.#dispatchNow(connection, item.t, d);
  }

  #dispatchNow(connection: Connection, t: string, d: unknown): void {
    const session = connection.session;
    if (!session) throw new Error(`dispatch ${t} without a session`);
    session.seq += 1;
    const frame = JSON.stringify({ op: GatewayOpcodes.Dispatch, t, s: session.seq, d });
    session.sent.push({ s: session.seq, frame });
    connection.socket.send(frame);
  }

  #send(connection: Connection, payload: Record<string, unknown>): void {
    if (connection.socket.readyState === WebSocket.OPEN) connection.socket.send(JSON.stringify(payload));
  }
}
