import axe from 'axe-core';
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupId, participantId, partnerId, sessionId, wishId, wishSupportId } from '../../domain/index.ts';
import { dayFromToday, GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { SessionForm } from './SessionForm.tsx';

let api: TestData;
beforeEach(async () => {
  api = await openTestData();
  await seedGroup(api, 0, { sessionMinutes: 120, capacity: 6, instructorsPerSession: 2, sessionCostCents: 25000 });
  location.hash = '#/';
});
afterEach(() => api.close());

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.input(input(label), { target: { value } });
const sessionsStored = async () => (await api.db.docs.find({ selector: { type: 'session' } }).exec()).map((d) => d.toJSON());

describe('new PopUp session form', () => {
  it("starts from the group's settings", async () => {
    renderWithData(api, <SessionForm scope={SCOPE} />);
    await waitFor(() => expect(input('Paikkoja').value).toBe('6'));
    expect(input('Kustannus (€)').value).toBe('250');
    expect(input('Alkaa').value).toBe('10:00');
    expect(input('Päättyy').value).toBe('12:00');
    type('Alkaa', '09:30');
    expect(input('Päättyy').value).toBe('11:30');
  });

  it('refuses invalid input with messages at the fields, keeps what was typed, and stores nothing', async () => {
    renderWithData(api, <SessionForm scope={SCOPE} />);
    await waitFor(() => expect(input('Paikkoja').value).toBe('6'));
    type('Teema tai toiminta', 'Kelan asiointi');
    type('Alkaa', '13:00');
    type('Päättyy', '12:00');
    type('Paikkoja', '0');
    type('Kustannus (€)', 'kolmesataa');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kerta' }));

    await screen.findByText('Korjaa merkityt kohdat.');
    const messageOf = (label: string) => document.getElementById(input(label).getAttribute('aria-describedby') ?? '')?.textContent;
    expect(messageOf('Kylä')).toBe('Tämä tieto tarvitaan.');
    expect(messageOf('Päättyy')).toBe('Loppu ei voi olla ennen alkua.');
    expect(messageOf('Paikkoja')).toBe('Paikkoja on oltava vähintään 1.');
    expect(messageOf('Kustannus (€)')).toBe('Anna summa euroina, esimerkiksi 330 tai 312,50.');
    expect(input('Kylä').getAttribute('aria-invalid')).toBe('true');
    expect(input('Teema tai toiminta').value).toBe('Kelan asiointi');
    expect(input('Kustannus (€)').value).toBe('kolmesataa');
    expect(await sessionsStored()).toEqual([]);
  });

  it('stores a valid session, euros with a decimal comma as cents, and opens it', async () => {
    renderWithData(api, <SessionForm scope={SCOPE} />);
    await waitFor(() => expect(input('Paikkoja').value).toBe('6'));
    const nextWeek = dayFromToday(7);
    type('Päivämäärä', nextWeek);
    type('Kylä', '  Kylmälä ');
    type('Kustannus (€)', '312,50');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kerta' }));

    await waitFor(async () => expect(await sessionsStored()).toHaveLength(1));
    const [stored] = await sessionsStored();
    expect(stored).toMatchObject({
      scope: SCOPE, date: nextWeek, startTime: '10:00', endTime: '12:00', village: 'Kylmälä',
      capacity: 6, costCents: 31250, status: 'planned', createdBy: 'ohjaaja1', instructors: ['ohjaaja1'], syncState: 'pending',
    });
    expect(decodeURIComponent(location.hash)).toBe(`#/session/${SCOPE}/${stored!.id}`);
  });

  it('lets the instructors of a session be chosen', async () => {
    renderWithData(api, <SessionForm scope={SCOPE} />);
    await waitFor(() => expect(input('Paikkoja').value).toBe('6'));
    type('Kylä', 'Kylmälä');
    fireEvent.click(screen.getByLabelText('ohjaaja1'));
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kerta' }));
    await waitFor(async () => expect(await sessionsStored()).toHaveLength(1));
    expect((await sessionsStored())[0]!.instructors).toEqual([]);
  });

  it('speaks Swedish when the user chose Swedish', async () => {
    renderWithData(api, <SessionForm scope={SCOPE} />, 'sv');
    await screen.findByRole('button', { name: 'Spara träffen' });
    fireEvent.click(screen.getByRole('button', { name: 'Spara träffen' }));
    await screen.findByText('Den här uppgiften behövs.');
  });

  it('creates a weekly series in one go, leaving out the skipped dates', async () => {
    renderWithData(api, <SessionForm scope={SCOPE} />);
    await waitFor(() => expect(input('Paikkoja').value).toBe('6'));
    const [first, second, third, fourth] = [7, 14, 21, 28].map(dayFromToday);
    type('Päivämäärä', first!);
    type('Kylä', 'Kylmälä');
    fireEvent.click(screen.getByLabelText('Toista viikoittain'));
    type('Viikkoja', '4');
    type('Ohitettavat päivät', third!);
    expect(screen.getByText('Tästä tulee 3 kertaa.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kerta' }));
    await waitFor(async () => expect(await sessionsStored()).toHaveLength(3));
    expect((await sessionsStored()).map((s) => s.date).sort()).toEqual([first, second, fourth]);
    expect(location.hash).toBe('#/');
  });

  it('refuses a bad number of weeks or skipped date at the field, storing nothing', async () => {
    renderWithData(api, <SessionForm scope={SCOPE} />);
    await waitFor(() => expect(input('Paikkoja').value).toBe('6'));
    type('Kylä', 'Kylmälä');
    fireEvent.click(screen.getByLabelText('Toista viikoittain'));
    type('Viikkoja', '60');
    type('Ohitettavat päivät', 'jouluna');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kerta' }));
    await screen.findByText('Anna viikkojen määrä väliltä 1–52.');
    await screen.findByText('Anna päivämäärä muodossa vvvv-kk-pp.');
    expect(input('Ohitettavat päivät').value).toBe('jouluna');
    expect(await sessionsStored()).toEqual([]);
  });

  it('asks before saving a schedule wholly in the past, then records it as held', async () => {
    renderWithData(api, <SessionForm scope={SCOPE} />);
    await waitFor(() => expect(input('Paikkoja').value).toBe('6'));
    type('Päivämäärä', dayFromToday(-15));
    type('Kylä', 'Kylmälä');
    fireEvent.click(screen.getByLabelText('Toista viikoittain'));
    type('Viikkoja', '2');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kerta' }));
    await screen.findByText('Kaikki kerrat ovat menneisyydessä. Tallennetaanko ne jo pidettyinä?');
    expect(await sessionsStored()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna pidettyinä' }));
    await waitFor(async () => expect(await sessionsStored()).toHaveLength(2));
    expect((await sessionsStored()).every((s) => s.status === 'held')).toBe(true);
  });

  it('edits a session: cancelling needs a reason, and the change is stored as an edit', async () => {
    const id = sessionId();
    await api.store.create('session', { id, scope: SCOPE, groupKey: GROUP_KEY, date: dayFromToday(7), startTime: '10:00', endTime: '13:00', village: 'Kylmälä', instructors: [], capacity: 8, costCents: 33050, status: 'planned' });
    const existing = await api.store.get('session', SCOPE, id);
    renderWithData(api, <SessionForm scope={SCOPE} existing={existing} />);
    expect(input('Kustannus (€)').value).toBe('330,5');
    fireEvent.change(screen.getByLabelText('Tila'), { target: { value: 'cancelled' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kerta' }));
    await screen.findByText('Kerro, miksi kerta peruttiin.');
    expect((await api.store.get('session', SCOPE, id))?.status).toBe('planned');
    type('Perumisen syy', 'Tie tulvii');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kerta' }));
    await waitFor(async () => expect(await api.store.get('session', SCOPE, id)).toMatchObject({ status: 'cancelled', cancelReason: 'Tie tulvii', costCents: 33050 }));
    expect(decodeURIComponent(location.hash)).toBe(`#/session/${SCOPE}/${id}`);
  });
});

describe('planning a session from what the group wants, who produces it and what it costs', () => {
  const wishRows = () => screen.getAllByTestId('wish-row');
  /** Wishes written as participants' phones would have (the support rule is the server's). */
  const seedWishes = async () => {
    const people = [participantId(), participantId(), participantId()];
    for (const [i, id] of people.entries()) {
      await api.store.create('participant', { id, scope: SCOPE, groupKey: GROUP_KEY, displayName: `Osallistuja ${i + 1}`, homeVillage: 'Kylmälä', language: 'fi', status: 'active', startDate: '2026-09-01' });
    }
    const [old, liked, hidden] = [wishId(), wishId(), wishId()];
    for (const [id, text, status] of [[old, 'Sienestys', 'open'], [liked, 'Pilkkiminen', 'open'], [hidden, 'Pekan pilkkaaminen', 'hidden']] as const) {
      expect((await api.store.create('wish', { id, scope: SCOPE, participantId: people[0]!, text, status })).ok).toBe(true);
    }
    const support = async (wish: string, person: string, supported = true) =>
      expect((await api.store.create('wishsupport', { id: wishSupportId(wish, person), scope: SCOPE, wishId: wish, participantId: person, supported })).ok).toBe(true);
    await support(old, people[0]!);
    await support(liked, people[1]!);
    await support(liked, people[2]!);
    await support(old, people[1]!, false);
    for (const person of people) await support(hidden, person);
    return { old, liked, hidden };
  };

  it('lists the visible wishes most wanted first (the author and each supporter, once), and plans from one: its text as an editable theme, the wish remembered', async () => {
    const { liked } = await seedWishes();
    renderWithData(api, <SessionForm scope={SCOPE} />);
    await waitFor(() => expect(wishRows()).toHaveLength(2));
    expect(wishRows().map((r) => r.firstElementChild?.textContent)).toEqual(['Pilkkiminen 3 haluaa', 'Sienestys 1 haluaa']);
    // At the top of the form, before the date: a session is often planned from them.
    const wishes = screen.getByRole('group', { name: 'Ryhmän toiveista' });
    expect(wishes.compareDocumentPosition(input('Päivämäärä')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    fireEvent.click(within(wishRows()[0]!).getByRole('button', { name: 'Suunnittele tästä' }));
    expect(input('Teema tai toiminta').value).toBe('Pilkkiminen');
    expect(screen.getByText('Suunniteltu toiveesta: Pilkkiminen')).toBeTruthy();
    type('Teema tai toiminta', 'Pilkkiminen Kylmälän järvellä');
    type('Päivämäärä', dayFromToday(7));
    type('Kylä', 'Kylmälä');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kerta' }));
    await waitFor(async () => expect(await sessionsStored()).toHaveLength(1));
    expect((await sessionsStored())[0]).toMatchObject({ theme: 'Pilkkiminen Kylmälän järvellä', fromWishId: liked });
  });

  it('stays axe-clean with the wishes at the top of the form', async () => {
    await seedWishes();
    const { container } = renderWithData(api, <SessionForm scope={SCOPE} />);
    await waitFor(() => expect(wishRows()).toHaveLength(2));
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('lets the chosen wish be cleared, keeping the theme typed', async () => {
    await seedWishes();
    renderWithData(api, <SessionForm scope={SCOPE} />);
    await waitFor(() => expect(wishRows()).toHaveLength(2));
    fireEvent.click(within(wishRows()[1]!).getByRole('button', { name: 'Suunnittele tästä' }));
    fireEvent.click(screen.getByRole('button', { name: 'Poista toiveen valinta' }));
    expect(screen.queryByText(/Suunniteltu toiveesta/)).toBeNull();
    type('Päivämäärä', dayFromToday(7));
    type('Kylä', 'Kylmälä');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kerta' }));
    await waitFor(async () => expect(await sessionsStored()).toHaveLength(1));
    const [stored] = await sessionsStored();
    expect(stored!.theme).toBe('Sienestys');
    expect(stored!.fromWishId).toBeUndefined();
  });

  it('hides an inappropriate wish from the group only once confirmed', async () => {
    const { old } = await seedWishes();
    renderWithData(api, <SessionForm scope={SCOPE} />);
    await waitFor(() => expect(wishRows()).toHaveLength(2));
    const row = () => wishRows().find((r) => r.textContent?.includes('Sienestys'))!;
    fireEvent.click(within(row()).getByRole('button', { name: 'Piilota' }));
    expect(within(row()).getByRole('alert').textContent).toContain('Piilotetaanko toive ”Sienestys” ryhmältä?');
    fireEvent.click(within(row()).getByRole('button', { name: 'Älä piilota' }));
    expect(within(row()).queryByRole('alert')).toBeNull();
    expect((await api.store.get('wish', SCOPE, old))?.status).toBe('open');

    fireEvent.click(within(row()).getByRole('button', { name: 'Piilota' }));
    fireEvent.click(within(row()).getByRole('button', { name: 'Piilota toive' }));
    await waitFor(() => expect(wishRows()).toHaveLength(1));
    expect((await api.store.get('wish', SCOPE, old))?.status).toBe('hidden');
    expect(wishRows()[0]!.textContent).toContain('Pilkkiminen');
  });

  it("stores the partner organisation that produces the session; the organisation's own is none", async () => {
    const partner = partnerId();
    await api.store.create('partner', { id: partner, scope: SCOPE, name: 'Kylmälän kyläyhdistys', kind: 'villageAssociation' });
    renderWithData(api, <SessionForm scope={SCOPE} />);
    const producer = (await screen.findByLabelText('Tuottaja')) as HTMLSelectElement;
    expect(producer.value).toBe('');
    expect([...producer.options].map((o) => o.textContent)).toEqual(['Oma organisaatio', 'Kylmälän kyläyhdistys']);
    fireEvent.change(producer, { target: { value: partner } });
    type('Päivämäärä', dayFromToday(7));
    type('Kylä', 'Kylmälä');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kerta' }));
    await waitFor(async () => expect(await sessionsStored()).toHaveLength(1));
    expect((await sessionsStored())[0]!.producerId).toBe(partner);
  });

  it('edits a session with a cost split: its parts shown and changed, the total following', async () => {
    const id = sessionId();
    await api.store.create('session', { id, scope: SCOPE, groupKey: GROUP_KEY, date: dayFromToday(7), startTime: '10:00', endTime: '13:00', village: 'Kylmälä', instructors: [], capacity: 8, costCents: 33000, costParts: { instructors: 20000, travel: 5000, premises: 5000, activities: 3000 }, status: 'planned' });
    renderWithData(api, <SessionForm scope={SCOPE} existing={await api.store.get('session', SCOPE, id)} />);
    expect(input('Tilat').value).toBe('50');
    type('Tilat', '0');
    expect(screen.getByLabelText('Kustannus (€)').textContent).toBe('280');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kerta' }));
    await waitFor(async () => expect(await api.store.get('session', SCOPE, id)).toMatchObject({ costCents: 28000, costParts: { instructors: 20000, travel: 5000, premises: 0, activities: 3000 } }));
  });

  it("starts from the group's cost split, sums the parts as they are typed, refuses a part that is no sum, and stores parts and total in cents", async () => {
    await api.store.edit('group', SCOPE, groupId(GROUP_KEY), { settings: { sessionMinutes: 120, capacity: 6, instructorsPerSession: 2, sessionCostCents: 33000, costParts: { instructors: 20000, travel: 5000, premises: 5000, activities: 3000 } } });
    renderWithData(api, <SessionForm scope={SCOPE} />);
    await waitFor(() => expect(input('Ohjaajien työ').value).toBe('200'));
    expect([input('Matkat').value, input('Tilat').value, input('Toiminta ja tarvikkeet').value]).toEqual(['50', '50', '30']);
    expect(screen.getByLabelText('Kustannus (€)').textContent).toBe('330');
    expect(screen.getByText('Summa lasketaan osista automaattisesti.')).toBeTruthy();
    type('Matkat', '62,50');
    expect(screen.getByLabelText('Kustannus (€)').textContent).toBe('342,5');

    type('Päivämäärä', dayFromToday(7));
    type('Kylä', 'Kylmälä');
    type('Tilat', 'ilmainen');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kerta' }));
    await screen.findByText('Anna summa euroina, esimerkiksi 330 tai 312,50.');
    expect(input('Tilat').getAttribute('aria-invalid')).toBe('true');
    expect(input('Tilat').value).toBe('ilmainen');
    expect(await sessionsStored()).toEqual([]);

    type('Tilat', '');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kerta' }));
    await waitFor(async () => expect(await sessionsStored()).toHaveLength(1));
    expect((await sessionsStored())[0]).toMatchObject({ costCents: 29250, costParts: { instructors: 20000, travel: 6250, premises: 0, activities: 3000 } });
  });
});
