// Sharding with discord.js's own machinery: one Client runs every shard of the
// bot over its WebSocketManager (@discordjs/ws), each shard its own connection,
// session and resume. One process rather than discord.js's ShardingManager (a
// process per shard): a shard's own cost is one WebSocket and its guilds' cache,
// while a process costs a whole Node.js with discord.js and the profile's index;
// the bot keeps no per-guild state that would outgrow one process, and one
// process keeps one PortfolioStore (one reload on a profile change) and one
// guild count with no cross-process sum (docs/performance.md, "Sharding").
import type { Client, ClientOptions, Status as StatusType } from 'discord.js';
import { discord } from './library.js';

/** `auto` asks Discord (GET /gateway/bot) for its recommended count; a number runs shards 0 to n − 1. */
export type ShardSetting = 'auto' | number;

/** The Client options that run the shards of `setting`, all in this process. */
export function shardOptions(setting: ShardSetting): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (setting === 'auto') return { shards: 'auto' };
  return { shards: Array.from({ length: setting }, (_, id) => id), shardCount: setting };
}

export interface ShardStatus {
  id: number;
  /** discord.js's status of the shard, in words: ready, connecting, resuming, identifying, waiting-for-guilds, … */
  status: string;
  /** Guilds this shard holds (each guild lives on one shard). */
  guilds: number;
  /** Latency of the last heartbeat in ms; -1 before the first. */
  ping: number;
}

export interface GatewayStatus {
  /** ok: every shard ready; starting: not ready yet; degraded: ready once, and a shard is away. */
  status: 'ok' | 'starting' | 'degraded';
  /** Summed over the shards. */
  guilds: number;
  shards: ShardStatus[];
}

/** "WaitingForGuilds" → "waiting-for-guilds". */
function statusWord(status: StatusType): string {
  return (discord.Status[status] ?? String(status)).replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase();
}

/** Every shard of the client, with its guilds counted from the cache (one pass), and the whole's verdict. */
export function gatewayStatus(client: Client): GatewayStatus {
  const perShard = new Map<number, number>();
  for (const guild of client.guilds.cache.values()) perShard.set(guild.shardId, (perShard.get(guild.shardId) ?? 0) + 1);
  const shards = [...client.ws.shards.values()]
    .map((shard) => ({ id: shard.id, status: statusWord(shard.status), guilds: perShard.get(shard.id) ?? 0, ping: shard.ping }))
    .sort((a, b) => a.id - b.id);
  const allReady = shards.length > 0 && shards.every((shard) => shard.status === 'ready');
  return {
    status: allReady ? 'ok' : client.isReady() ? 'degraded' : 'starting',
    guilds: client.guilds.cache.size,
    shards,
  };
}
