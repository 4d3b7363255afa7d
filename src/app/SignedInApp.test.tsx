import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { useEffect, useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/useT.tsx';
import { SignIn } from '../features/account/SignIn.tsx';
import { openTestData, renderWithData, type TestData } from '../test-support.tsx';
import { Shell } from './SignedInApp.tsx';
import { useRoute } from './useRoute.ts';
import { useScreenFocus } from './useScreenFocus.ts';

/** As App does it: the screen's key is the route. */
function Harness() {
  const route = useRoute();
  useScreenFocus(JSON.stringify(route), 'Polku');
  return (
    <main id="main">
      <Shell onSignedOut={() => undefined} />
    </main>
  );
}

let api: TestData;
beforeEach(async () => {
  location.hash = '#/';
  api = await openTestData();
});
afterEach(() => api.close());

describe('the signed-in shell', () => {
  it('leaves for the sign-in screen, saying why, once a cut-off has wiped the person here', async () => {
    const signedOut = vi.fn();
    renderWithData(api, <Shell onSignedOut={signedOut} />);
    expect(signedOut).not.toHaveBeenCalled();
    api.cutOff$.next(true);
    await waitFor(() => expect(signedOut).toHaveBeenCalledWith('cutOff'));
    render(
      <I18nProvider lang="en">
        <SignIn onSignedIn={() => undefined} notice="signIn.cutOff" />
      </I18nProvider>,
    );
    expect((await screen.findByText('Your access on this device was ended by a coordinator; nothing of yours is kept here.')).getAttribute('role')).toBe('status');
  });

  it('keeps sign-out off the main bar, behind the person menu', async () => {
    renderWithData(api, <Shell onSignedOut={() => undefined} />);
    const nav = screen.getByRole('navigation', { name: 'Päävalikko' });
    expect(within(nav).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Kirjaudu ulos' })).toBeNull();
    const menu = screen.getByRole('button', { name: 'Oma valikko: ohjaaja1' });
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(menu);
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    screen.getByText('Kirjautunut: ohjaaja1');
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaudu ulos' }));
    await screen.findByRole('alertdialog', { name: 'Kirjaudutaanko ulos?' });
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('button', { name: 'Kirjaudu ulos' })).toBeNull();
    expect(document.activeElement).toBe(menu);
  });

  it('marks the current page in the main menu, names each screen, and moves focus to its heading on a route change', async () => {
    renderWithData(api, <Harness />);
    const nav = screen.getByRole('navigation', { name: 'Päävalikko' });
    const link = (name: string) => within(nav).getByRole('link', { name });
    expect(link('PopUp-kerrat').getAttribute('aria-current')).toBe('page');
    expect(link('Synkronointi').getAttribute('aria-current')).toBeNull();
    await waitFor(() => expect(document.title).toBe('PopUp-kerrat – Polku'));
    // The first load leaves the focus where it is.
    expect(document.activeElement).toBe(document.body);

    location.hash = '#/sync';
    const heading = await screen.findByRole('heading', { level: 1, name: 'Synkronoinnin tiedot' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(document.title).toBe('Synkronoinnin tiedot – Polku');
    expect(link('Synkronointi').getAttribute('aria-current')).toBe('page');
    expect(link('PopUp-kerrat').getAttribute('aria-current')).toBeNull();
  });
});

describe('screen focus', () => {
  it('after a sign-in, focuses the heading of a screen that arrives later', async () => {
    function Later() {
      const [shown, setShown] = useState(false);
      useEffect(() => void setTimeout(() => setShown(true), 50), []);
      return shown ? <h1>Kerrat</h1> : <p>Ladataan…</p>;
    }
    function App({ user }: { user: string }) {
      useScreenFocus(user, 'Polku');
      return <main id="main">{user ? <Later /> : <h1>Kirjaudu sisään</h1>}</main>;
    }
    const { rerender } = render(<App user="" />);
    expect(document.title).toBe('Kirjaudu sisään – Polku');
    rerender(<App user="ohjaaja1" />);
    const heading = await screen.findByRole('heading', { name: 'Kerrat' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(document.title).toBe('Kerrat – Polku');
  });
});
