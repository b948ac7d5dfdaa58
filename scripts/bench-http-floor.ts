// The benchmark's floor: the least an HTTP interactions endpoint can do — read
// the body, verify the Ed25519 signature, answer PONG. The real server's
// throughput is reported as a ratio of this one, measured in the same run.
import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const SPKI_PREFIX = '302a300506032b6570032100';
const PONG = Buffer.from('{"type":1}');
const UNAUTHORIZED = Buffer.from('{"error":"invalid request signature"}');

export interface FloorServer {
  port: number;
  close(): Promise<void>;
}

/** Starts the floor server on 127.0.0.1 and an ephemeral port. */
export function startFloorServer(publicKeyHex: string): Promise<FloorServer> {
  const key = createPublicKey({ key: Buffer.from(SPKI_PREFIX + publicKeyHex, 'hex'), format: 'der', type: 'spki' });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const signature = req.headers['x-signature-ed25519'];
      const timestamp = req.headers['x-signature-timestamp'];
      let ok = false;
      if (typeof signature === 'string' && typeof timestamp === 'string') {
        try {
          ok = verify(null, Buffer.concat([Buffer.from(timestamp), ...chunks]), key, Buffer.from(signature, 'hex'));
        } catch {
          ok = false;
        }
      }
      const body = ok ? PONG : UNAUTHORIZED;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

// Run as a program (by scripts/bench-http.ts): start, print the port, serve until killed.
if (process.argv[1]?.endsWith('bench-http-floor.js') && process.argv[2]) {
  const floor = await startFloorServer(process.argv[2]);
  process.stdout.write(`${floor.port}\n`);
}
