/**
 * iCalendar (RFC 5545) for sessions, so a participant can put them in their phone's
 * calendar. Times are local Helsinki times with the zone's rules included; a session keeps
 * its UID, so an updated file replaces the event instead of adding a second one.
 */
export interface CalendarEvent {
  uid: string;
  date: string; // yyyy-mm-dd
  startTime: string; // hh:mm
  endTime: string;
  title: string;
  location: string;
  description?: string;
  updatedAt: string; // ISO
  cancelled?: boolean;
}

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Helsinki',
  'BEGIN:STANDARD',
  'DTSTART:19701025T040000',
  'TZOFFSETFROM:+0300',
  'TZOFFSETTO:+0200',
  'TZNAME:EET',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:19700329T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0300',
  'TZNAME:EEST',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];

/** Text values: backslash, semicolon, comma and new lines escaped. */
export const icsText = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

const local = (date: string, time: string) => `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;
const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');

/** Lines longer than 75 octets are folded (continuation lines start with a space). */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const ch of line) {
    if (new TextEncoder().encode(current + ch).length > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = ch;
    } else current += ch;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function calendar(events: CalendarEvent[], now: Date): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Polku//PopUp//FI', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', ...VTIMEZONE];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utc(now.toISOString())}`,
      `LAST-MODIFIED:${utc(e.updatedAt)}`,
      // Seconds since 2020 only grow: a later change always has a higher sequence.
      `SEQUENCE:${Math.max(0, Math.floor((Date.parse(e.updatedAt) - Date.UTC(2020, 0, 1)) / 1000))}`,
      `DTSTART;TZID=Europe/Helsinki:${local(e.date, e.startTime)}`,
      `DTEND;TZID=Europe/Helsinki:${local(e.date, e.endTime)}`,
      `SUMMARY:${icsText(e.title)}`,
      `LOCATION:${icsText(e.location)}`,
      ...(e.description ? [`DESCRIPTION:${icsText(e.description)}`] : []),
      `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
