import fi from './messages/fi.json';
import languages from './languages.json';
import { ORGANISATION_TIME_ZONE } from '../domain/time.ts';

export type Catalogue = Record<string, string>;
export type MessageKey = keyof typeof fi;
/** Plural base keys: `sync.pending` for `sync.pending.one` / `sync.pending.other`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;
export type Params = Record<string, string | number>;

export interface Language {
  code: string;
  name: string;
  dir: 'ltr' | 'rtl';
}
export const LANGUAGES = languages as Language[];
export const DEFAULT_LANGUAGE = 'fi';
export const DEFAULT_CATALOGUE: Catalogue = fi;

// Non-default catalogues load on demand so the first paint carries only Finnish.
const loaders = import.meta.glob<{ default: Catalogue }>(['./messages/*.json', '!./messages/fi.json']);

export async function loadCatalogue(code: string): Promise<Catalogue> {
  if (code === DEFAULT_LANGUAGE) return DEFAULT_CATALOGUE;
  const load = loaders[`./messages/${code}.json`];
  // Not on the device yet and no network (sv and en are kept once loaded, not precached): Finnish until it can load.
  return load ? ((await load().catch(() => null))?.default ?? DEFAULT_CATALOGUE) : DEFAULT_CATALOGUE;
}

export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export interface Translator {
  lang: string;
  dir: 'ltr' | 'rtl';
  t(key: MessageKey, params?: Params): string;
  /** Translate a key that comes from data (validation problems, server reasons). */
  tKey(key: string, params?: Params): string;
  has(key: string): boolean;
  plural(key: PluralKey, count: number, params?: Params): string;
  /** `2026-12-08` → `8.12.2026` (fi, sv), `8/12/2026` (en): the patterns are the catalogue's. */
  date(isoDate: string): string;
  /** `2026-12-08` → `ti 8.12.2026`. */
  day(isoDate: string): string;
  /** `2026-12-08` → `tiistai 8.12.2026`: the weekday in full, for those who read less. */
  longDay(isoDate: string): string;
  /** `10:00` → `10.00` (fi, sv), `10:00` (en). */
  time(hhmm: string): string;
  /** An instant, on Finland's wall clock: `8.12.2026 klo 10.00`, `8.12.2026 kl. 10.00`, `8/12/2026 10:00`. */
  moment(iso: string): string;
  /** Cents as euros in the language's convention: `330,00 €` (fi, sv), `€330.00` (en). */
  money(cents: number): string;
}

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: ORGANISATION_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
});

export function makeTranslator(lang: string, catalogue: Catalogue): Translator {
  const lookup = (key: string) => catalogue[key] ?? DEFAULT_CATALOGUE[key];
  const rules = new Intl.PluralRules(lang);
  const numbers = new Intl.NumberFormat(lang);
  const tKey = (key: string, params?: Params) => format(lookup(key) ?? key, params);
  // Formats are catalogue entries (patterns, and the locale whose weekday names Intl gives): a new language needs no code.
  const weekdays = new Intl.DateTimeFormat(lookup('fmt.locale'), { weekday: 'short', timeZone: 'UTC' });
  const longWeekdays = new Intl.DateTimeFormat(lookup('fmt.locale'), { weekday: 'long', timeZone: 'UTC' });
  const euros = new Intl.NumberFormat(lookup('fmt.locale'), { style: 'currency', currency: 'EUR' });
  const date = (y: number, m: number, d: number) => tKey('fmt.date', { d, m, y });
  const time = (h: number, min: number) => tKey('fmt.time', { h, min: String(min).padStart(2, '0') });
  const ymd = (iso: string) => iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return {
    date: (iso) => date(...ymd(iso)),
    day(iso) {
      const [y, m, d] = ymd(iso);
      return tKey('fmt.day', { weekday: weekdays.format(Date.UTC(y, m - 1, d)), date: date(y, m, d) });
    },
    longDay(iso) {
      const [y, m, d] = ymd(iso);
      return tKey('fmt.day', { weekday: longWeekdays.format(Date.UTC(y, m - 1, d)), date: date(y, m, d) });
    },
    time(hhmm) {
      const [h, min] = hhmm.split(':').map(Number) as [number, number];
      return time(h, min);
    },
    moment(iso) {
      const at = new Date(iso);
      if (Number.isNaN(at.getTime())) return iso;
      const p = Object.fromEntries(wallClock.formatToParts(at).map((x) => [x.type, Number(x.value)]));
      return tKey('fmt.moment', { date: date(p.year!, p.month!, p.day!), time: time(p.hour!, p.minute!) });
    },
    money: (cents) => euros.format(cents / 100),
    lang,
    dir: LANGUAGES.find((l) => l.code === lang)?.dir ?? 'ltr',
    t: tKey,
    tKey,
    has: (key) => lookup(key) !== undefined,
    plural(key, count, params) {
      const rule = rules.select(count);
      const template = lookup(`${key}.${rule}`) ?? lookup(`${key}.other`) ?? key;
      return format(template, { count: numbers.format(count), ...params });
    },
  };
}
