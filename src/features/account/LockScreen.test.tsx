import { fireEvent, render, screen } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openAfterSignIn, profileOf, setPin } from '../../data/device-lock.ts';
import { ROLE } from '../../domain/index.ts';
import { I18nProvider } from '../../i18n/useT.tsx';
import { LockScreen } from './LockScreen.tsx';
import { PinSetup } from './PinSetup.tsx';

const roles = [ROLE.instructor, ROLE.group('testgroup')];

async function person(name: string, pin?: string) {
  const keys = await openAfterSignIn({ name, roles }, `${name}-salasana`, async () => null);
  if (!('key' in keys)) throw new Error('no key');
  if (pin) await setPin(name, keys.key, pin);
  return keys.key;
}

const typePin = (value: string) => {
  fireEvent.input(screen.getByLabelText('PIN-koodi'), { target: { value } });
  fireEvent.click(screen.getByRole('button', { name: 'Avaa' }));
};

beforeEach(() => localStorage.clear());

describe('the lock screen', () => {
  it('tells how many tries are left, then how long to wait, and does not take tries meanwhile', async () => {
    await person('ohjaaja1', '482915');
    let now = Date.parse('2027-01-12T10:00:00Z');
    const onOpened = vi.fn();
    render(<I18nProvider><LockScreen name="ohjaaja1" onOpened={onOpened} onSomeoneElse={() => undefined} now={() => now} /></I18nProvider>);
    typePin('111000');
    expect((await screen.findByRole('alert')).textContent).toBe('Väärä PIN-koodi. Vielä 2 yritystä ennen kuin pitää odottaa.');
    typePin('111001');
    await screen.findByText('Väärä PIN-koodi. Vielä 1 yritys ennen kuin pitää odottaa.');
    typePin('111002');
    await screen.findByText('Väärä PIN-koodi. Odota 30 sekuntia ja yritä sitten uudelleen.');
    expect(screen.getByRole('button', { name: 'Avaa' }).hasAttribute('disabled')).toBe(true);
    expect(profileOf('ohjaaja1')?.failures).toBe(3);
    now += 31_000;
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Avaa' }).hasAttribute('disabled')).toBe(false), { timeout: 35_000 });
    typePin('482915');
    await vi.waitFor(() => expect(onOpened).toHaveBeenCalledWith({ user: { name: 'ohjaaja1', roles }, key: expect.anything() }, false));
  }, 60_000);

  it('lets another person on the device open with their own PIN, and someone new sign in', async () => {
    await person('ohjaaja1', '482915');
    await person('ohjaaja2', '730164');
    const onOpened = vi.fn();
    const onSomeoneElse = vi.fn();
    render(<I18nProvider><LockScreen name="ohjaaja1" onOpened={onOpened} onSomeoneElse={onSomeoneElse} /></I18nProvider>);
    fireEvent.click(screen.getByRole('button', { name: 'Vaihda henkilöä' }));
    screen.getByRole('heading', { name: 'Kuka käyttää laitetta?' });
    fireEvent.click(screen.getByRole('button', { name: 'ohjaaja2' }));
    screen.getByText('Avaa tunnuksella ohjaaja2.');
    typePin('482915'); // ohjaaja1's PIN does not open ohjaaja2's data
    await screen.findByRole('alert');
    typePin('730164');
    await vi.waitFor(() => expect(onOpened.mock.calls[0]?.[0].user.name).toBe('ohjaaja2'));
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaudu toisena henkilönä' }));
    expect(onSomeoneElse).toHaveBeenCalled();
  });
});

describe('choosing a PIN', () => {
  it('refuses an obvious PIN or two different ones with the reason, keeping what was typed', async () => {
    const key = await person('ohjaaja1');
    const onDone = vi.fn();
    render(<I18nProvider><PinSetup name="ohjaaja1" dataKey={key} onDone={onDone} /></I18nProvider>);
    const pin = screen.getByLabelText('Uusi PIN-koodi (vähintään 6 numeroa)') as HTMLInputElement;
    const repeat = screen.getByLabelText('PIN-koodi uudelleen') as HTMLInputElement;
    fireEvent.input(pin, { target: { value: '123456' } });
    fireEvent.input(repeat, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna PIN-koodi' }));
    await screen.findByText('Tämä PIN-koodi on liian helppo arvata (kuten 123456 tai 000000). Valitse toinen.');
    expect(pin.getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(pin, { target: { value: '482915' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna PIN-koodi' }));
    await screen.findByText('PIN-koodit eivät ole samat.');
    expect(pin.value).toBe('482915');
    fireEvent.input(repeat, { target: { value: '482915' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna PIN-koodi' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(profileOf('ohjaaja1')?.wraps.pin).toBeDefined();
  });
});
