/** The few CouchDB HTTP API calls the sync needs, with errors sorted into what the user can act on. */
export type CouchErrorKind = 'network' | 'auth' | 'forbidden' | 'notFound' | 'tooLarge' | 'server' | 'aborted';

export class CouchError extends Error {
  constructor(
    readonly kind: CouchErrorKind,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'CouchError';
  }
}

import { z } from 'zod';
import type { AllDocsPage, BulkResult, ChangesPage, CouchDoc } from '../../wire/couch.ts';
import { SYNC_CHANGES_PATH, type SyncChangesAnswer, type SyncChangesRequest } from '../../wire/sync-changes.ts';
import { SYNC_CHECK_PATH, VERSION_HEADER, type SyncCheckAnswer, type SyncCheckRequest } from '../../wire/sync-check.ts';

export type { BulkResult, ChangesPage, CouchDoc };

export interface CouchClientOptions {
  /** e.g. `/couch` in the browser (same origin, cookie), `http://127.0.0.1:5984` in tests. */
  baseUrl: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /**
   * Send request bodies over 1 KB gzipped (the gateway unpacks them). Uploads are the
   * slow direction on a field link, and a week's record shrinks to about a quarter.
   */
  compressBodies?: boolean;
  /** The gateway's sync check (`/api/sync/check`); without it every round reads every scope's changes. */
  checkUrl?: string;
  /** The gateway's many-scope read (`/api/sync/changes`); without it each changed scope is read on its own. */
  changesUrl?: string;
}

/** What the sync check said: the answer and its ETag, the same as last time, signed out, or no answer to go by. */
export type CheckResult = { status: 'answer'; answer: SyncCheckAnswer; etag?: string } | { status: 'unchanged' } | { status: 'signedOut' } | { status: 'unavailable' };

// Only the shape is checked here: every document in it is checked as any other arrival is.
const changesParts = z.record(
  z.string(),
  z.union([
    z.object({ results: z.array(z.object({ id: z.string() }).loose()), last_seq: z.union([z.string(), z.number()]), pending: z.number().optional() }),
    z.object({ error: z.string(), reason: z.string(), status: z.number() }),
  ]),
);
const changesAnswer = z.object({ results: changesParts });

const checkAnswer = z.object({ name: z.string().min(1), roles: z.array(z.string()), versions: z.record(z.string(), z.string().nullable()), changes: changesParts.optional() });

const COMPRESS_FROM_BYTES = 1024;

async function gzip(text: string): Promise<ArrayBuffer> {
  return new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
}

export class CouchClient {
  /** Bytes of response bodies received so far (as decoded text), per database: for progress and the arrival summary. */
  private readonly received = new Map<string, number>();

  bytesReceived(db: string): number {
    return this.received.get(db) ?? 0;
  }

  constructor(private readonly options: CouchClientOptions) {}

