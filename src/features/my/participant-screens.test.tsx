import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { attendanceId, checkinId, rideId, rsvpId, weekday } from '../../domain/index.ts';
import { dayFromToday, MY_KEY, MY_SCOPE, openParticipantData, renderWithData, type TestData } from '../../test-support.tsx';
import { CheckIn } from './CheckIn.tsx';
import { MyGoals } from './MyGoals.tsx';
import { MyRide } from './MyRide.tsx';
import { MySchedule } from './MySchedule.tsx';

const me = `participant:${MY_KEY}`;
const FI_WEEKDAYS = ['maanantai', 'tiistai', 'keskiviikko', 'torstai', 'perjantai', 'lauantai', 'sunnuntai'];
/** "tiistai 5.1.2027", written out independently of the app's formatter. */
const longFi = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${FI_WEEKDAYS[weekday(date) - 1]} ${d}.${m}.${y}`;
};
let api: TestData;
afterEach(() => api?.close());

describe("a participant's own screens", () => {
  it('puts the next session first, and says "I\'m coming" in one tap, changeable', async () => {
    api = await openParticipantData([
      { id: 'session:past0001', date: dayFromToday(-7), status: 'held' },
      { id: 'session:next0001', date: dayFromToday(7), theme: 'Retki' },
      { id: 'session:next0002', date: dayFromToday(14), status: 'cancelled' },
      { id: 'session:next0003', date: dayFromToday(21) },
    ]);
    renderWithData(api, <MySchedule scope={MY_SCOPE} />);
    const next = await screen.findByTestId('my-next');
    expect(next.textContent).toContain('Retki');
    fireEvent.click(within(next).getByRole('button', { name: 'Tulen' }));
    await waitFor(() => expect(within(next).getByRole('button', { name: 'Tulen' }).getAttribute('aria-pressed')).toBe('true'));
    fireEvent.click(within(next).getByRole('button', { name: 'En pääse' }));
    await waitFor(() => expect(within(next).getByRole('button', { name: 'En pääse' }).getAttribute('aria-pressed')).toBe('true'));
    expect(await api.store.get('rsvp', MY_SCOPE, rsvpId('session:next0001', me))).toMatchObject({ status: 'notComing', syncState: 'pending' });
    screen.getByText('Tämä kerta on peruttu. Myrsky');
    expect(screen.getAllByTestId('my-ride')[0]!.textContent).toContain('Ei kyytiä.');
  });

  it('fills the first screen with the next session: the weekday in full, the date and hours the Finnish way, big "I\'m coming" / "I can\'t come" buttons and the ride; later sessions after it', async () => {
    const tomorrow = dayFromToday(1);
    api = await openParticipantData([
      { id: 'session:past0001', date: dayFromToday(-7), status: 'held' },
      { id: 'session:next0001', date: tomorrow, startTime: '09:30', endTime: '12:30', theme: 'Retki' },
      { id: 'session:next0002', date: dayFromToday(8) },
    ]);
    renderWithData(api, <MySchedule scope={MY_SCOPE} />);
    const next = await screen.findByTestId('my-next');
    // Written out independently of the app's formatter: "Huomenna", "Keskiviikko 13.1.2027", "klo 9.30–12.30".
    expect(next.querySelector('.my-when')!.textContent).toBe(`Huomenna ${longFi(tomorrow)} klo 9.30–12.30`);
    expect(next.textContent).toContain('Kylätalo, Kylmälä');
    const coming = within(next).getByRole('button', { name: 'Tulen' });
    const notComing = within(next).getByRole('button', { name: 'En pääse' });
    // Named by the group's label: the answer is about this session.
    expect(within(next).getByRole('group', { name: `Huomenna ${longFi(tomorrow)} klo 9.30–12.30` })).toBeTruthy();
    const ride = within(next).getByRole('link', { name: 'Pyydä kyyti' });
    for (const control of [coming, notComing, ride]) expect(control.classList.contains('choice') || control.classList.contains('button')).toBe(true);
    expect(coming.tagName).toBe('BUTTON');
    expect(notComing.tagName).toBe('BUTTON');
    fireEvent.click(coming);
    await waitFor(() => expect(within(next).getByTestId('my-answer').textContent).toBe('Olet tulossa. Kiva!'));
    // The later sessions come after the next one, not before it.
    const later = screen.getByRole('heading', { name: 'Tulevat kerrat' });
    expect(next.compareDocumentPosition(later) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows one-to-one meetings with a coach right after the next session, in one plain sentence each: when, then who and how; a cancelled one marked, none already over', async () => {
    api = await openParticipantData([
      { id: 'session:next0001', date: dayFromToday(7), theme: 'Retki' },
      { id: 'session:next0002', date: dayFromToday(14) },
    ]);
    const meeting = async (key: string, date: string, fields: { mode: 'phone' | 'video' | 'inPerson'; place?: string; status?: 'planned' | 'held' | 'cancelled' }) => {
      const r = await api.store.create('coaching', { id: `coaching:${key}`, scope: MY_SCOPE, participantId: me, date, startTime: '14:00', endTime: '15:00', coach: 'Maija', status: 'planned', ...fields });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
    };
    await meeting('call0001', dayFromToday(3), { mode: 'phone' });
    await meeting('meet0001', dayFromToday(2), { mode: 'inPerson', place: 'Kirjasto', status: 'cancelled' });
    await meeting('vide0001', dayFromToday(4), { mode: 'video' });
    await meeting('meet0002', dayFromToday(5), { mode: 'inPerson' });
    await meeting('past0001', dayFromToday(-3), { mode: 'phone', status: 'held' });
    renderWithData(api, <MySchedule scope={MY_SCOPE} />);
    await waitFor(() => expect(screen.getAllByTestId('my-coaching')).toHaveLength(4));
    const heading = screen.getByRole('heading', { name: 'Omat tapaamiset ohjaajan kanssa', level: 2 });
    const [cancelled, call, video, inPerson] = screen.getAllByTestId('my-coaching').map((li) => [...li.querySelectorAll('p')].map((p) => p.textContent));
    const when = (days: number) => new RegExp(`^\\S+ ${dayFromToday(days).split('-').map(Number).reverse().join('\\.')} klo 14\\.00–15\\.00$`);
    expect(cancelled![0]).toMatch(when(2));
    expect(cancelled!.slice(1)).toEqual(['Tapaat ohjaajan Maija. Paikka: Kirjasto.', 'Tämä tapaaminen on peruttu.']);
    expect(call![0]).toMatch(when(3));
    expect(call!.slice(1)).toEqual(['Ohjaaja Maija soittaa sinulle.']);
    expect(video!.slice(1)).toEqual(['Videopuhelu ohjaajan Maija kanssa.']);
    expect(inPerson!.slice(1)).toEqual(['Tapaat ohjaajan Maija. Ohjaaja kertoo paikan.']);
    // Not a group session: no "I'm coming" for it, and the next session is still the group's.
    expect(within(screen.getAllByTestId('my-coaching')[0]!).queryByRole('button')).toBeNull();
    const next = screen.getByTestId('my-next');
    expect(next.textContent).toContain('Retki');
    // Near the top: after the next session, before the later ones.
    expect(next.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(heading.compareDocumentPosition(screen.getByRole('heading', { name: 'Tulevat kerrat' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('asks for a ride from a usual pickup point or another place, and refuses zero seats', async () => {
    api = await openParticipantData([{ id: 'session:next0001', date: dayFromToday(7) }]);
    renderWithData(api, <MyRide scope={MY_SCOPE} sessionId="session:next0001" />);
    await screen.findByLabelText('Mistä haetaan');
    fireEvent.change(screen.getByLabelText('Mistä haetaan'), { target: { value: '__other__' } });
    fireEvent.input(screen.getByLabelText('Kirjoita paikka'), { target: { value: 'Mäkelän tienhaara' } });
    fireEvent.input(screen.getByLabelText('Montako paikkaa'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pyydä kyyti' }));
    await screen.findByText('Paikkoja on oltava vähintään 1.');
    expect((screen.getByLabelText('Kirjoita paikka') as HTMLInputElement).value).toBe('Mäkelän tienhaara');
    fireEvent.input(screen.getByLabelText('Montako paikkaa'), { target: { value: '2' } });
    fireEvent.input(screen.getByLabelText('Tarvitsetko apua? (esim. pyörätuoli)'), { target: { value: 'rollaattori' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pyydä kyyti' }));
    await waitFor(async () => expect(await api.store.get('ride', MY_SCOPE, rideId('session:next0001', me))).toMatchObject({ village: 'Kylmälä', pickupPoint: 'Mäkelän tienhaara', seats: 2, needs: 'rollaattori', status: 'requested' }));
  });

  it('keeps a booked ride booked when it is sent again unchanged, and asks again when it really changes', async () => {
    api = await openParticipantData([{ id: 'session:next0001', date: dayFromToday(7) }]);
    const id = rideId('session:next0001', me);
    await api.store.create('ride', { id, scope: MY_SCOPE, sessionId: 'session:next0001', participantId: me, village: 'Kylmälä', pickupPoint: 'Mäkelän tienhaara', seats: 2, needs: 'rollaattori', status: 'confirmed' });
    const booked = await api.store.get('ride', MY_SCOPE, id);
    const { unmount } = renderWithData(api, <MyRide scope={MY_SCOPE} sessionId="session:next0001" />);
    // The form shows what was asked for, not the defaults.
    await waitFor(() => expect((screen.getByLabelText('Kirjoita paikka') as HTMLInputElement).value).toBe('Mäkelän tienhaara'));
    expect((screen.getByLabelText('Montako paikkaa') as HTMLInputElement).value).toBe('2');
    expect((screen.getByLabelText('Tarvitsetko apua? (esim. pyörätuoli)') as HTMLInputElement).value).toBe('rollaattori');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna muutos' }));
    await waitFor(() => expect(location.hash).toBe('#/'));
    expect(await api.store.get('ride', MY_SCOPE, id)).toMatchObject({ status: 'confirmed', updatedAt: booked!.updatedAt });
    unmount();

    renderWithData(api, <MyRide scope={MY_SCOPE} sessionId="session:next0001" />);
    fireEvent.input(await screen.findByLabelText('Montako paikkaa'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna muutos' }));
    await waitFor(async () => expect(await api.store.get('ride', MY_SCOPE, id)).toMatchObject({ seats: 3, status: 'requested' }));
  });

  it('refuses a ride for a cancelled session or one that has started, in plain words', async () => {
    api = await openParticipantData([
      { id: 'session:gone0001', date: dayFromToday(7), status: 'cancelled' },
      // Under way all day today, whatever the hour.
      { id: 'session:now00001', date: dayFromToday(0), startTime: '00:00', endTime: '23:59' },
    ]);
    const { unmount } = renderWithData(api, <MyRide scope={MY_SCOPE} sessionId="session:gone0001" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Pyydä kyyti' }));
    await screen.findByText('Kerta on peruttu. Kyytiä ei tarvita.');
    unmount();
    renderWithData(api, <MyRide scope={MY_SCOPE} sessionId="session:now00001" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Pyydä kyyti' }));
    await screen.findByText('Kerta on jo alkanut. Kyytiä ei voi enää pyytää.');
    expect(await api.db.docs.count({ selector: { type: 'ride' } }).exec()).toBe(0);
  });

  it('offers its core actions as real buttons, and no check-in for a session that has not started', async () => {
    api = await openParticipantData([
      { id: 'session:past0001', date: dayFromToday(-7), status: 'held', theme: 'Leivonta' },
      { id: 'session:next0001', date: dayFromToday(7), theme: 'Retki' },
    ]);
    // Marked present for both, the coming one by mistake ahead of time.
    for (const session of ['session:past0001', 'session:next0001']) {
      await api.store.create('attendance', { id: attendanceId(session, me), scope: MY_SCOPE, sessionId: session, participantId: me, status: 'present' });
    }
    const { unmount } = renderWithData(api, <MySchedule scope={MY_SCOPE} />);
    const ride = await screen.findByRole('link', { name: 'Pyydä kyyti' });
    // A tap target as big as a button (.button: at least 48 px), not a line of text.
    expect(ride.classList.contains('button')).toBe(true);
    await waitFor(() => expect(screen.getAllByRole('link', { name: 'Kerro, miten meni' })).toHaveLength(1));
    const checkin = screen.getByRole('link', { name: 'Kerro, miten meni' });
    expect(checkin.classList.contains('button')).toBe(true);
    expect(checkin.getAttribute('href')).toBe(`#/checkin/${MY_SCOPE}/session%3Apast0001`);
    unmount();

    renderWithData(api, <CheckIn scope={MY_SCOPE} sessionId="session:next0001" />);
    await screen.findByText('Tämä kerta ei ole vielä alkanut. Voit kertoa, miten meni, kun olet ollut paikalla.');
    expect(screen.queryByRole('button', { name: 'Lähetä' })).toBeNull();
  });

  it('words the check-in by when the session was: today, yesterday, or on its date — never "today" for one days ago', async () => {
    api = await openParticipantData([
      // Under way since midnight: it has started whatever the hour.
      { id: 'session:today001', date: dayFromToday(0), startTime: '00:00', endTime: '23:59' },
      { id: 'session:yday0001', date: dayFromToday(-1), status: 'held' },
      { id: 'session:old00001', date: dayFromToday(-9), status: 'held' },
    ]);
    const asked = async (sessionId: string, lang = 'fi') => {
      const { unmount } = renderWithData(api, <CheckIn scope={MY_SCOPE} sessionId={sessionId} />, lang);
      await screen.findAllByRole('group');
      await waitFor(() => expect(document.documentElement.lang).toBe(lang));
      const said = [screen.getByRole('heading', { level: 1 }), ...screen.getAllByRole('group')].map((el) => el.querySelector('legend')?.textContent ?? el.textContent);
      unmount();
      return said;
    };
    expect(await asked('session:today001')).toEqual(['Miten tänään meni?', 'Miten voit tänään?', 'Oliko tämän päivän kerta hyödyllinen?']);
    expect(await asked('session:yday0001')).toEqual(['Miten eilen meni?', 'Miltä sinusta tuntui eilen?', 'Oliko eilinen kerta hyödyllinen?']);
    const old = longFi(dayFromToday(-9));
    expect(await asked('session:old00001')).toEqual([`Kerta ${old}: miten meni?`, `Miltä sinusta tuntui kerralla ${old}?`, `Oliko kerta ${old} hyödyllinen?`]);
    const [title, ...questions] = await asked('session:old00001', 'en');
    expect(title).toMatch(/^The session on \w+day \d+\/\d+\/\d{4}: how was it\?$/);
    expect(questions.join(' ')).not.toMatch(/today/i);
    expect((await asked('session:old00001', 'sv')).join(' ')).not.toMatch(/i dag|dagens/i);
  });

  it('takes a check-in on two 1–5 scales with pictures and words, and needs at least one answer', async () => {
    api = await openParticipantData([{ id: 'session:past0001', date: dayFromToday(-7), status: 'held' }]);
    renderWithData(api, <CheckIn scope={MY_SCOPE} sessionId="session:past0001" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Lähetä' }));
    await screen.findByText('Vastaa ainakin yhteen kysymykseen.');
    const mood = screen.getByRole('group', { name: `Miltä sinusta tuntui kerralla ${longFi(dayFromToday(-7))}?` });
    fireEvent.click(within(mood).getByLabelText('Hyvä'));
    const useful = screen.getByRole('group', { name: `Oliko kerta ${longFi(dayFromToday(-7))} hyödyllinen?` });
    fireEvent.click(within(useful).getByLabelText('Tosi hyvä'));
    fireEvent.click(screen.getByRole('button', { name: 'Lähetä' }));
    await waitFor(async () => expect(await api.store.get('checkin', MY_SCOPE, checkinId('session:past0001', me))).toMatchObject({ mood: 4, useful: 5 }));
  });

  it('shows only what staff marked visible, in plain words', async () => {
    api = await openParticipantData([]);
    await api.store.create('planstep', { id: 'planstep:step0001', scope: MY_SCOPE, participantId: me, stage: 'workTrial', status: 'active', startDate: '2026-10-01', visibleToParticipant: true });
    await api.store.create('goal', { id: 'goal:goal0001', scope: MY_SCOPE, participantId: me, title: 'Ajokortti', steps: [{ id: 's1', text: 'Teoriakoe', done: true }, { id: 's2', text: 'Ajokoe', done: false }], status: 'open', visibleToParticipant: true });
    await api.store.create('goal', { id: 'goal:goal0002', scope: MY_SCOPE, participantId: me, title: 'Salainen', steps: [], status: 'open', visibleToParticipant: false });
    renderWithData(api, <MyGoals scope={MY_SCOPE} />);
    await waitFor(() => expect(screen.getByTestId('my-stage').textContent).toBe('Olet työkokeilussa.'));
    await screen.findByText('Ajokortti');
    screen.getByText('1 / 2 tehty');
    expect(screen.queryByText('Salainen')).toBeNull();
  });
});
