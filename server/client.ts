import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import type { TLSSocket } from 'node:tls';

/**
 * Who is at the other end of a request, and through what. `X-Forwarded-*` headers are
 * believed only from a proxy the operator names (POLKU_TRUSTED_PROXY): from anyone else
 * they are the client's own words.
 */
export interface ClientTrust {
  /** Addresses of reverse proxies in front of the gateway. */
  trustedProxies?: readonly string[];
  /** The app's public address (POLKU_PUBLIC_URL), e.g. https://polku.example.fi */
  publicUrl?: string;
}

export interface Client {
  /** The throttles' key: an IPv4 address, or an IPv6 /64 (one subscriber's whole range). */
  address: string;
  /** The browser reached us over TLS (here or at the trusted proxy). */
  https: boolean;
  /** The app's own origin, as the browser names it. */
  origin: string;
}

const plain = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

function addressKey(raw: string): string {
  const address = plain(raw.trim().replace(/^\[|\]$/g, ''));
  if (!isIPv6(address)) return address;
  // Expand `::` and keep the first four groups.
  const [head = '', tail = ''] = address.split('::');
  const h = head ? head.split(':') : [];
  const t = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

const lastOf = (header: string | string[] | undefined) => {
  const text = Array.isArray(header) ? header.join(',') : header;
  const parts = text?.split(',').map((p) => p.trim()).filter(Boolean);
  return parts?.at(-1);
};

export function clientOf(req: IncomingMessage, trust: ClientTrust): Client {
  const peer = plain(req.socket.remoteAddress ?? '');
  const proxied = (trust.trustedProxies ?? []).map(plain).includes(peer);
  // The proxy appends the address it saw: the last entry is the one it vouches for.
  const forwarded = proxied ? lastOf(req.headers['x-forwarded-for']) : undefined;
  const tls = (req.socket as TLSSocket).encrypted === true;
  const proto = proxied ? lastOf(req.headers['x-forwarded-proto'])?.toLowerCase() : undefined;
  const pub = trust.publicUrl ? new URL(trust.publicUrl) : undefined;
  const https = tls || proto === 'https' || pub?.protocol === 'https:';
  const host = (proxied ? lastOf(req.headers['x-forwarded-host']) : undefined) ?? req.headers.host ?? '';
  return {
    address: addressKey(forwarded ?? peer),
    https,
    origin: pub ? pub.origin : `${tls || proto === 'https' ? 'https' : 'http'}://${host}`,
  };
}

/**
 * A state-changing request from a page of another site (or from another port of this
 * host, which `SameSite` counts as the same site): refused. Browsers name the page's
 * origin on every such request; clients without a browser name none and pass.
 */
export function crossSite(req: IncomingMessage, client: Client): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return true;
  const origin = req.headers.origin;
  return origin !== undefined && origin !== client.origin;
}

/** The body is JSON, the only kind the app sends (maybe gzipped: `Content-Encoding`, checked later). */
export function jsonBody(req: IncomingMessage): boolean {
  return /^application\/json\s*(;|$)/i.test(String(req.headers['content-type'] ?? ''));
}
