import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pkOf } from '../../data/stored.ts';
import { groupId, rsvpId, sessionId } from '../../domain/index.ts';
import { dayFromToday, GROUP_KEY, MY_KEY, MY_SCOPE, openParticipantData, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
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

/** Words of the machinery that a participant should never have to read, in any language. */
const SYSTEM_WORDS = /synk|sync|palvelin|server|pending|scope|polku-p-|laite|enhet|device|tietokanta|databas|database|\bkt\b|\bkB\b/i;

describe("a participant's badge and page", () => {
  it('says in plain words, in fi, sv and en, that an answer is saved on the phone and will be sent, then that it was sent', async () => {
    const me = await openParticipantData([{ id: 'session:next0001', date: dayFromToday(7) }]);
    try {
      // What the relay brought is on the server already; the answer given offline is not.
      for (const doc of await me.db.docs.find().exec()) await doc.incrementalModify((d) => ({ ...d, syncState: 'synced' }));
      const id = rsvpId('session:next0001', `participant:${MY_KEY}`);
      await me.store.create('rsvp', { id, scope: MY_SCOPE, sessionId: 'session:next0001', participantId: `participant:${MY_KEY}`, status: 'coming' });
      const words = {
        fi: ['Ei verkkoa · Tallessa puhelimessa', '1 vastaus on tallessa puhelimessasi. Se lähtee, kun olet verkossa.'],
        sv: ['Inget nät · Sparat i telefonen', '1 svar är sparat i din telefon. Det skickas när du är på nätet.'],
        en: ['No internet · Saved on your phone', '1 answer is saved on your phone. It will be sent when you are online.'],
      };
      for (const [lang, [badge, page]] of Object.entries(words)) {
        const { unmount } = renderWithData(me, <><SyncBadge plain /><SyncDetails plain /></>, lang);
        await waitFor(() => expect(screen.getByTestId('my-sync-now').textContent).toBe(page));
        expect(screen.getByTestId('sync-badge').textContent).toContain(badge);
        expect(document.body.textContent).not.toMatch(SYSTEM_WORDS);
        unmount();
      }

      // Sent: the badge, the page and what a screen reader hears say so.
      renderWithData(me, <><SyncBadge plain /><SyncDetails plain /></>);
      for (const doc of await me.db.docs.find().exec()) await doc.incrementalModify((d) => ({ ...d, syncState: 'synced' }));
      me.sync.state$.next({ ...me.sync.state$.value, status: 'idle', lastSyncAt: new Date().toISOString() });
      await waitFor(() => expect(screen.getByTestId('my-sync-now').textContent).toBe('Kaikki vastauksesi on lähetetty.'));
      expect(screen.getByTestId('sync-badge').textContent).toMatch(/^Lähetetty/);
      expect(screen.getByTestId('sync-announcer').textContent).toBe('Lähetetty.');

      // An answer the server refused: which one, and whom to ask; no document ids, no server reasons.
      const doc = await me.db.docs.findOne(pkOf(MY_SCOPE, id)).exec();
      await doc!.incrementalModify((d) => ({ ...d, syncState: 'refused', syncError: 'srv.notYours' }));
      const list = await screen.findByTestId('refused-list');
      expect(list.textContent).toBe('Vastaus: tuletko');
      screen.getByText('Kysy ohjaajalta. Voit myös yrittää uudelleen.');
      expect(document.body.textContent).not.toMatch(SYSTEM_WORDS);
      expect(document.body.textContent).not.toContain(id);
    } finally {
      await me.close();
    }
  });
});
