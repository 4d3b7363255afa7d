import { fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataApi } from '../data/api.ts';
import { openTestData, renderWithData } from '../test-support.tsx';
import { Shell } from './SignedInApp.tsx';

let api: DataApi;
beforeEach(async () => {
  location.hash = '#/';
  api = await openTestData();
});
afterEach(() => api.close());

describe('the signed-in shell', () => {
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
});
