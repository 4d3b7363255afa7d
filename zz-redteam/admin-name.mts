import { startTestServer, mk, log, basicAuth } from './lib.mts';
const server = await startTestServer();
const { api, claim, couch, user } = mk(server);
try {
  const e = await api('koordinaattori', 'enrol', { groupKey: 'pitstop01', username: 'polku-admin', displayName: 'X', homeVillage: 'Y' });
  log('enrol', e.status);
  log('claim', await claim('polku-admin', e.body.code.code, 'attacker-pass-1'));
  log('gateway basic polku-admin', await couch('polku-admin', 'GET', '/_session'));
  log('gateway _session POST', await couch(null, 'POST', '/_session', { name: 'polku-admin', password: 'attacker-pass-1' }));
  const direct = await fetch(`${server.couch.url}/_session`, { headers: { Authorization: basicAuth('polku-admin', 'attacker-pass-1') } });
  log('DIRECT couch with claimed pw', direct.status, await direct.text());
  const direct2 = await fetch(`${server.couch.url}/_all_dbs`, { headers: { Authorization: basicAuth('polku-admin', 'attacker-pass-1') } });
  log('DIRECT _all_dbs with claimed pw', direct2.status, (await direct2.text()).slice(0, 200));
  log('real admin still ok', (await server.admin.request('GET', '/_session')).body);
  // coordinator reset password of polku-admin (their participant) again
  log('reset', (await api('koordinaattori', 'resetPassword', { groupKey: 'pitstop01', name: 'polku-admin' })).status);
  log('admin ok after reset', (await server.admin.request<any>('GET', '/_all_dbs')).status);
  // Relay still works?
  log('relay settle'); await server.server.relay.settle(); log('settled');
} finally {
  await server.stop();
}
