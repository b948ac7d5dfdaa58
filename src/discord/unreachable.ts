// What `start` and `deploy` say when Discord cannot be reached: which address,
// what went wrong when the system says so (refused, unknown host, TLS), and
// where to look. Nothing here knows the token; the messages pass through
// redact() on their way out anyway (src/secrets.ts).

/** The likely causes, named in every "cannot reach Discord" message. */
export const LIKELY_CAUSES = 'Check the network connection, any proxy or firewall between here and Discord, and DISCORD_API_URL.';

const NETWORK_ERRORS: [RegExp, string][] = [
  [/^ECONNREFUSED$/, 'the connection was refused'],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/, 'the host name could not be resolved'],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/, 'the connection was closed before an answer'],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/, 'the connection timed out'],
  [/^(EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN)$/, 'the network or host is unreachable'],
  [/^(CERT_|ERR_TLS|ERR_SSL|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/, 'its TLS certificate was not accepted (a proxy that intercepts TLS?)'],
];

/** "the connection was refused (ECONNREFUSED)" for a network error (also one wrapped by fetch as its cause); undefined for anything else. */
export function describeNetworkError(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 3; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    const found = NETWORK_ERRORS.find(([pattern]) => pattern.test(code));
    if (found) return `${found[1]} (${code})`;
  }
  return undefined;
}

/** The message for a connection that failed outright: "could not reach Discord at URL: the connection was refused (ECONNREFUSED). Check …". */
export function unreachableMessage(url: string, problem: string): string {
  return `could not reach Discord at ${url}: ${problem}. ${LIKELY_CAUSES}`;
}

/** The message for a connection that did not finish in time. */
export function noAnswerMessage(url: string, seconds: number): string {
  return `no answer from Discord at ${url} within ${seconds} s (DISCORD_CONNECT_TIMEOUT). ${LIKELY_CAUSES}`;
}
