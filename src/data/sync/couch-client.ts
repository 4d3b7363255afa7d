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

export interface CouchDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  [field: string]: unknown;
}

export interface ChangesPage {
  results: { id: string; seq: string | number; deleted?: boolean; doc?: CouchDoc }[];
  last_seq: string | number;
  pending?: number;
}

export type BulkResult = { id: string; ok?: boolean; rev?: string; error?: string; reason?: string };

export interface CouchClientOptions {
  /** e.g. `/couch` in the browser (same origin, cookie), `http://127.0.0.1:5984` in tests. */
  baseUrl: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class CouchClient {
  /** Bytes of response bodies received so far (as decoded text), per database: for progress and the arrival summary. */
  private readonly received = new Map<string, number>();

  bytesReceived(db: string): number {
    return this.received.get(db) ?? 0;
  }

  constructor(private readonly options: CouchClientOptions) {}

  async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 60_000);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(`${this.options.baseUrl}${path}`, {
        method,
        credentials: 'include',
        headers: {
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...this.options.headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: combined,
      });
    } catch (error) {
      if (signal?.aborted) throw new CouchError('aborted', 0, 'aborted');
      throw new CouchError('network', 0, String((error as Error)?.message ?? error));
    }
    let payload: unknown;
    try {
      const text = await response.text();
      const db = decodeURIComponent(path.split(/[/?]/)[1] ?? '');
      this.received.set(db, this.bytesReceived(db) + new TextEncoder().encode(text).length);
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

  changes(db: string, since: string, limit: number, signal?: AbortSignal): Promise<ChangesPage> {
    const q = new URLSearchParams({ since, limit: String(limit), include_docs: 'true' });
    return this.request<ChangesPage>('GET', `/${encodeURIComponent(db)}/_changes?${q}`, undefined, signal);
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
