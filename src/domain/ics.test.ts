import { describe, expect, it } from 'vitest';
import { calendar, icsText } from './ics.ts';

const event = {
  uid: 'session:demo0003@polku',
  date: '2026-12-01',
  startTime: '10:00',
  endTime: '13:00',
  title: 'PopUp: Retki kylälle',
  location: 'Kirkkotie 5, nuorisotalo; Pudasjärvi',
  updatedAt: '2026-11-20T08:00:00.000Z',
};

describe('calendar file', () => {
  it('has local Helsinki times with the zone, a stable UID and escaped text', () => {
    const ics = calendar([event], new Date('2026-11-29T12:00:00Z'));
    const lines = ics.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('TZID:Europe/Helsinki');
    expect(lines).toContain('DTSTART;TZID=Europe/Helsinki:20261201T100000');
    expect(lines).toContain('DTEND;TZID=Europe/Helsinki:20261201T130000');
    expect(lines).toContain('UID:session:demo0003@polku');
    expect(lines).toContain('DTSTAMP:20261129T120000Z');
    expect(lines).toContain('LOCATION:Kirkkotie 5\\, nuorisotalo\\; Pudasjärvi');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('gives a changed session the same UID and a higher sequence, and marks a cancelled one', () => {
    const first = calendar([event], new Date());
    const changed = calendar([{ ...event, updatedAt: '2026-11-25T08:00:00.000Z', cancelled: true }], new Date());
    const seq = (ics: string) => Number(/SEQUENCE:(\d+)/.exec(ics)![1]);
    expect(seq(changed)).toBeGreaterThan(seq(first));
    expect(changed).toContain('UID:session:demo0003@polku');
    expect(changed).toContain('STATUS:CANCELLED');
  });

  it('folds long lines at 75 octets without breaking characters', () => {
    const ics = calendar([{ ...event, description: 'ä'.repeat(100) }], new Date());
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`DESCRIPTION:${'ä'.repeat(100)}`);
  });

  it('escapes what would break the format', () => {
    expect(icsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });
});
