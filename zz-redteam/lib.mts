import { startTestServer, basicAuth, type TestServer } from '../tooling/test-server.ts';
export { startTestServer, basicAuth };
export const PW = 'polku-demo';
export function mk(server: TestServer) {
  const pw = new Map<string, string>();
  const auth = (who: string) => basicAuth(who, pw.get(who) ?? PW);
  const api = async (who: string | null, op: string, body: unknown) => {
    const r = await fetch(`${server.url}/api/admin/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(who ? { Authorization: auth(who) } : {}) }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json().catch(() => null)) as any };
  };
  const claim = async (name: string, code: string, password: string) => {
    const r = await fetch(`${server.url}/api/account/claim`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, code, password }) });
    if (r.ok) pw.set(name, password);
    return { status: r.status, body: (await r.json().catch(() => null)) as any };
  };
  const couch = async (who: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(`${server.url}/couch${path}`, { method, headers: { 'Content-Type': 'application/json', ...(who ? { Authorization: auth(who) } : {}), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let b: any = text; try { b = JSON.parse(text); } catch {}
    return { status: r.status, body: b };
  };
  const user = async (name: string) => (await server.admin.request<any>('GET', `/_users/${encodeURIComponent('org.couchdb.user:' + name)}`)).body;
  return { api, claim, couch, user, pw };
}
export const log = (...a: unknown[]) => console.log(...a.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))));
