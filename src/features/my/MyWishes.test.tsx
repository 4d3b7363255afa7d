import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { wishSupportId } from '../../domain/index.ts';
import { GROUP_KEY, MY_KEY, MY_SCOPE, openParticipantData, renderWithData, type TestData } from '../../test-support.tsx';
import { MyWishes } from './MyWishes.tsx';

const me = `participant:${MY_KEY}`;
// The clock the screen is given: Monday 4 January 2027, morning in Finland.
const NOW = new Date('2027-01-04T08:00:00Z');
let api: TestData;
afterEach(() => api?.close());

/** A wish as the relay would have put it on the phone: someone else's, or one's own. */
async function wish(key: string, text: string, participantId = 'participant:other001') {
  const r = await api.store.create('wish', { id: `wish:${key}`, scope: MY_SCOPE, participantId, text, status: 'open' });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
}
async function support(wishKey: string, participantId: string, supported = true) {
  const r = await api.store.create('wishsupport', { id: wishSupportId(`wish:${wishKey}`, participantId), scope: MY_SCOPE, wishId: `wish:${wishKey}`, participantId, supported });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
}
const cards = () => screen.queryAllByTestId('my-wish');
const cardOf = (text: string) => cards().find((c) => c.querySelector('.my-wish-text')?.textContent === text)!;
const countOf = (text: string) => within(cardOf(text)).getByTestId('my-wish-count').textContent;

