// The gateway half of the fake: a WebSocket server speaking Discord's v10 JSON protocol to
// @discordjs/ws. Sessions keep every dispatch they sent, so a RESUME replays what the client
// missed; dispatches made while no session is live are queued and flushed after the next READY
// or RESUMED, so no interaction is lost across a reconnect.
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
export type DeliveryFilter = (intents: number) => Record<string, unknown> | null;

interface QueuedDispatch {
  t: string;
  filter: DeliveryFilter;
}

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
  /** READY `d` without the session-specific keys. */
  readyBase: () => Record<string, unknown>;
  /** GUILD_CREATE payloads sent after READY (when the Guilds intent is set). */
  guildCreates: () => Record<string, unknown>[];
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
  /** The connection dispatches go to; null while nobody is identified or after a fault. */
  #live: Connection | null = null;
  #url = '';
  #lastEstablishedAt = 0;
  readonly #faultTimers = new Set<NodeJS.Timeout>();

  /** Every successful IDENTIFY or RESUME, in order. */
  readonly outcomes: SessionOutcome[] = [];
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

  /** Whether a session is live and would receive a dispatch right now. */
  get connected(): boolean {
    return this.#live !== null && this.#live.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a dispatch to the live session, or queues it until there is one. */
  dispatch(t: string, filter: DeliveryFilter): void {
    const live = this.#live;
    if (live && live.session && live.socket.readyState === WebSocket.OPEN) {
      this.#deliver(live, { t, filter });
    } else {
      this.#pending.push({ t, filter });
    }
  }

  /** Closes the live connection with `code`; codes a server cannot send (1006) drop the TCP socket instead. */
  closeConnection(code: number): void {
    this.#fault((target) => {
      if (isSendableCloseCode(code)) target.socket.close(code, 'fake Discord closed the connection');
      else target.socket.terminate();
    });
  }

  /** Sends op 7 Reconnect. */
  requestReconnect(): void {
    this.#fault((target) => target.socket.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null, s: null, t: null })));
  }

  /** Sends op 9 Invalid Session; a non-resumable one also forgets the session. */
  invalidateSession(resumable: boolean): void {
    this.#fault((target) => {
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
  #fault(act: (target: Connection) => void): void {
    const target = this.#takeTarget();
    if (!target) return;
    const apply = (): void => {
      if (target.socket.readyState === WebSocket.OPEN) act(target);
    };
    const wait = this.#lastEstablishedAt + this.#options.faultSettleMs - Date.now();
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

  /** The connection a fault applies to: the live one, else the newest open one. Stops dispatching to it. */
  #takeTarget(): Connection | null {
    const open = [...this.#connections].filter((c) => c.socket.readyState === WebSocket.OPEN);
    const target = this.#live ?? open.at(-1) ?? null;
    this.#live = null;
    return target;
  }

  #onConnection(socket: WebSocket): void {
    const connection: Connection = { socket, session: null };
    this.#connections.add(connection);
    socket.on('message', (data, isBinary) => this.#onMessage(connection, data, isBinary));
    socket.on('close', (code) => {
      this.#connections.delete(connection);
      if (this.#live === connection) this.#live = null;
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
    const shard: [number, number] =
      Array.isArray(data.shard) && data.shard.length === 2 ? [Number(data.shard[0]), Number(data.shard[1])] : [0, 1];
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, intents, shard, valid: true, sent: [] };
    this.#sessions.set(session.id, session);
    connection.session = session;
    this.identifyCount += 1;
    this.intents = intents;

    this.#dispatchNow(connection, 'READY', {
      v: 10,
      ...this.#options.readyBase(),
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
      for (const guild of this.#options.guildCreates()) this.#dispatchNow(connection, 'GUILD_CREATE', guild);
    }
    this.#goLive(connection, 'identified');
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
    this.#live = connection;
    this.#lastEstablishedAt = Date.now();
    this.outcomes.push(outcome);
    const queued = this.#pending.splice(0);
    for (const item of queued) this.#deliver(connection, item);
    this.#options.onChange();
  }

  #deliver(connection: Connection, item: QueuedDispatch): void {
    const session = connection.session;
    if (!session) {
      this.#pending.push(item);
      return;
    }
    const d = item.filter(session.intents);
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
