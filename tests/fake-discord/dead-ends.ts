// Places on 127.0.0.1 where a Discord should be and is not, for the tests of what the bot does
// when Discord cannot be reached. Point DISCORD_API_URL at `url`, or make the fake Discord
// advertise `wsUrl` as its gateway (`discord.gatewayUrl = deadEnd.wsUrl`).
//   - startSilentServer(): accepts TCP connections and never writes a byte: an HTTP request is
//     never answered, a WebSocket handshake never completes.
//   - startMuteGateway(): completes the WebSocket handshake and then never sends HELLO.
//   - refusedAddress(): a port nothing listens on: every connection is refused.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface DeadEnd {
  /** REST base, e.g. `http://127.0.0.1:PORT/api`. */
  url: string;
  /** The same port as a gateway url, e.g. `ws://127.0.0.1:PORT`. */
  wsUrl: string;
  /** Connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

function urls(port: number): { url: string; wsUrl: string } {
  return { url: `http://127.0.0.1:${port}/api`, wsUrl: `ws://127.0.0.1:${port}` };
}

/** Accepts every connection, reads what comes, answers nothing. */
export async function startSilentServer(): Promise<DeadEnd> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    ...urls((server.address() as AddressInfo).port),
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A WebSocket server that accepts the upgrade and then stays silent: no HELLO, no close. */
export async function startMuteGateway(): Promise<DeadEnd> {
  let connections = 0;
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => {
    connections += 1;
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    ...urls((server.address() as AddressInfo).port),
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

/** The address of a port that was free a moment ago and is closed now: connections to it are refused. */
export async function refusedAddress(): Promise<{ url: string; wsUrl: string }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return urls(port);
}
