import { startTestServer, mk, log } from './lib.mts';
const lines: string[] = [];
const server = await startTestServer();
// capture relay log
(server.server.relay as any).log = (l: string) => lines.push(l);
const { api, couch } = mk(server);
const G = 'polku-g-pitstop01', A = 'polku-p-aino0001', E = 'polku-p-eero0002';
const now = () => new Date().toISOString();
const base = (id: string, type: string, scope: string, by: string, extra: object) => ({ _id: id, type, scope, schemaVersion: 1, createdAt: now(), updatedAt: now(), createdBy: by, updatedBy: by, clock: {}, ...extra });
const get = async (db: string, id: string) => (await server.admin.request<any>('GET', `/${db}/${encodeURIComponent(id)}`)).body;
const settle = () => Promise.race([server.server.relay.settle(3), new Promise((r) => setTimeout(r, 8000))]);
try {
  // R1 cross-scope reads as aino
  for (const [m, p, b] of [
    ['GET', `/${E}/_all_docs`], ['POST', `/${E}/_all_docs`, { keys: ['group:pitstop01'] }], ['POST', `/${E}/_bulk_get`, { docs: [{ id: 'group:pitstop01' }] }],
    ['POST', `/${E}/_revs_diff`, { 'group:pitstop01': ['1-x'] }], ['GET', `/${E}/_changes`], ['GET', `/${G}/_all_docs`], ['POST', `/${G}/_bulk_get`, { docs: [{ id: 'participant:eero0002' }] }],
    ['POST', `/${G}/_revs_diff`, { 'participant:eero0002': ['1-x'] }], ['GET', `/${G}/participant:eero0002`], ['GET', `/polku-server/_all_docs`], ['GET', `/${E}/`],
  ] as const) log('R1 aino', m, p, (await couch('aino', m, p, b)).status);
  // R1b instructor reading a participant not home in their group? create group B with participant
  await api('koordinaattori', 'createGroup', { name: 'B', key: 'bbbb0001' });
  const bp = (await api('koordinaattori', 'enrol', { groupKey: 'bbbb0001', username: 'bpart', displayName: 'B', homeVillage: 'V' })).body.participantKey;
  log('R1b ohjaaja1 reads B participant db', (await couch('ohjaaja1', 'GET', `/polku-p-${bp}/_all_docs`)).status, 'bulk_get', (await couch('ohjaaja1', 'POST', `/polku-p-${bp}/_bulk_get`, { docs: [{ id: 'group:bbbb0001' }] })).status);
  // R1c ohjaaja1 writing to aino's db (home group staff)
  const rsvpA = base('rsvp:demo0006:aino0001', 'rsvp', A, 'ohjaaja1', { sessionId: 'session:demo0006', participantId: 'participant:aino0001', status: 'coming' });
  log('R1c ohjaaja1 writes into aino db', (await couch('ohjaaja1', 'POST', `/${A}/_bulk_docs`, { docs: [rsvpA] })).body);

  // R2 attachments
  const att = base('rsvp:demo0005:aino0001', 'rsvp', A, 'aino', { sessionId: 'session:demo0005', participantId: 'participant:aino0001', status: 'coming', _attachments: { 'x.txt': { content_type: 'text/plain', data: Buffer.from('hello').toString('base64') } } });
  log('R2 aino writes rsvp with attachment', (await couch('aino', 'POST', `/${A}/_bulk_docs`, { docs: [att] })).body);
  await settle();
  const later = base('rsvp:demo0004:aino0001', 'rsvp', A, 'aino', { sessionId: 'session:demo0004', participantId: 'participant:aino0001', status: 'notComing' });
  log('R2 aino writes plain rsvp after', (await couch('aino', 'POST', `/${A}/_bulk_docs`, { docs: [later] })).body);
  await settle();
  log('R2 group has attachment rsvp?', (await get(G, att._id))._id ?? 'no', 'later rsvp?', (await get(G, later._id))._id ?? 'no');
  log('R2 relay log', lines.slice(-3));

  // R3 ride clock forging: aino requests ride; staff confirms; aino re-writes with future clock
  const rideId = 'ride:demo0003:eero0002';
  const ride = base('ride:demo0003:aino0001', 'ride', A, 'aino', { sessionId: 'session:demo0003', participantId: 'participant:aino0001', village: 'V', pickupPoint: 'P', seats: 1, status: 'requested' });
  log('R3 ride', (await couch('aino', 'POST', `/${A}/_bulk_docs`, { docs: [ride] })).body);
  await settle();
  const g1 = await get(G, ride._id);
  const t = now();
  const conf = { ...g1, status: 'confirmed', updatedAt: t, updatedBy: 'ohjaaja1', clock: { ...g1.clock, status: `${t}|staffdev` } };
  log('R3 staff confirm', (await couch('ohjaaja1', 'POST', `/${G}/_bulk_docs`, { docs: [conf] })).body);
  await settle();
  const a1 = await get(A, ride._id);
  log('R3 aino copy status', a1.status);
  // aino tries to write confirmed -> denied; tries forging updatedBy
  const forged = { ...a1, status: 'confirmed', seats: 8, updatedAt: now(), updatedBy: 'aino', clock: { ...a1.clock, seats: `9999-12-31T00:00:00.000Z|x` } };
  log('R3 aino keeps confirmed + edits seats', (await couch('aino', 'POST', `/${A}/_bulk_docs`, { docs: [forged] })).body);
  const fut = '9999-12-31T23:59:59.999Z';
  const f2 = { ...a1, status: 'requested', seats: 8, declineReason: 'x', updatedAt: fut, updatedBy: 'aino', clock: { ...a1.clock, status: `${fut}|x`, seats: `${fut}|x` } };
  log('R3 aino future clock', (await couch('aino', 'POST', `/${A}/_bulk_docs`, { docs: [f2] })).body);
  await settle();
  log('R3 group ride after', await get(G, ride._id));
  // staff confirms again
  const g2 = await get(G, ride._id); const t2 = now();
  log('R3 staff reconfirm', (await couch('ohjaaja1', 'POST', `/${G}/_bulk_docs`, { docs: [{ ...g2, status: 'confirmed', updatedAt: t2, updatedBy: 'ohjaaja1', clock: { ...g2.clock, status: `${t2}|s` } }] })).body);
  await settle();
  log('R3 group/aino status after reconfirm', (await get(G, ride._id)).status, (await get(A, ride._id)).status);

  // R4 participantId naming eero in aino's db; id naming eero
  const forE = base('rsvp:demo0002:eero0002', 'rsvp', A, 'aino', { sessionId: 'session:demo0002', participantId: 'participant:eero0002', status: 'notComing' });
  log('R4 aino writes eero rsvp in own db', (await couch('aino', 'POST', `/${A}/_bulk_docs`, { docs: [forE] })).body);
  const mixed = { ...forE, _id: 'rsvp:demo0002:aino0001', participantId: 'participant:eero0002' };
  log('R4 aino own id, eero participantId', (await couch('aino', 'POST', `/${A}/_bulk_docs`, { docs: [mixed] })).body);
  // R5 odd ids
  for (const id of ['rsvp:demo0002:aino0001\u0000', 'rsvp:DEMO0002:aino0001', 'rsvp:demo0002:aino0001:x', 'x'.repeat(250), 'rsvp:' + 'a'.repeat(32) + ':aino0001'])
    log('R5 id', JSON.stringify(id).slice(0, 50), (await couch('aino', 'POST', `/${A}/_bulk_docs`, { docs: [{ ...forE, _id: id, participantId: 'participant:aino0001', sessionId: 'session:' + (id.split(':')[1] ?? '') }] })).body);
  // R6 staff writes doc with attachments in group -> relay to participants stalls?
  const sess = await get(G, 'session:demo0007');
  const t3 = now();
  log('R6 staff session with attachment', (await couch('ohjaaja1', 'POST', `/${G}/_bulk_docs`, { docs: [{ ...sess, village: 'Z', updatedAt: t3, updatedBy: 'ohjaaja1', clock: { ...sess.clock, village: `${t3}|s` }, _attachments: { 'a.txt': { content_type: 'text/plain', data: 'aGk=' } } }] })).body);
  await settle();
  const s2 = await get(G, 'session:demo0006'); const t4 = now();
  log('R6 staff plain edit', (await couch('ohjaaja1', 'POST', `/${G}/_bulk_docs`, { docs: [{ ...s2, village: 'W', updatedAt: t4, updatedBy: 'ohjaaja1', clock: { ...s2.clock, village: `${t4}|s` } }] })).body);
  await settle();
  log('R6 aino sees session6 village', (await get(A, 'session:demo0006')).village, 'session7', (await get(A, 'session:demo0007')).village);
  log('relay log tail', lines.slice(-5));
} finally {
  await server.stop();
}
