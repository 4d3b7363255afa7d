import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminCall, adminSubmit, claimCode } from './admin-client.ts';

/** The gateway, as far as the client sees it: one answer to whatever is posted. */
function answer(status: number, body: unknown) {
  const sent: { url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: { body: string }) => {
    sent.push({ url, body: JSON.parse(init.body) });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  });
  return sent;
}
afterEach(() => vi.unstubAllGlobals());

const code = { name: 'liisa', code: '4821-0937-5512', expiresAt: '2026-12-01T10:00:00.000Z' };

describe('adminCall', () => {
  it('sends the checked input and gives the answer as the operation typed it', async () => {
    const sent = answer(200, { ok: true, participantKey: 'liisa001', code });
    const result = await adminCall('enrol', { groupKey: 'pitstop1', username: ' Liisa ', displayName: 'Liisa', homeVillage: 'Hietala' });
    expect(sent).toEqual([{ url: '/api/admin/enrol', body: { groupKey: 'pitstop1', username: 'liisa', displayName: 'Liisa', homeVillage: 'Hietala' } }]);
    // `ok` is the wire's, not the result's.
    expect(result).toEqual({ ok: true, value: { participantKey: 'liisa001', code } });
    if (result.ok) expect(result.value.code?.code).toBe('4821-0937-5512');
  });

  it('turns an answer of the wrong shape into a problem, not a crash', async () => {
    answer(200, { ok: true, code: { name: 'liisa', code: 4821 } });
    expect(await adminCall('resetPassword', { groupKey: 'pitstop1', name: 'liisa' })).toEqual({ ok: false, problems: [{ path: '', key: 'srv.internal' }] });
    answer(200, '<html>proxy error</html>');
    expect(await adminCall('move', { participantKey: 'eero0002', toGroup: 'toinen01' })).toEqual({ ok: false, problems: [{ path: '', key: 'srv.internal' }] });
    answer(403, ['not', 'a', 'refusal']);
    expect(await adminCall('end', { participantKey: 'eero0002' })).toEqual({ ok: false, problems: [{ path: '', key: 'srv.internal' }] });
  });

  it("passes on the server's refusal and its problems", async () => {
    answer(403, { error: 'refused', reason: 'srv.notCoordinator', problems: [] });
    expect(await adminCall('end', { participantKey: 'eero0002' })).toEqual({ ok: false, problems: [{ path: '', key: 'srv.notCoordinator' }] });
    const problems = [{ path: 'username', key: 'v.userName' }, { path: 'displayName', key: 'v.tooLong', params: { max: 80 } }];
    answer(400, { error: 'bad_request', reason: 'srv.badRequest', problems });
    expect(await adminCall('enrol', { groupKey: 'pitstop1', username: 'liisa', displayName: 'L', homeVillage: 'H' })).toEqual({ ok: false, problems });
  });

  it('sends nothing when the input breaks the rules', async () => {
    const sent = answer(200, { ok: true });
    const result = await adminSubmit('addInstructor', { groupKey: 'pitstop1', name: 'A B' });
    expect(result).toEqual({ ok: false, problems: [{ path: 'name', key: 'v.userName' }] });
    expect(sent).toEqual([]);
  });
});

describe('claimCode', () => {
  it('is done when the server says so, and a malformed answer is a problem', async () => {
    answer(200, { ok: true });
    expect(await claimCode({ name: 'liisa', code: code.code, password: 'salasana123' })).toEqual({ ok: true, value: {} });
    answer(200, 'not json');
    expect(await claimCode({ name: 'liisa', code: code.code, password: 'salasana123' })).toMatchObject({ ok: false });
  });
});
