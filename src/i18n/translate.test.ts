import { describe, expect, it } from 'vitest';
import en from './messages/en.json';
import fi from './messages/fi.json';
import sv from './messages/sv.json';
import { makeTranslator } from './translate.ts';

const tr = { fi: makeTranslator('fi', fi), sv: makeTranslator('sv', sv), en: makeTranslator('en', en) };
// 10.00 in Helsinki on 8 December 2026 (UTC+2).
const instant = '2026-12-08T08:00:00.000Z';

describe("Finland's date and time formats in every language", () => {
  it('writes a moment on the organisation’s wall clock', () => {
    expect(tr.fi.moment(instant)).toBe('8.12.2026 klo 10.00');
    expect(tr.sv.moment(instant)).toBe('8.12.2026 kl. 10.00');
    expect(tr.en.moment(instant)).toBe('8/12/2026 10:00');
    // Summer time: 23.05 UTC on 30 June is 2.05 on 1 July in Finland.
    expect(tr.fi.moment('2026-06-30T23:05:00.000Z')).toBe('1.7.2026 klo 2.05');
  });

  it('writes dates, days and times, never as ISO', () => {
    expect(tr.fi.date('2026-12-08')).toBe('8.12.2026');
    expect(tr.en.date('2026-12-08')).toBe('8/12/2026');
    expect(tr.fi.day('2026-12-08')).toBe('ti 8.12.2026');
    expect(tr.sv.day('2026-12-08')).toMatch(/^tis\.? 8\.12\.2026$/);
    expect(tr.en.day('2026-12-08')).toBe('Tue 8/12/2026');
    expect([tr.fi.longDay('2026-12-08'), tr.sv.longDay('2026-12-08'), tr.en.longDay('2026-12-08')]).toEqual(['tiistai 8.12.2026', 'tisdag 8.12.2026', 'Tuesday 8/12/2026']);
    expect(tr.fi.time('09:30')).toBe('9.30');
    expect(tr.sv.time('10:00')).toBe('10.00');
    expect(tr.en.time('10:00')).toBe('10:00');
  });

  it('takes a new language from its catalogue alone', () => {
    const de = makeTranslator('de', { 'fmt.locale': 'de-DE', 'fmt.date': '{d}.{m}.{y}', 'fmt.time': '{h}:{min}', 'fmt.day': '{weekday}, {date}', 'fmt.moment': '{date}, {time} Uhr' });
    expect(de.moment(instant)).toBe('8.12.2026, 10:00 Uhr');
    expect(de.day('2026-12-08')).toMatch(/^Di\.?, 8\.12\.2026$/);
  });
});

describe('plural forms through Intl.PluralRules', () => {
  it('says one session, and two sessions, in every language', () => {
    const p = { visits: 3, busiest: 'vk 41', max: 3 };
    expect(tr.fi.plural('dash.overTimeSummary', 1, p)).toBe('1 pidetty kerta ja 3 käyntiä; eniten käyntejä: vk 41 (3).');
    expect(tr.fi.plural('dash.overTimeSummary', 2, p)).toBe('2 pidettyä kertaa ja 3 käyntiä; eniten käyntejä: vk 41 (3).');
    expect(tr.en.plural('dash.overTimeSummary', 1, p)).toBe('1 session held and 3 visits; most visits: vk 41 (3).');
    expect(tr.sv.plural('dash.overTimeSummary', 1, p)).toBe('1 hållen träff och 3 besök; flest besök: vk 41 (3).');
    expect(tr.sv.plural('dash.ridesSummary', 2, { confirmed: 1, top: 'Kylmälä', topCount: 2 })).toBe('2 skjutsbegäranden, varav 1 bekräftade; flest begäranden: Kylmälä (2).');
  });

  it('has a one and an other form for every message that counts', () => {
    for (const [lang, catalogue] of Object.entries({ fi, sv, en })) {
      for (const [key] of Object.entries(catalogue).filter(([k, v]) => k.endsWith('.other') && v.includes('{count}'))) {
        expect(catalogue, `${lang}: ${key}`).toHaveProperty(key.replace(/\.other$/, '.one'));
      }
      // A count placed in a message without plural forms reads "1 sessions" in English.
      const counted = Object.entries(catalogue).filter(([k, v]) => !/\.(one|other)$/.test(k) && /\{count\}/.test(v)).map(([k]) => k);
      expect(counted, lang).toEqual(['dash.allGroups']);
    }
  });
});

describe('money', () => {
  it("writes euros as each language does in Finland (spaces are Intl's no-break ones)", () => {
    const plain = (s: string) => s.replace(/\s/g, ' ');
    expect(plain(tr.fi.money(33_000))).toBe('330,00 €');
    expect(plain(tr.sv.money(123_450))).toBe('1 234,50 €');
    expect(tr.en.money(33_000)).toBe('€330.00');
  });
});
