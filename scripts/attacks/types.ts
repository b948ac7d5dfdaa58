// The shape every attack of `npm run attack` reports (scripts/attack.ts prints the table).
// A row fails on a crash, a leak, a hang, or memory not back within RSS_SLACK_MB of its start.
// An attack runs against the real entry point on loopback only, with bounded sizes and times.

export interface AttackResult {
  /** What was done, short: "2000 stalled 1 MiB bodies, well-formed signature". */
  attack: string;
  /** The hole it replays, as the issue numbers it: "#15.2". */
  hole: string;
  /** Requests, connections, files or inputs sent. */
  sent: number;
  /** What came back, counted: HTTP statuses ("401": 1000), or outcomes ("exit 1": 1, "reloaded": 0). */
  outcomes: Record<string, number>;
  /** Times the target process died when it should have lived. */
  crashes: number;
  /** Times a secret (token, private phone, key) or a raw stack trace appeared in output or replies. */
  leaks: number;
  /** Times the target gave no verdict within the attack's time bound (hung, or killed by the attack). */
  hangs?: number;
  /** The target's resident memory before the attack, at its peak during it, and after it ended (MB). */
  rssStartMb: number;
  rssPeakMb: number;
  rssEndMb: number;
  /** Median time from the attack's request to the bot's refusal or answer, in ms (null: not applicable). */
  rejectMs: number | null;
  /** Anything a reader needs to judge the row. */
  note?: string;
}

export interface Attack {
  /** A short name for `--only`. */
  name: string;
  run(): Promise<AttackResult[]>;
}

/** How much memory may stay after an attack (issue #15: back within 20 MB of its start). */
export const RSS_SLACK_MB = 20;

export function verdict(result: AttackResult): 'held' | 'FAILED' {
  return result.crashes === 0 && result.leaks === 0 && (result.hangs ?? 0) === 0 && result.rssEndMb - result.rssStartMb <= RSS_SLACK_MB
    ? 'held'
    : 'FAILED';
}
