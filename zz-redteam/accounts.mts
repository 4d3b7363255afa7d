import { startTestServer, mk, log } from './lib.mts';
const server = await startTestServer();
const { api, claim, couch, user } = mk(server);
try {
  // setup: mallory = coordinator of her own group only
  log('create attk group', await api('koordinaattori', 'createGroup', { name: 'Attack', key: 'attk0001' }));
  const m = await api('koordinaattori', 'addCoordinator', { groupKey: 'attk0001', name: 'mallory' });
  log('mallory code', m.status);
  log('mallory claim', await claim('mallory', m.body.code.code, 'mallory-pass-1'));
  // mallory loses koordinaattori? koordinaattori stays coordinator of attk; remove koordinaattori from attk so mallory is alone
  log('k removes self from attk', await api('mallory', 'removeStaff', { groupKey: 'attk0001', name: 'koordinaattori' }));
  log('mallory roles', (await user('mallory')).roles, 'k roles', (await user('koordinaattori')).roles);

  // A1: username = server admin name
  log('A1 enrol polku-admin', await api('koordinaattori', 'enrol', { groupKey: 'pitstop01', username: 'polku-admin', displayName: 'X', homeVillage: 'Y' }));
  log('A1 admin session still works', (await server.admin.request('GET', '/_session')).body);
  log('A1 admin users doc', await user('polku-admin'));
  log('A2 addInstructor admin', await api('mallory', 'addInstructor', { groupKey: 'attk0001', name: 'admin' }));

  // A3: end eero, then mallory (other group) makes eero staff and resets
  const eeroBefore = await user('eero');
  log('eero roles before', eeroBefore.roles);
  log('A3 mallory addInstructor eero (active participant)', await api('mallory', 'addInstructor', { groupKey: 'attk0001', name: 'eero' }));
  log('A3 k ends eero', await api('koordinaattori', 'end', { participantKey: 'eero0002' }));
  log('eero roles after end', (await user('eero')).roles);
  log('A3 mallory addInstructor eero (ended)', await api('mallory', 'addInstructor', { groupKey: 'attk0001', name: 'eero' }));
  log('eero roles', (await user('eero')).roles);
  const r = await api('mallory', 'resetPassword', { groupKey: 'attk0001', name: 'eero' });
  log('A3 mallory resetPassword eero', r.status, r.body?.reason);
  if (r.body?.code) {
    log('A3 claim', await claim('eero', r.body.code.code, 'mallory-owns-eero'));
    log('A3 sign in as eero', await couch('eero', 'GET', '/_session'));
    log('A3 read eero db', (await couch('eero', 'GET', '/polku-p-eero0002/_all_docs')).status);
  }

  // A14: instructor edits aino's record username, then coordinator ends aino -> self role kept?
  const rec = (await couch('ohjaaja1', 'GET', '/polku-g-pitstop01/participant:aino0001')).body;
  log('aino record username', rec.username);
  const now = new Date().toISOString();
  const edited = { ...rec, username: 'ohjaaja1', updatedAt: now, updatedBy: 'ohjaaja1', clock: { ...rec.clock, username: `${now}|dev` } };
  log('A14 ohjaaja1 edits username', await couch('ohjaaja1', 'POST', '/polku-g-pitstop01/_bulk_docs', { docs: [edited] }));
  log('A14 k ends aino', await api('koordinaattori', 'end', { participantKey: 'aino0001' }));
  log('aino roles after end', (await user('aino')).roles, 'ohjaaja1 roles', (await user('ohjaaja1')).roles);
  log('A14 aino reads own db after end', (await couch('aino', 'GET', '/polku-p-aino0001/_all_docs')).status);
  // aino writes an rsvp after ended -> reaches the group?
  const docs = (await server.admin.ok<any>('GET', '/polku-p-aino0001/_all_docs?include_docs=true')).rows.map((r: any) => r.doc);
  const sessions = docs.filter((d: any) => d.type === 'session');
  log('aino db types', docs.map((d: any) => d._id));
  const s = sessions[sessions.length - 1];
  const sk = s._id.split(':')[1];
  const rsvp = { _id: `rsvp:${sk}:aino0001`, type: 'rsvp', scope: 'polku-p-aino0001', schemaVersion: s.schemaVersion, createdAt: now, updatedAt: now, createdBy: 'aino', updatedBy: 'aino', clock: {}, sessionId: s._id, participantId: 'participant:aino0001', status: 'coming' };
  const existing = docs.find((d: any) => d._id === rsvp._id);
  const body = existing ? { ...existing, status: existing.status === 'coming' ? 'notComing' : 'coming', updatedAt: now, updatedBy: 'aino', clock: { ...existing.clock, status: `${now}|d` } } : rsvp;
  log('A14 ended aino writes rsvp', await couch('aino', 'POST', '/polku-p-aino0001/_bulk_docs', { docs: [body] }));
  await server.server.relay.settle();
  log('A14 group copy of rsvp', (await server.admin.request('GET', `/polku-g-pitstop01/${encodeURIComponent(rsvp._id)}`)).body);
} finally {
  await server.stop();
}
