import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy that misbehaves on purpose, the way a field connection does: it drops a
 * request before it reaches the server, cuts the answer after the server has acted on it,
 * or stalls. Seeded, so a failing run can be replayed exactly.
 */
export interface FaultCounts {
  passed: number;
  dropped: number;
  cut: number;
  stalled: number;
}

export interface FaultProxy {
  url: string;
  counts: FaultCounts;
  /** Stop misbehaving (the network heals). */
  heal(): void;
  close(): Promise<void>;
}

/** mulberry32: small, fast and good enough to replay a fault schedule. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFaultProxy(
  target: string,
  opts: { seed: number; faultRate?: number; maxStallMs?: number; /** Which requests may misbehave (default: all). */ faulty?: (path: string) => boolean },
): Promise<FaultProxy> {
  const random = seededRandom(opts.seed);
  const rate = opts.faultRate ?? 0.4;
  const counts: FaultCounts = { passed: 0, dropped: 0, cut: 0, stalled: 0 };
  let healed = false;
  const upstream = new URL(target);

  const forward = (req: IncomingMessage, body: Buffer, onResponse: (status: number, headers: Record<string, string | string[] | undefined>, data: Buffer) => void, onError: () => void) => {
    // The Host the device sent goes on unchanged, as through a network path: the gateway
    // compares a browser's Origin with it and refuses a write from any other origin.
    const up = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => onResponse(res.statusCode ?? 502, res.headers, Buffer.concat(chunks)));
        res.on('error', onError);
      },
    );
    up.on('error', onError);
    up.end(body);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const roll = healed || (opts.faulty && !opts.faulty(req.url ?? '')) ? 1 : random();
      const kind = roll < rate / 3 ? 'drop' : roll < (2 * rate) / 3 ? 'cut' : roll < rate ? 'stall' : 'pass';
      const send = (status: number, headers: Record<string, string | string[] | undefined>, data: Buffer) => {
        const { 'transfer-encoding': _te, connection: _c, 'content-length': _cl, ...rest } = headers;
        res.writeHead(status, { ...rest, 'content-length': String(data.length) });
        res.end(data);
      };
      const fail = () => res.destroy();
      if (kind === 'drop') {
        counts.dropped++;
        return res.destroy();
      }
      if (kind === 'cut') {
        // The server does the work; the answer never arrives.
        counts.cut++;
        return forward(req, body, (_s, _h, data) => (data.length > 1 ? (res.writeHead(200, { 'content-length': String(data.length) }), res.write(data.subarray(0, Math.floor(data.length / 2))), res.destroy()) : res.destroy()), fail);
      }
      if (kind === 'stall') {
        counts.stalled++;
        const ms = Math.floor(random() * (opts.maxStallMs ?? 800));
        return setTimeout(() => forward(req, body, send, fail), ms);
      }
      counts.passed++;
      forward(req, body, send, fail);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    heal: () => (healed = true),
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
