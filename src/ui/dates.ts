import { format, parseISO } from 'date-fns';
import { enGB, fi, sv } from 'date-fns/locale';
import { localDate } from '../domain/index.ts';

const LOCALES = { fi, sv, en: enGB } as const;
const localeOf = (lang: string) => LOCALES[lang as keyof typeof LOCALES] ?? enGB;

/** `2026-12-01` → `ti 1.12.2026` (fi), `tis 1 dec. 2026` (sv)… in the chosen language. */
export const formatDay = (isoDate: string, lang: string) => format(parseISO(isoDate), 'EEEEEE P', { locale: localeOf(lang) });

export const formatMoment = (iso: string, lang: string) => format(parseISO(iso), 'P p', { locale: localeOf(lang) });

/** Today in the organisation's zone (Finland), whatever zone the device is set to. */
export const todayIso = (now = new Date()) => localDate(now);
