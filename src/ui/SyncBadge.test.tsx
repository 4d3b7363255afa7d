import { screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncSnapshot } from '../data/sync/scheduler.ts';
import { openTestData, renderWithData, SCOPE, type TestData } from '../test-support.tsx';
import { SyncBadge } from './SyncBadge.tsx';

let api: TestData;
beforeEach(async () => {
  api = await openTestData();
});
afterEach(() => api.close());

const set = (patch: Partial<SyncSnapshot>) => api.sync.state$.next({ ...api.sync.state$.value, ...patch });

describe('sync badge', () => {
  it('after an offline reload, shows the last sync time the device has stored', async () => {
    // What a sync round left in the checkpoint before the reload: 10.00 in Helsinki.
    await api.db.local.insert({ id: `checkpoint|${SCOPE}`, kind: 'checkpoint', scope: SCOPE, since: '12', lastSyncAt: '2026-12-01T08:00:00.000Z' });
    expect(api.sync.state$.value.lastSyncAt).toBeUndefined();
    renderWithData(api, <SyncBadge />);
    await waitFor(() => expect(screen.getByTestId('sync-badge').textContent).toContain('Viimeksi synkronoitu 1.12.2026 klo 10.00'));
    expect(screen.getByTestId('sync-badge').textContent).not.toContain('Ei vielä synkronoitu');
  });

  it('announces only what changed meaningfully, not every sync round', async () => {
    renderWithData(api, <SyncBadge />);
    const live = screen.getByRole('status');
    // The visible badge is a link to the details; the live region is separate and says one thing.
    expect(screen.getByTestId('sync-badge').getAttribute('role')).toBeNull();
    expect(screen.getByRole('link', { name: /Ei verkkoa/ }).getAttribute('href')).toBe('#/sync');
    expect(live.textContent).toBe('Ei verkkoa. Muutokset tallentuvat tälle laitteelle.');

    set({ status: 'idle', lastSyncAt: '2026-12-01T08:00:00.000Z' });
    await waitFor(() => expect(live.textContent).toBe('Kaikki muutokset ovat palvelimella.'));
    // Rounds every 30 s: syncing, then idle with a new time. Nothing new to say.
    const said: string[] = [];
    const watch = new MutationObserver(() => said.push(live.textContent ?? ''));
    watch.observe(live, { subtree: true, characterData: true, childList: true });
    for (const at of ['2026-12-01T08:00:30.000Z', '2026-12-01T08:01:00.000Z']) {
      set({ status: 'syncing' });
      set({ status: 'idle', lastSyncAt: at });
      await waitFor(() => expect(screen.getByTestId('sync-badge').getAttribute('data-last-sync')).toBe(at));
    }
    expect(said).toEqual([]);

    set({ pending: 2 });
    await waitFor(() => expect(live.textContent).toBe('Muutoksia odottaa lähetystä.'));
    set({ pending: 1 });
    set({ status: 'error', error: { key: 'sync.err.network' } });
    await waitFor(() => expect(live.textContent).toBe('Synkronoinnissa on ongelma. Katso synkronoinnin tiedot.'));
    watch.disconnect();
  });

  it('says a full device is full, not that the connection was lost', async () => {
    renderWithData(api, <SyncBadge />);
    set({ status: 'error', error: { key: 'sync.err.storageFull' } });
    const badge = screen.getByTestId('sync-badge');
    await waitFor(() => expect(badge.textContent).toContain('Laitteen tila täynnä'));
    expect(badge.textContent).not.toContain('Synkronointi keskeytyi');
    expect(badge.getAttribute('data-problem')).toBe('sync.err.storageFull');
    set({ status: 'error', error: { key: 'sync.err.network' } });
    await waitFor(() => expect(badge.textContent).toContain('Synkronointi keskeytyi'));
  });
});
