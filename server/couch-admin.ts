import { sessionUserOf } from '../src/wire/couch.ts';

/** Server-admin access to CouchDB. Only the gateway, provisioning and the admin CLI use it. */
export class CouchAdmin {
  private readonly auth: string;
  readonly url: string;
  /** The server-admin name (the gateway lets no browser sign in with it). */
  readonly name: string;

  constructor(url: string, user: string, password: string) {
    this.url = url.replace(/\/$/, '');
    this.name = user;
    this.auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }

  /** From a URL with credentials in it, e.g. `https://admin:secret@couch.example:5984`. */
  static fromUrl(raw: string): CouchAdmin {
    const u = new URL(raw);
    const user = decodeURIComponent(u.username);
    const password = decodeURIComponent(u.password);
    u.username = '';
    u.password = '';
    return new CouchAdmin(u.toString(), user, password);
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { Authorization: this.auth, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed as T };
  }

  /** Fails with one plain sentence unless the server answers and takes these credentials as a server admin's. */
  async checkServerAdmin(): Promise<void> {
    const session = await this.request('GET', '/_session', undefined, AbortSignal.timeout(10_000)).catch(() => null);
    if (!session) throw new Error(`CouchDB does not answer at ${this.url}: check the address and that the server runs.`);
    if (!sessionUserOf(session.body)?.roles.includes('_admin')) throw new Error(`CouchDB at ${this.url} did not accept the user name and password as a server admin's (HTTP ${session.status}): check them in POLKU_COUCH_URL.`);
  }

  async ok<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.request<T>(method, path, body);
    if (r.status >= 400) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** Create a database unless it exists; true when it was created now. `q`: shards (Apache CouchDB; PouchDB Server ignores it). */
  async ensureDb(name: string, opts: { q?: number } = {}): Promise<boolean> {
    const r = await this.request('PUT', `/${encodeURIComponent(name)}${opts.q ? `?q=${opts.q}` : ''}`);
    if (r.status !== 201 && r.status !== 202 && r.status !== 412 && r.status !== 200) throw new Error(`create ${name}: ${r.status}`);
    return r.status !== 412;
  }

  /** Every database, or those whose names start with `prefix` (asked of the server as a range, so its answer follows what matches). */
  async allDbs(prefix?: string): Promise<string[]> {
    if (!prefix) return this.ok<string[]>('GET', '/_all_dbs');
    const range = `start_key=${encodeURIComponent(JSON.stringify(prefix))}&end_key=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`;
    // PouchDB Server ignores the range and answers every name.
    return (await this.ok<string[]>('GET', `/_all_dbs?${range}`)).filter((db) => db.startsWith(prefix));
  }

  private async stored(db: string, id: string) {
    const special = id.startsWith('_design/') || id.startsWith('_local/');
    const path = `/${encodeURIComponent(db)}/${special ? id : encodeURIComponent(id)}`;
    const current = await this.request<{ _rev?: string; [k: string]: unknown }>('GET', path);
    return { path, doc: current.status === 200 ? current.body : undefined };
  }

  /** Create or replace a document, whatever its current revision. */
  async put(db: string, doc: { _id: string; [k: string]: unknown }) {
    const { path, doc: current } = await this.stored(db, doc._id);
    return this.ok('PUT', path, current?._rev ? { ...doc, _rev: current._rev } : doc);
  }

  async putUser(name: string, password: string | undefined, roles: string[]) {
    const id = `org.couchdb.user:${name}`;
    const path = `/_users/${encodeURIComponent(id)}`;
    const current = await this.request<Record<string, unknown>>('GET', path);
    const base = current.status === 200 ? current.body : { _id: id, name, type: 'user' };
    return this.ok('PUT', path, { ...base, roles, ...(password ? { password } : {}) });
  }
}
