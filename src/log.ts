// Structured logging: one JSON object per line on stderr, so that stdout stays
// free for command output (`ask --json`, `search --json`, the terminal chat).
// Never pass a token or secret in `fields`; should one arrive anyway (in an
// error message from Discord or a proxy), every line passes through redact()
// (src/secrets.ts) on its way out.
import { writeSync } from 'node:fs';
import { redact } from './secrets.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * Lines written to stderr together once per turn of the event loop: under load
 * one write call carries many lines instead of one call each (stderr is
 * synchronous for files and pipes). Whatever is pending is written before the
 * process exits.
 */
function createBatchedStderr(): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('\n') + '\n';
    pending = [];
    try {
      writeSync(2, text);
    } catch {
      // stderr closed: nothing else can be told
    }
  };
  process.once('exit', flush);
  return (line) => {
    if (pending.push(line) === 1) setImmediate(flush);
  };
}

let stderrWriter: ((line: string) => void) | undefined;

export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  const sink = write ?? (stderrWriter ??= createBatchedStderr());
  const emit = (at: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields) => {
    if (RANK[at] < RANK[level]) return;
    sink(redact(JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...fields })));
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}

export const silentLogger: Logger = createLogger('silent');
