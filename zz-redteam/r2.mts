import { startTestServer, mk, log, basicAuth, PW } from './lib.mts';
const lines: string[] = [];
const server = await startTestServer();
(server.server.relay as any).log = (l: string) => lines.push(l);
const { api, couch, claim, user } = mk(server);
const G = 'polku-g-pitstop01', A = 'polku-p-aino0001', E = 'polku-p-eero0002';
const now = () => new Date().toISOString();
const base = (id: string, type: string, scope: string, by: string, extra: object) => ({ _id: id, type, scope, schemaVersion: 1, createdAt: now(), updatedAt: now(), createdBy: by, updatedBy: by, clock: {}, ...extra });
const get = async (db: string, id: string) => (await server.admin.request<any>('GET', `/${db}/${encodeURIComponent(id)}`)).body;
const settle = () => Promise.race([server.server.relay.settle(3), new Promise((r) => setTimeout(r, 8000))]);
try {
  log('B1 aino _bulk_get eero db', JSON.stringify((await couch('aino', 'POST', `/${E}/_bulk_get`, { docs: [{ id: 'group:pitstop01' }, { id: 'attendance:demo0000:eero0002' }] })).body).slice(0, 600));
  log('B1 aino _bulk_get group db', JSON.stringify((await couch('aino', 'POST', `/${G}/_bulk_get`, { docs: [{ id: 'participant:eero0002' }, { id: 'group:pitstop01' }] })).body).slice(0, 600));
  log('B1 anon _bulk_get group db', JSON.stringify((await couch(null, 'POST', `/${G}/_bulk_get`, { docs: [{ id: 'participant:eero0002' }] })).body).slice(0, 600));

  // R3 with eero
  const ride = base('ride:demo0003:eero0002', 'ride', E, 'eero', { sessionId: 'session:demo0003', participantId: 'participant:eero0002', village: 'V', pickupPoint: 'P', seats: 1, status: 'requested' });
  log('R3 ride', (await couch('eero', 'POST', `/${E}/_bulk_docs`, { docs: [ride] })).body);
  await settle();
  const g1 = await get(G, ride._id);
  const t = now();
  const conf = { ...g1, scope: G, status: 'confirmed', updatedAt: t, updatedBy: 'ohjaaja1', clock: { ...g1.clock, status: `${t}|staffdev` } };
  log('R3 staff confirm', (await couch('ohjaaja1', 'POST', `/${G}/_bulk_docs`, { docs: [conf] })).body);
  await settle();
  const a1 = await get(E, ride._id);
  log('R3 eero copy status', a1.status);
  const fut = '9999-12-31T23:59:59.999Z';
  const f2 = { ...a1, status: 'requested', seats: 8, pickupPoint: 'forged', updatedAt: fut, updatedBy: 'eero', clock: { ...a1.clock, status: `${fut}|x`, seats: `${fut}|x`, pickupPoint: `${fut}|x` } };
  log('R3 eero future clock', (await couch('eero', 'POST', `/${E}/_bulk_docs`, { docs: [f2] })).body);
  await settle();
  const g2 = await get(G, ride._id);
  log('R3 group ride after', { status: g2.status, seats: g2.seats, updatedAt: g2.updatedAt, updatedBy: g2.updatedBy });
  const t2 = now();
  log('R3 staff reconfirm', (await couch('ohjaaja1', 'POST', `/${G}/_bulk_docs`, { docs: [{ ...g2, status: 'confirmed', updatedAt: t2, updatedBy: 'ohjaaja1', clock: { ...g2.clock, status: `${t2}|s` } }] })).body);
  await settle();
  log('R3 group/eero status after reconfirm', (await get(G, ride._id)).status, (await get(E, ride._id)).status);
  log('relay log', lines.slice(-3));

  // C1 createGroup race between two coordinators (k and mallory)
  await api('koordinaattori', 'createGroup', { name: 'M', key: 'mmmm0001' });
  const m = await api('koordinaattori', 'addCoordinator', { groupKey: 'mmmm0001', name: 'mallory' });
  await claim('mallory', m.body.code.code, 'mallory-pass-1');
  await api('mallory', 'removeStaff', { groupKey: 'mmmm0001', name: 'koordinaattori' });
  const [r1, r2] = await Promise.all([api('koordinaattori', 'createGroup', { name: 'Victim', key: 'race0001' }), api('mallory', 'createGroup', { name: 'Evil', key: 'race0001' })]);
  log('C1 race', r1, r2);
  log('C1 roles k', (await user('koordinaattori')).roles, 'mallory', (await user('mallory')).roles, 'group doc', (await get('polku-g-race0001', 'group:race0001')).coordinators);

  // X1 cross-site / content-type
  const bulk = { docs: [] };
  for (const h of [{ Origin: 'http://evil.example' }, { Origin: 'null' }, { 'Sec-Fetch-Site': 'cross-site' }, { 'Sec-Fetch-Site': 'same-site' }, { Origin: server.url.replace('127.0.0.1', 'localhost') }, { 'Content-Type': 'text/plain' }, { 'Content-Type': 'application/json-patch+json' }, { 'Content-Type': 'application/jsonx' }])
    log('X1', h, (await couch('aino', 'POST', `/${A}/_bulk_docs`, bulk, h)).status);
  // Host header spoof matching Origin
  const rr = await fetch(`${server.url}/api/admin/createGroup`, { method: 'POST', headers: { Host: 'evil.example', Origin: 'http://evil.example', 'Content-Type': 'application/json', Authorization: basicAuth('koordinaattori', PW) }, body: '{"name":"H"}' });
  log('X2 Host=Origin=evil (fetch may override Host)', rr.status);
  // Basic auth + cookie mixing: aino cookie + basic eero wrong password
  const s = await fetch(`${server.url}/couch/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'koordinaattori', password: PW }) });
  const cookie = s.headers.get('set-cookie')!.split(';')[0]!;
  const mix = await fetch(`${server.url}/api/admin/resetPassword`, { method: 'POST', headers: { Cookie: cookie, Authorization: basicAuth('aino', 'wrong'), 'Content-Type': 'application/json' }, body: JSON.stringify({ groupKey: 'pitstop01', name: 'aino' }) });
  log('M1 coordinator cookie + wrong basic', mix.status, await mix.text());
  const mix2 = await fetch(`${server.url}/couch/${G}/_all_docs?limit=1`, { headers: { Cookie: cookie, Authorization: basicAuth('aino', PW) } });
  log('M2 coordinator cookie + aino basic on group db', mix2.status);
  // O1 oversize
  const big = JSON.stringify({ docs: [{ _id: 'x', pad: 'a'.repeat(9 * 1024 * 1024) }] });
  const o = await fetch(`${server.url}/couch/${A}/_bulk_docs`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: basicAuth('aino', PW) }, body: big }).catch((e) => ({ status: String(e) }));
  log('O1 9MB body', (o as any).status);
  const ao = await fetch(`${server.url}/api/admin/enrol`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: basicAuth('koordinaattori', PW) }, body: JSON.stringify({ pad: 'a'.repeat(200000) }) }).catch((e) => ({ status: String(e) }));
  log('O2 200KB admin body', (ao as any).status);
  // O3 ~7MB rsvp field from participant -> copied to group?
  const fat = base('rsvp:demo0001:eero0002', 'rsvp', E, 'eero', { sessionId: 'session:demo0001', participantId: 'participant:eero0002', status: 'coming', junk: 'z'.repeat(7 * 1024 * 1024) });
  log('O3 fat rsvp', (await couch('eero', 'POST', `/${E}/_bulk_docs`, { docs: [fat] })).body);
  await settle();
  log('O3 in group size', JSON.stringify(await get(G, fat._id)).length);
  log('admin still up', (await server.admin.request('GET', '/_up')).status, 'restarts', server.couch.restarts());
} finally {
  await server.stop();
}
