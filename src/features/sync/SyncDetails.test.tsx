import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pkOf } from '../../data/stored.ts';
import { groupId, sessionId } from '../../domain/index.ts';
import { GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { SyncBadge } from '../../ui/SyncBadge.tsx';
import { SyncDetails } from './SyncDetails.tsx';

let api: TestData;
beforeEach(async () => {
  api = await openTestData();
  await seedGroup(api, 1);
});
afterEach(() => api.close());

/** What the sync engine does with a document the server refused (see the integration tests). */
async function markRefused(id: string, reason: string) {
  const doc = await api.db.docs.findOne(pkOf(SCOPE, id)).exec();
  await doc!.incrementalModify((d) => ({ ...d, syncState: 'refused', syncError: reason }));
}

describe('sync details', () => {
  it('shows that nothing is waiting or wrong', async () => {
    for (const doc of await api.db.docs.find().exec()) await doc.incrementalModify((d) => ({ ...d, syncState: 'synced' }));
    renderWithData(api, <><SyncBadge /><SyncDetails /></>);
    await screen.findByText('Palvelin on hyväksynyt kaikki muutokset.');
    screen.getByText('Kaikki palvelimelta tulleet tiedot olivat kelvollisia.');
    await waitFor(() => expect(screen.getByTestId('sync-badge').textContent).toContain('Kaikki muutokset ovat palvelimella'));
    expect(screen.getByTestId('sync-badge').getAttribute('data-status')).toBe('offline');
  });

  it("lists refused changes with the server's reason in plain words, and offers to retry them", async () => {
    const id = sessionId();
    const created = await api.store.create('session', {
      id, scope: SCOPE, groupKey: GROUP_KEY, date: '2026-12-01', startTime: '10:00', endTime: '13:00', village: 'Kylmälä',
      instructors: [], capacity: 8, costCents: 33000, status: 'planned',
    });
    expect(created.ok).toBe(true);
    await markRefused(groupId(GROUP_KEY), 'srv.roleMayNotWrite');
    await markRefused(id, 'something the server said');
    renderWithData(api, <><SyncBadge /><SyncDetails /></>);

    const list = await screen.findByTestId('refused-list');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(list.textContent).toContain('Ryhmän tiedot group:testgroup: Roolisi ei voi tallentaa tätä tietoa.');
    // A reason not in the catalogue is shown as the server gave it, never hidden.
    expect(list.textContent).toContain(`PopUp-kerta ${id}: something the server said`);
    await waitFor(() => expect(screen.getByTestId('sync-badge').textContent).toContain('⚠ 2'));

    fireEvent.click(screen.getByRole('button', { name: 'Yritä uudelleen' }));
    await screen.findByText('Palvelin on hyväksynyt kaikki muutokset.');
    expect(await api.db.docs.count({ selector: { syncState: 'pending' } }).exec()).toBeGreaterThanOrEqual(2);
  });

  it('reports quarantined arrivals with translated reasons', async () => {
    await api.db.local.insert({ id: `quarantine|${SCOPE}|session:bad00001`, kind: 'quarantine', scope: SCOPE, docId: 'session:bad00001', rev: '1-a', raw: '{}', problems: [{ path: 'startTime', key: 'v.time' }, { path: 'village', key: 'v.required' }], at: new Date().toISOString() });
    renderWithData(api, <><SyncBadge /><SyncDetails /></>);
    const list = await screen.findByTestId('quarantine-list');
    expect(list.textContent).toBe(`session:bad00001 (${SCOPE}): startTime: Anna kellonaika muodossa tt:mm.; village: Tämä tieto tarvitaan.`);
  });
});