describe("a participant's wishes", () => {
  it('suggests an activity in one field, refuses an empty or over-long one at the field and keeps what was typed', async () => {
    api = await openParticipantData([]);
    renderWithData(api, <MyWishes scope={MY_SCOPE} now={NOW} />);
    await screen.findByText('Toiveita ei ole vielä. Ehdota sinä ensin!');
    const field = screen.getByLabelText('Mitä haluaisit tehdä?') as HTMLTextAreaElement;
    const send = screen.getByRole('button', { name: 'Ehdota' });
    screen.getByText('Enintään 200 merkkiä. Nyt 0.');

    fireEvent.click(send);
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(field.getAttribute('aria-describedby')).toBe('wish-text-error wish-text-limit');
    expect(document.getElementById('wish-text-error')!.textContent).toBe('Tämä tieto tarvitaan.');

    const long = 'Retki '.repeat(400).slice(0, 2000);
    fireEvent.input(field, { target: { value: long } });
    screen.getByText('Enintään 200 merkkiä. Nyt 2000.');
    fireEvent.click(send);
    await waitFor(() => expect(document.getElementById('wish-text-error')?.textContent).toBe('Teksti on liian pitkä (enintään 200 merkkiä).'));
    expect(field.value).toBe(long);
    expect(await api.db.docs.count({ selector: { type: 'wish' } }).exec()).toBe(0);

    fireEvent.input(field, { target: { value: 'Keilaamaan Kajaaniin' } });
    fireEvent.click(send);
    await screen.findByRole('status');
    expect(screen.getByRole('status').textContent).toBe('Kiitos! Toiveesi on nyt listalla.');
    const stored = await api.db.docs.find({ selector: { type: 'wish' } }).exec();
    expect(stored.map((d) => d.toJSON())).toEqual([expect.objectContaining({ scope: MY_SCOPE, participantId: me, text: 'Keilaamaan Kajaaniin', status: 'open' })]);
    expect(field.value).toBe('');
    expect(field.getAttribute('aria-invalid')).toBe('false');
    await waitFor(() => expect(cards()).toHaveLength(1));
  });

  it('lists the open wishes most wanted first, and "I\'d like that too" adds one and takes it back', async () => {
    api = await openParticipantData([]);
    // Kalastus is the older (written first; within one millisecond its id comes first too).
    await wish('aaaa0001', 'Kalastus', 'participant:other001');
    await wish('bbbb0001', 'Keilailu', 'participant:other002');
    await wish('hide0001', 'Piilotettu toive');
    await api.store.edit('wish', MY_SCOPE, 'wish:hide0001', { status: 'hidden' });
    await support('bbbb0001', 'participant:other003');
    // A support taken back does not count.
    await support('aaaa0001', 'participant:other003', false);
    renderWithData(api, <MyWishes scope={MY_SCOPE} now={NOW} />);
    await waitFor(() => expect(cards().map((c) => c.querySelector('.my-wish-text')!.textContent)).toEqual(['Keilailu', 'Kalastus']));
    expect(countOf('Keilailu')).toBe('2 ihmistä haluaa tätä.');
    expect(countOf('Kalastus')).toBe('1 ihminen haluaa tätä.');

    const metoo = () => within(cardOf('Kalastus')).getByRole('button', { name: 'Minäkin haluan' });
    expect(metoo().getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(metoo());
    await waitFor(() => expect(countOf('Kalastus')).toBe('2 ihmistä haluaa tätä.'));
    expect(metoo().getAttribute('aria-pressed')).toBe('true');
    within(cardOf('Kalastus')).getByText('Haluat tätä. Jos et sittenkään halua, paina uudelleen.');
    // Equal now: the older wish first.
    expect(cards()[0]!.querySelector('.my-wish-text')!.textContent).toBe('Kalastus');
    const id = wishSupportId('wish:aaaa0001', me);
    expect(await api.store.get('wishsupport', MY_SCOPE, id)).toMatchObject({ wishId: 'wish:aaaa0001', participantId: me, supported: true });

    fireEvent.click(metoo());
    await waitFor(() => expect(countOf('Kalastus')).toBe('1 ihminen haluaa tätä.'));
    expect(metoo().getAttribute('aria-pressed')).toBe('false');
    expect(await api.store.get('wishsupport', MY_SCOPE, id)).toMatchObject({ supported: false });
    expect(cards().map((c) => c.querySelector('.my-wish-text')!.textContent)).toEqual(['Keilailu', 'Kalastus']);
  });

  it('marks one\'s own wish as one\'s suggestion, with no button to support it', async () => {
    api = await openParticipantData([]);
    await wish('mine0001', 'Leivotaan pullaa', me);
    await wish('else0001', 'Uimahalliin');
    renderWithData(api, <MyWishes scope={MY_SCOPE} now={NOW} />);
    await waitFor(() => expect(cards()).toHaveLength(2));
    const own = cardOf('Leivotaan pullaa');
    within(own).getByText('Sinun ehdotuksesi');
    expect(within(own).queryByRole('button')).toBeNull();
    expect(countOf('Leivotaan pullaa')).toBe('1 ihminen haluaa tätä.');
    expect(within(cardOf('Uimahalliin')).queryByText('Sinun ehdotuksesi')).toBeNull();
    within(cardOf('Uimahalliin')).getByRole('button', { name: 'Minäkin haluan' });
  });

  it('says when a wish is coming as a session, or when it was done; a cancelled session is no promise', async () => {
    api = await openParticipantData([]);
    await wish('trip0001', 'Retki Kolille');
    await wish('bake0001', 'Leivonta');
    await wish('swim0001', 'Uinti');
    const session = async (key: string, date: string, fromWishId: string, status: 'planned' | 'held' | 'cancelled' = 'planned') => {
      const r = await api.store.create('session', {
        id: `session:${key}`, scope: MY_SCOPE, groupKey: GROUP_KEY, date, startTime: '10:00', endTime: '13:00', village: 'Kylmälä', instructors: [], capacity: 8, costCents: 0, status, fromWishId,
        ...(status === 'cancelled' ? { cancelReason: 'Myrsky' } : {}),
      });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
    };
    await session('trip0001', '2027-01-12', 'wish:trip0001');
    await session('bake0001', '2027-01-01', 'wish:bake0001', 'held');
    await session('swim0001', '2027-01-14', 'wish:swim0001', 'cancelled');
    renderWithData(api, <MyWishes scope={MY_SCOPE} now={NOW} />);
    await waitFor(() => expect(within(cardOf('Retki Kolille')).queryByText('Tulossa: tiistai 12.1.2027')).not.toBeNull());
    within(cardOf('Leivonta')).getByText('Tehtiin: perjantai 1.1.2027');
    expect(cardOf('Uinti').textContent).not.toMatch(/Tulossa|Tehtiin/);
  });

  it('has one h1, headings in order and labelled controls (axe)', async () => {
    api = await openParticipantData([]);
    await wish('mine0001', 'Leivotaan pullaa', me);
    await wish('else0001', 'Uimahalliin');
    const { container } = renderWithData(api, <MyWishes scope={MY_SCOPE} now={NOW} />);
    await waitFor(() => expect(cards()).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: 'Ehdota' }));
    await waitFor(() => expect(document.getElementById('wish-text-error')).not.toBeNull());
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});
