import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/useT.tsx';
import { CodeCard } from './CodeCard.tsx';

const code = { name: 'tuula', code: '4821-0937-5512', expiresAt: '2027-01-20T10:00:00.000Z' };
const card = (lang = 'fi') =>
  render(
    <I18nProvider lang={lang}>
      <CodeCard code={code} onClose={() => undefined} />
    </I18nProvider>,
  );

describe('the one-time-code card', () => {
  it('speaks to the person it is for: their user name and code, where Polku is, and what to do step by step', async () => {
    card();
    const shown = screen.getByRole('status');
    within(shown).getByRole('heading', { name: 'Koodisi Polkuun kirjautumiseen' });
    expect(screen.getByTestId('one-time-code').textContent).toBe('4821-0937-5512');
    expect(shown.textContent).toContain('Käyttäjätunnustuula');
    // The address this app is served from, as text to type.
    expect(screen.getByTestId('code-address').textContent).toBe(location.origin);
    const steps = within(shown).getAllByRole('listitem').map((li) => li.textContent);
    expect(steps).toEqual([
      `Avaa puhelimen selain. Mene tähän osoitteeseen:${location.origin}`,
      // The very words of the button on the sign-in screen.
      'Paina nappia ”Minulla on kertakoodi”.',
      'Kirjoita käyttäjätunnus ja kertakoodi.',
      'Keksi oma salasana. Kirjoita se kaksi kertaa.',
    ]);
    // Expiry on Finland's clock: 10.00 UTC is 12.00 in Helsinki in January.
    within(shown).getByText('Koodi toimii vain kerran. Se on voimassa 20.1.2027 klo 12.00 asti.');
    // What the coordinator reads is theirs, and does not print.
    expect(within(shown).getByText('Kertakoodi: tuula').closest('.no-print')).not.toBeNull();
    expect(within(shown).getByRole('button', { name: 'Tulosta' }).closest('.no-print')).not.toBeNull();
  });

  it('says it in Swedish and English too', async () => {
    card('sv');
    await screen.findByRole('heading', { name: 'Din kod för att logga in i Polku' });
    screen.getByText('Tryck på knappen ”Jag har en engångskod”.');
  });

  it("is in the person's own language when the enrolment said it, while the coordinator's line stays in theirs", async () => {
    render(
      <I18nProvider lang="fi">
        <CodeCard code={code} lang="sv" onClose={() => undefined} />
      </I18nProvider>,
    );
    const heading = await screen.findByRole('heading', { name: 'Din kod för att logga in i Polku' });
    expect(heading.closest('[lang]')!.getAttribute('lang')).toBe('sv');
    screen.getByText('Koden fungerar bara en gång. Den gäller till 20.1.2027 kl. 12.00.');
    screen.getByText('Kertakoodi: tuula');
    screen.getByRole('button', { name: 'Tulosta' });
  });

  it('stays in the coordinator\'s language for a language Polku does not speak yet', async () => {
    render(
      <I18nProvider lang="fi">
        <CodeCard code={code} lang="so" onClose={() => undefined} />
      </I18nProvider>,
    );
    screen.getByRole('heading', { name: 'Koodisi Polkuun kirjautumiseen' });
  });

  it('prints the app address it was given', () => {
    render(
      <I18nProvider lang="fi">
        <CodeCard code={code} onClose={() => undefined} address="https://polku.example.fi" />
      </I18nProvider>,
    );
    expect(screen.getByTestId('code-address').textContent).toBe('https://polku.example.fi');
  });
});
