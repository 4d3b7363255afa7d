import { fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/useT.tsx';
import { ClaimCode } from './ClaimCode.tsx';

afterEach(() => vi.unstubAllGlobals());

/** The gateway's answers, one per request, as server/accounts.ts gives them. */
const answers = (...reasons: string[]) =>
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ reason: reasons.shift() }), { status: 403, headers: { 'Content-Type': 'application/json' } })));

function fillAndSend() {
  const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
  type('Käyttäjätunnus', 'tuula');
  type('Kertakoodi', '123456');
  type('Uusi salasana (vähintään 8 merkkiä)', 'kivijarvi-2026');
  type('Uusi salasana uudelleen', 'kivijarvi-2026');
  fireEvent.click(screen.getByRole('button', { name: 'Tallenna salasana ja kirjaudu' }));
}

describe('first sign-in with a one-time code', () => {
  it('does not call too many wrong tries "expired"', async () => {
    answers('srv.badCode', 'srv.codeExpired');
    render(<I18nProvider lang="fi"><ClaimCode onSignedIn={() => undefined} onCancel={() => undefined} /></I18nProvider>);
    fillAndSend();
    await screen.findByText('Käyttäjätunnus tai kertakoodi on väärin.');
    fillAndSend();
    await screen.findByText('Koodia on kokeiltu liian monta kertaa väärin, joten se ei enää toimi. Pyydä koordinaattorilta uusi koodi.');
    expect(screen.queryByText(/on vanhentunut\. Pyydä/)).toBeNull();
  });

  it('says either may have happened when it cannot tell', async () => {
    answers('srv.codeExpired');
    render(<I18nProvider lang="fi"><ClaimCode onSignedIn={() => undefined} onCancel={() => undefined} /></I18nProvider>);
    fillAndSend();
    await screen.findByText('Kertakoodi ei enää toimi: se on vanhentunut tai sitä on kokeiltu liian monta kertaa. Pyydä koordinaattorilta uusi koodi.');
  });
});
