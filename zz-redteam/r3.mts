import { startTestServer, mk, log, basicAuth, PW } from './lib.mts';
const server = await startTestServer();
const { couch } = mk(server);
try {
  // anon _bulk_get on all scope dbs
  const dbs = (await server.admin.ok<string[]>('GET', '/_all_dbs')).filter((d) => d.startsWith('polku-'));
  for (const db of dbs) {
    const ids = (await server.admin.ok<any>('GET', `/${db}/_all_docs`)).rows.map((r: any) => r.id);
    const r = await couch(null, 'POST', `/${db}/_bulk_get?revs=true`, { docs: ids.filter((i: string) => !i.startsWith('_')).map((id: string) => ({ id })) });
    const got = r.body?.results?.filter((x: any) => x.docs?.[0]?.ok).map((x: any) => x.id) ?? r.body;
    log('ANON _bulk_get', db, r.status, `${Array.isArray(got) ? got.length : JSON.stringify(got)} of ${ids.length}`, Array.isArray(got) ? got.filter((i: string) => i.startsWith('note')).slice(0, 2) : '');
  }
  const note = (await couch(null, 'POST', '/polku-g-pitstop01/_bulk_get', { docs: [{ id: (await server.admin.ok<any>('GET', '/polku-g-pitstop01/_all_docs?startkey="note:"&endkey="note:\ufff0"&limit=1')).rows[0]?.id ?? 'note:x' }] })).body;
  log('ANON note text', JSON.stringify(note).slice(0, 400));
  // _design via bulk_get?
  log('ANON design', JSON.stringify((await couch(null, 'POST', '/polku-g-pitstop01/_bulk_get', { docs: [{ id: '_design/polku' }] })).body).slice(0, 200));
  log('ANON _local', JSON.stringify((await couch(null, 'POST', '/polku-g-pitstop01/_bulk_get', { docs: [{ id: '_local/x' }] })).body).slice(0, 200));

  // Throttle reset via cookie + Basic
  const s = await fetch(`${server.url}/couch/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'aino', password: PW }) });
  const cookie = s.headers.get('set-cookie')!.split(';')[0]!;
  const statuses: number[] = [];
  for (let i = 0; i < 30; i++) {
    const g = await fetch(`${server.url}/couch/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'ohjaaja2', password: `guess-${i}` }) });
    statuses.push(g.status);
    const f = await fetch(`${server.url}/couch/_session`, { headers: { Cookie: cookie, Authorization: basicAuth('ohjaaja2', `junk-${i}`) } });
    if (i === 0) log('fake-success status', f.status, await f.text());
  }
  const right = await fetch(`${server.url}/couch/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'ohjaaja2', password: PW }) });
  log('T1 30 wrong guesses with resets:', statuses.join(','), 'then right password', right.status);
  // control: same without resets on another account
  const ctl: number[] = [];
  for (let i = 0; i < 10; i++) ctl.push((await fetch(`${server.url}/couch/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'ohjaaja1', password: `guess-${i}` }) })).status);
  log('T1 control without resets', ctl.join(','));
} finally {
  await server.stop();
}
