/**
 * The few Web APIs the domain uses that every runtime Polku runs in has (browsers, the
 * service worker, Node 20), declared for the domain's own DOM-free, Node-free check
 * (src/domain/tsconfig.json only; the app and server configs have the full declarations).
 */
declare var crypto: { getRandomValues<T extends ArrayBufferView | null>(array: T): T };
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
