import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/useT.tsx';
import { CutOffAccess } from './CutOffAccess.tsx';

/** The admin API as the screen sees it: one answer to whatever is posted. */
function answer(status: number, body: unknown) {
  const sent: { url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: { body: string }) => {
    sent.push({ url, body: JSON.parse(init.body) });
    return Response.json(body, { status });
  });
  return sent;
}
afterEach(() => vi.unstubAllGlobals());

const accounts = [{ name: 'ohjaaja1' }, { name: 'aino', label: 'Aino K.', participantKey: 'aino0001' }];
const show = async (me = 'koordinaattori') => {
  render(
    <I18nProvider lang="en">
      <CutOffAccess groupKey="pitstop01" accounts={accounts} me={me} />
    </I18nProvider>,
  );
  await screen.findByRole('heading', { name: 'Cut off access' });
};

describe('cutting off access', () => {
  it('says what will happen for the reason chosen before anything is sent, then sends it and says it is done', async () => {
    const sent = answer(200, { ok: true, at: '2026-12-02T22:00:00.000Z' });
    await show();
    fireEvent.click(screen.getByRole('button', { name: 'Cut off access: ohjaaja1' }));
    const confirm = screen.getByRole('button', { name: 'Confirm: cut off ohjaaja1' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'A device is lost or stolen' }));
    screen.getByText(/Every device where ohjaaja1 is signed in deletes their data the next time it reaches the server\. Changes not yet sent from those devices are lost\./);
    screen.getByText('ohjaaja1 stays in the group. They can get back in with a new one-time code on another device (Forgotten password).');
    expect(sent).toEqual([]);
    fireEvent.click(confirm);
    await waitFor(() => expect(sent).toEqual([{ url: '/api/admin/cutOff', body: { groupKey: 'pitstop01', name: 'ohjaaja1', reason: 'deviceLost' } }]));
    expect((await screen.findByRole('status')).textContent).toContain("ohjaaja1's access has been cut off.");
    expect(screen.queryByRole('button', { name: 'Confirm: cut off ohjaaja1' })).toBeNull();
  });

  it('names a participant by the name the group knows and ends their access to the group', async () => {
    const sent = answer(200, { ok: true, at: '2026-12-02T22:00:00.000Z' });
    await show();
    fireEvent.click(screen.getByRole('button', { name: 'Cut off access: aino' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Their access to the group has ended' }));
    screen.getByText('aino is also removed from this group.');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm: cut off aino' }));
    await waitFor(() => expect(sent[0]?.body).toEqual({ groupKey: 'pitstop01', name: 'aino', reason: 'accessEnded', participantKey: 'aino0001' }));
    expect(screen.getByText('Aino K.')).toBeTruthy();
  });

  it("shows the server's refusal and keeps the choice open", async () => {
    answer(403, { error: 'refused', reason: 'srv.cutOffElsewhere', problems: [] });
    await show();
    fireEvent.click(screen.getByRole('button', { name: 'Cut off access: ohjaaja1' }));
    fireEvent.click(screen.getByRole('radio', { name: 'A device is lost or stolen' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm: cut off ohjaaja1' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This person also belongs to a group you do not coordinate. You can remove them from your group; the server administrator can cut off their access.',
    );
    expect(screen.getByRole('button', { name: 'Confirm: cut off ohjaaja1' })).toBeTruthy();
  });

  it('says so when it is one’s own account, and tells the server it is meant', async () => {
    const sent = answer(200, { ok: true, at: '2026-12-02T22:00:00.000Z' });
    await show('ohjaaja1');
    fireEvent.click(screen.getByRole('button', { name: 'Cut off access: ohjaaja1' }));
    fireEvent.click(screen.getByRole('radio', { name: 'A device is lost or stolen' }));
    screen.getByText('This is your own account: you are signed out on this device too, and your data is deleted here.');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm: cut off ohjaaja1' }));
    await waitFor(() => expect(sent[0]?.body).toEqual({ groupKey: 'pitstop01', name: 'ohjaaja1', reason: 'deviceLost', self: true }));
  });

  it('takes an account the group does not list by its username, once it is one', async () => {
    answer(200, { ok: true, at: '2026-12-02T22:00:00.000Z' });
    await show();
    const name = screen.getByLabelText('Another username');
    const open = screen.getByRole('button', { name: 'Cut off access' }) as HTMLButtonElement;
    fireEvent.input(name, { target: { value: 'x' } });
    expect(open.disabled).toBe(true);
    fireEvent.input(name, { target: { value: ' Vanha.Ohjaaja ' } });
    fireEvent.click(open);
    screen.getByRole('group', { name: "Why is vanha.ohjaaja's access cut off?" });
  });
});
