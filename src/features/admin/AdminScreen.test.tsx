import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keyOf, participantId, ROLE } from '../../domain/index.ts';
import { GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { AdminScreen } from './AdminScreen.tsx';

let api: TestData;
let sent: { url: string; body: unknown }[];
beforeEach(async () => {
  api = await openTestData('koordinaattori', [ROLE.coordinator, ROLE.coordinatorOf(GROUP_KEY), ROLE.group(GROUP_KEY)]);
  sent = [];
  // The admin API, as far as the screen sees it.
  vi.stubGlobal('fetch', async (url: string, init: { body: string }) => {
    sent.push({ url, body: JSON.parse(init.body) });
    return new Response(JSON.stringify({ ok: true, removed: 7 }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await api.close();
});

const participant = (displayName: string, username: string | undefined, status: 'active' | 'ended') =>
  api.store.create('participant', {
    id: participantId(), scope: SCOPE, groupKey: GROUP_KEY, displayName, homeVillage: 'Kylmälä', language: 'fi', status, startDate: '2026-09-01',
    ...(username ? { username } : {}),
  });

describe('administration', () => {
  it('offers to cut off each account the group knows: its staff and its participants who have an account and are still in it', async () => {
    await seedGroup(api, 0);
    await participant('Liisa', 'liisa', 'active');
    await participant('Kalle', undefined, 'active');
    await participant('Entinen', 'entinen', 'ended');
    renderWithData(api, <AdminScreen />);
    await screen.findByRole('button', { name: 'Katkaise pääsy: liisa' });
    const offered = screen.getAllByRole('button', { name: /^Katkaise pääsy: / }).map((b) => b.getAttribute('aria-label'));
    expect(offered).toEqual(['Katkaise pääsy: koordinaattori', 'Katkaise pääsy: liisa']);
  });
});

describe('erasing from Administration', () => {
  it('is offered for every participant, an ended one too, and says what was done once the server has done it', async () => {
    const people = await seedGroup(api, 2);
    await api.store.edit('participant', SCOPE, people[1]!, { status: 'ended', endDate: '2026-09-30' });
    renderWithData(api, <AdminScreen />);
    await screen.findByRole('button', { name: 'Poista tiedot: Osallistuja 1' });
    fireEvent.click(await screen.findByRole('button', { name: 'Poista tiedot: Osallistuja 2' }));
    fireEvent.input(screen.getByLabelText('Vahvista kirjoittamalla nimi: Osallistuja 2'), { target: { value: 'Osallistuja 2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Poista pysyvästi: Osallistuja 2' }));
    const said = await screen.findByText('Tiedot poistettu palvelimelta: Osallistuja 2 (7 asiakirjaa). Laitteet poistavat ne seuraavalla synkronoinnilla.');
    expect(said.getAttribute('role')).toBe('status');
    expect(sent).toEqual([{ url: '/api/admin/erase', body: { participantKey: keyOf(people[1]!), groupKey: GROUP_KEY } }]);
  });
});
