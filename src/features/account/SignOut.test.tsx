import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestData, renderWithData, seedGroup, type TestData } from '../../test-support.tsx';
import { SignOut } from './SignOut.tsx';

let api: TestData;
beforeEach(async () => {
  api = await openTestData();
});
afterEach(() => api.close().catch(() => undefined));

describe('sign-out', () => {
  it('warns when changes are only on this device, and can be cancelled', async () => {
    await seedGroup(api, 2); // three documents written offline: still pending
    const signedOut = vi.fn();
    renderWithData(api, <SignOut onSignedOut={signedOut} />);
    await waitFor(() => expect(api.sync.state$.value.pending).toBe(3));
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaudu ulos' }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Muutoksia ei ole vielä lähetetty' });
    expect(dialog.textContent).toContain('3 muutosta on vain tällä laitteella.');
    expect(document.activeElement).toBe(dialog);
    // Offline: syncing now is not possible, and says so by being disabled.
    expect((screen.getByRole('button', { name: 'Synkronoi nyt' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Peruuta' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(signedOut).not.toHaveBeenCalled();
  });

  it('wipes the local database when the person signs out anyway', async () => {
    await seedGroup(api, 1);
    const signedOut = vi.fn();
    renderWithData(api, <SignOut onSignedOut={signedOut} />);
    await waitFor(() => expect(api.sync.state$.value.pending).toBe(2));
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaudu ulos' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Kirjaudu ulos ja poista muutokset' }));
    await waitFor(() => expect(signedOut).toHaveBeenCalledOnce());
    expect(api.db.closed).toBe(true);
    expect(localStorage.getItem('polku.user')).toBeNull();
  });

  it('asks even when everything is on the server, and says nothing of the network when online', async () => {
    api.sync.state$.next({ ...api.sync.state$.value, status: 'idle' });
    const signedOut = vi.fn();
    renderWithData(api, <SignOut onSignedOut={signedOut} />);
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaudu ulos' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Kirjaudutaanko ulos?' });
    expect(dialog.textContent).toContain('Uloskirjautuminen poistaa tiedot tältä laitteelta.');
    expect(screen.queryByTestId('sign-out-offline')).toBeNull();
    expect(signedOut).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Kirjaudu ulos' }));
    await waitFor(() => expect(signedOut).toHaveBeenCalledOnce());
  });

  it('says plainly, when offline, that signing in again will need the network', async () => {
    const signedOut = vi.fn();
    renderWithData(api, <SignOut onSignedOut={signedOut} />);
    expect(api.sync.state$.value.status).toBe('offline');
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaudu ulos' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Kirjaudutaanko ulos?' });
    expect(dialog.textContent).toContain('Kirjautuminen takaisin tarvitsee verkkoyhteyden');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Peruuta' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(signedOut).not.toHaveBeenCalled();
  });
});
