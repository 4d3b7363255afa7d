import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coachingId, participantId, sessionId } from '../../domain/index.ts';
import { dayFromToday, GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { SessionList } from './SessionList.tsx';

let api: TestData;
// Tomorrow (a cancelled session) and a week after it.
const tomorrow = dayFromToday(1);
const weekAfter = dayFromToday(8);

beforeEach(async () => {
  // Each test's start screen from nothing kept (the data layer keeps the last one per user).
  localStorage.clear();
  api = await openTestData();
  await seedGroup(api, 0);
  for (const [date, theme, status] of [[tomorrow, 'Kahvila', 'cancelled'], [weekAfter, 'Retki', 'planned'], ['2020-01-07', 'Vanha', 'held']] as const) {
    await api.store.create('session', { id: sessionId(), scope: SCOPE, groupKey: GROUP_KEY, date, startTime: '10:00', endTime: '13:00', village: 'Kylmälä', theme, instructors: [], capacity: 8, costCents: 0, status, ...(status === 'cancelled' ? { cancelReason: 'Myrsky' } : {}) });
  }
});
afterEach(() => api.close());

describe('start screen', () => {
  it('puts the next session that is not cancelled first, then upcoming and past', async () => {
    renderWithData(api, <SessionList />);
    const next = await screen.findByTestId('next-session');
    expect(next.textContent).toContain('Retki');
    expect(screen.getByRole('heading', { name: 'Tulevat' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Menneet' })).toBeTruthy();
  });

  it("names the screen in words before the group's own record has arrived, never by its database", async () => {
    const empty = await openTestData();
    renderWithData(empty, <SessionList />);
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toBe('PopUp-kerrat');
    expect(document.body.textContent).not.toContain('polku-g-');
    await empty.close();
  });

  it('draws the next-session card and the buttons before the sessions are read, and the card stays when there is no next session', async () => {
    renderWithData(api, <SessionList />);
    // The first frame: the group's frame marked busy, its card already there (no layout shift when the data arrives).
    const section = document.querySelector('section.group')!;
    expect(section.getAttribute('aria-busy')).toBe('true');
    expect(section.querySelector('.next-session')).not.toBeNull();
    expect(screen.getByRole('link', { name: 'Uusi kerta' })).toBeTruthy();
    await screen.findByTestId('next-session');
    expect(section.hasAttribute('aria-busy')).toBe(false);

    const none = await openTestData();
    await seedGroup(none, 0);
    const { container } = renderWithData(none, <SessionList />);
    await waitFor(() => expect(container.querySelector('section.group')!.hasAttribute('aria-busy')).toBe(false));
    const card = container.querySelector('.next-session')!;
    expect(card.textContent).toContain('Ryhmällä ei ole vielä kertoja.');
    expect(card.getAttribute('data-testid')).toBeNull();
    await none.close();
  });

  it('shows a week at a time, and moves between weeks', async () => {
    renderWithData(api, <SessionList />);
    await screen.findByTestId('next-session');
    fireEvent.click(screen.getByRole('button', { name: 'Viikko' }));
    const week = await screen.findByTestId('week-view');
    expect(within(week).getAllByRole('listitem')).toHaveLength(7);
    const showsRetki = () => within(screen.getByTestId('week-view')).queryByText(/Retki/) !== null;
    const showsKahvila = () => within(screen.getByTestId('week-view')).queryByText(/Kahvila/) !== null;
    // This week or the next holds "Kahvila" (tomorrow); the week after it holds "Retki".
    if (!showsKahvila()) fireEvent.click(screen.getByRole('button', { name: 'Seuraava viikko' }));
    await waitFor(() => expect(showsKahvila()).toBe(true));
    expect(showsRetki()).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Seuraava viikko' }));
    await waitFor(() => expect(showsRetki()).toBe(true));
  });
});

describe('a group with years of sessions', () => {
  it('lists the most recent past ones, and the rest behind a button that says how many', async () => {
    // 12 past sessions besides the one seeded: weekly, the newest a week ago.
    for (let w = 1; w <= 12; w++) {
      await api.store.create('session', { id: sessionId(), scope: SCOPE, groupKey: GROUP_KEY, date: dayFromToday(-7 * w), startTime: '10:00', endTime: '13:00', village: 'Kylmälä', theme: `Viikko ${w}`, instructors: [], capacity: 8, costCents: 0, status: 'held' });
    }
    renderWithData(api, <SessionList />);
    await screen.findByTestId('next-session');
    const pastList = () => screen.getByRole('heading', { name: 'Menneet' }).nextElementSibling as HTMLElement;
    const themes = () => within(pastList()).getAllByRole('listitem').map((li) => /Viikko \d+|Vanha/.exec(li.textContent ?? '')?.[0]);
    expect(themes()).toEqual(['Viikko 1', 'Viikko 2', 'Viikko 3', 'Viikko 4', 'Viikko 5']);
    const more = screen.getByRole('button', { name: 'Näytä kaikki (13)' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    await waitFor(() => expect(themes()).toHaveLength(13));
    expect(themes().at(-1)).toBe('Vanha');
    const fewer = screen.getByRole('button', { name: 'Näytä vähemmän' });
    expect(fewer.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(fewer);
    await waitFor(() => expect(themes()).toHaveLength(5));
    // Only two upcoming: nothing hidden, no button for them.
    expect(screen.getAllByRole('button', { name: /Näytä kaikki/ })).toHaveLength(1);
  });
});

describe('the last known start screen', () => {
  it('is drawn at once, marked busy, and the live screen takes its place in the same frame', async () => {
    const last = { user: api.user.name, groups: [{ scope: SCOPE, name: 'Testiryhmä', sessions: [{ id: 'session:old', date: weekAfter, startTime: '09:00', endTime: '12:00', village: 'Hietala', theme: 'Muistettu', instructors: [], status: 'planned' as const, syncState: 'synced' as const }] }] };
    renderWithData({ ...api, lastStart: last }, <SessionList />);
    const section = screen.getByRole('region', { name: 'Testiryhmä' });
    expect(section.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByTestId('next-session').textContent).toContain('Muistettu');
    await waitFor(() => expect(screen.getByTestId('next-session').textContent).toContain('Retki'));
    expect(screen.getByRole('region', { name: 'Testiryhmä' })).toBe(section);
    expect(section.getAttribute('aria-busy')).toBeNull();
    expect(document.body.textContent).not.toContain('Muistettu');
  });
});

describe("the coach's one-to-one meetings", () => {
  it('lists the meetings to come where the signed-in person is the coach, apart from the sessions, each leading to the participant', async () => {
    const person = participantId();
    await api.store.create('participant', { id: person, scope: SCOPE, groupKey: GROUP_KEY, displayName: 'Aino', homeVillage: 'Kylmälä', language: 'fi', status: 'active', startDate: '2026-09-01' });
    const meeting = (date: string, coach: string, place?: string) =>
      api.store.create('coaching', { id: coachingId(), scope: SCOPE, participantId: person, date, startTime: '14:00', endTime: '15:00', mode: place ? 'inPerson' : 'phone', ...(place ? { place } : {}), coach, status: 'planned' });
    await meeting(dayFromToday(3), 'ohjaaja1', 'Kirjaston ryhmähuone');
    await meeting(dayFromToday(2), 'ohjaaja1');
    await meeting(dayFromToday(1), 'ohjaaja2', 'Kunnantalo');
    await meeting(dayFromToday(-2), 'ohjaaja1', 'Menneisyys');

    renderWithData(api, <SessionList />);
    const section = await screen.findByRole('region', { name: 'Omat yksilötapaamiset' });
    const rows = within(section).getAllByTestId('my-meeting');
    expect(rows.map((r) => r.textContent?.replace(/^.*klo 14\.00–15\.00/, ''))).toEqual(['AinoPuheluSovittu', 'AinoTapaaminen · Kirjaston ryhmähuoneSovittu']);
    expect(decodeURIComponent(within(rows[0]!).getByRole('link').getAttribute('href')!)).toBe(`#/participant/${SCOPE}/${person}`);
    // Not a PopUp session: never the next session, nor among the group's.
    expect(screen.getByTestId('next-session').textContent).not.toContain('Aino');
    expect(within(screen.getByRole('region', { name: 'Testiryhmä' })).queryByText('Aino')).toBeNull();
  });
});
