import fi from './messages/fi.json';
import languages from './languages.json';

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
  return load ? (await load()).default : DEFAULT_CATALOGUE;
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
}

export function makeTranslator(lang: string, catalogue: Catalogue): Translator {
  const lookup = (key: string) => catalogue[key] ?? DEFAULT_CATALOGUE[key];
  const rules = new Intl.PluralRules(lang);
  const numbers = new Intl.NumberFormat(lang);
  const tKey = (key: string, params?: Params) => format(lookup(key) ?? key, params);
  return {
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
