import { fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/useT.tsx';
import { ClaimCode } from './ClaimCode.tsx';

afterEach(() => vi.unstubAllGlobals());

/** The gateway's answers, one per request, as server/admin-api.ts gives them. */
const answers = (...bodies: [status: number, body: object][]) =>
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => {
      const [status, body] = bodies.shift()!;
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    }),
  );

function fillAndSend() {
  const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
  type('Käyttäjätunnus', 'tuula');
  type('Kertakoodi', '123456');
  type('Uusi salasana (vähintään 8 merkkiä)', 'kivijarvi-2026');
  type('Uusi salasana uudelleen', 'kivijarvi-2026');
  fireEvent.click(screen.getByRole('button', { name: 'Tallenna salasana ja kirjaudu' }));
}

const screenOf = () => render(<I18nProvider lang="fi"><ClaimCode onSignedIn={() => undefined} onCancel={() => undefined} /></I18nProvider>);

describe('first sign-in with a one-time code', () => {
  it('tells how many tries are left, and then that there is a pause — not that the code expired', async () => {
    answers(
      [403, { error: 'refused', reason: 'srv.badCode', problems: [{ path: '', key: 'srv.badCodeLeft', params: { left: 4 } }] }],
      [429, { error: 'too_many_requests', reason: 'srv.tooManyTries', problems: [{ path: '', key: 'srv.tooManyTries', params: { minutes: 2 } }] }],
    );
    screenOf();
    fillAndSend();
    await screen.findByText(/Voit yrittää vielä 4 kertaa/);
    fillAndSend();
    await screen.findByText(/liian monta kertaa väärin\. Koodi toimii yhä: yritä uudelleen 2 minuutin päästä/);
    expect(screen.queryByText(/vanhentunut/)).toBeNull();
  });

  it('says an expired code has expired', async () => {
    answers([403, { error: 'refused', reason: 'srv.codeExpired', problems: [] }]);
    screenOf();
    fillAndSend();
    await screen.findByText('Kertakoodi on vanhentunut. Pyydä koordinaattorilta uusi.');
  });
});