  request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    return this.send<T>(`${this.options.baseUrl}${path}`, method, body, signal, decodeURIComponent(path.split(/[/?]/)[1] ?? ''));
  }

  /** `countAs`: the database whose received bytes the answer adds to; `seen` is given the answer's headers. */
  private async send<T>(url: string, method: string, body: unknown, signal: AbortSignal | undefined, countAs: string, seen?: (headers: Headers) => void): Promise<T> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 60_000);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      const sent = body === undefined ? undefined : await this.bodyOf(body);
      response = await (this.options.fetch ?? fetch)(url, {
        method,
        credentials: 'include',
        headers: { Accept: 'application/json', ...sent?.headers, ...this.options.headers },
        body: sent?.body,
        signal: combined,
      });
    } catch (error) {
      if (signal?.aborted) throw new CouchError('aborted', 0, 'aborted');
      throw new CouchError('network', 0, String((error as Error)?.message ?? error));
    }
    seen?.(response.headers);
    let payload: unknown;
    try {
      const text = await response.text();
      this.received.set(countAs, this.bytesReceived(countAs) + new TextEncoder().encode(text).length);
      payload = JSON.parse(text);
    } catch {
      if (signal?.aborted) throw new CouchError('aborted', 0, 'aborted');
      // A body cut off mid-way is a network failure, not a server answer.
      throw new CouchError(response.ok ? 'network' : kindOf(response.status), response.status, 'unreadable response');
    }
    if (!response.ok) {
      const reason = (payload as { reason?: string; error?: string } | null)?.reason ?? response.statusText;
      throw new CouchError(kindOf(response.status), response.status, reason);
    }
    return payload as T;
  }

  /**
   * One request for the whole round's question (server/sync-check.ts): with the ETag of the
   * last answer, the server answers "unchanged" without a body when nothing is new. With
   * `ask` (the scopes pulled here before), the answer also carries the next changes of those
   * whose version differs. Its bytes count under `SYNC_CHECK_PATH`.
   */
  async check(etag: string | undefined, ask?: SyncCheckRequest, signal?: AbortSignal): Promise<CheckResult> {
    const url = this.options.checkUrl;
    if (!url) return { status: 'unavailable' };
    const body = ask && Object.keys(ask.pulled).length ? await this.bodyOf(ask) : undefined;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method: body ? 'POST' : 'GET',
        credentials: 'include',
        // The ETag is ours to send: the browser's cache keeps nothing of this answer.
        cache: 'no-store',
        headers: { Accept: 'application/json', ...(etag ? { 'If-None-Match': etag } : {}), ...body?.headers, ...this.options.headers },
        body: body?.body,
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs ?? 60_000)]) : AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch {
      if (signal?.aborted) throw new CouchError('aborted', 0, 'aborted');
      return { status: 'unavailable' };
    }
    if (response.status === 304) return { status: 'unchanged' };
    if (response.status === 401) return { status: 'signedOut' };
    const text = response.ok ? await response.text().catch(() => '') : '';
    this.received.set(SYNC_CHECK_PATH, this.bytesReceived(SYNC_CHECK_PATH) + new TextEncoder().encode(text).length);
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not an answer: below
    }
    const parsed = response.ok ? checkAnswer.safeParse(json) : undefined;
    // An older gateway, a server error or an answer that is not one: the round reads every scope.
    if (!parsed?.success) return { status: 'unavailable' };
    return { status: 'answer', answer: parsed.data as SyncCheckAnswer, etag: response.headers.get('ETag') ?? undefined };
  }

  /** A JSON request body, gzipped when large and the platform can (see `compressBodies`). */
  private async bodyOf(value: unknown): Promise<{ body: string | ArrayBuffer; headers: Record<string, string> }> {
    const json = JSON.stringify(value);
    const packed = this.options.compressBodies && json.length >= COMPRESS_FROM_BYTES && typeof CompressionStream === 'function';
    return { body: packed ? await gzip(json) : json, headers: { 'Content-Type': 'application/json', ...(packed ? { 'Content-Encoding': 'gzip' } : {}) } };
  }

  /** A page of the scope's changes, with the scope's version as of just before it was read where the gateway gives one. */
  async changes(db: string, since: string, limit: number, signal?: AbortSignal): Promise<ChangesPage & { version?: string }> {
    // seq_interval: a cluster spells each row's sequence in ~90 characters that hardly
    // compress (14 % of a year's first sync); only the page's last_seq is ever used.
    const q = new URLSearchParams({ since, limit: String(limit), include_docs: 'true', seq_interval: String(limit) });
    let version: string | undefined;
    const page = await this.send<ChangesPage>(`${this.options.baseUrl}/${encodeURIComponent(db)}/_changes?${q}`, 'GET', undefined, signal, db, (h) => {
      version = h.get(VERSION_HEADER) ?? undefined;
    });
    return version === undefined ? page : { ...page, version };
  }

  /**
   * Several scopes' changes in one request (server/sync-changes.ts), each part what
   * `changes()` would answer for it, or its refusal. Undefined where the gateway has no such
   * read (then each scope is read on its own). Its bytes count under `SYNC_CHANGES_PATH`.
   */
  async changesOf(scopes: Record<string, string>, limit: number, signal?: AbortSignal): Promise<SyncChangesAnswer | undefined> {
    const url = this.options.changesUrl;
    if (!url) return undefined;
    const answer = await this.send<unknown>(url, 'POST', { scopes, limit } satisfies SyncChangesRequest, signal, SYNC_CHANGES_PATH);
    const parsed = changesAnswer.safeParse(answer);
    if (!parsed.success) throw new CouchError('server', 502, 'unreadable answer');
    return parsed.data as SyncChangesAnswer;
  }

  /** Every document whose id starts with `prefix` (`session:`: every session), by id. */
  async docsWithPrefix(db: string, prefix: string, signal?: AbortSignal): Promise<CouchDoc[]> {
    const q = new URLSearchParams({ include_docs: 'true', startkey: JSON.stringify(prefix), endkey: JSON.stringify(`${prefix}\ufff0`) });
    const page = await this.request<AllDocsPage>('GET', `/${encodeURIComponent(db)}/_all_docs?${q}`, undefined, signal);
    return page.rows.flatMap((row) => (row.doc && !row.doc._deleted ? [row.doc] : []));
  }

  bulkDocs(db: string, docs: CouchDoc[], signal?: AbortSignal): Promise<BulkResult[]> {
    return this.request<BulkResult[]>('POST', `/${encodeURIComponent(db)}/_bulk_docs`, { docs }, signal);
  }

  async getDoc(db: string, id: string, signal?: AbortSignal): Promise<CouchDoc | undefined> {
    try {
      return await this.request<CouchDoc>('GET', `/${encodeURIComponent(db)}/${encodeURIComponent(id)}`, undefined, signal);
    } catch (error) {
      if (error instanceof CouchError && error.kind === 'notFound') return undefined;
      throw error;
    }
  }
}

function kindOf(status: number): CouchErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 413) return 'tooLarge';
  return 'server';
}
