import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_TYPE_SPECS, DOC_TYPES, ESF_COUNT_COLUMNS, ESF_INDICATORS, labelKeysOf, LANGUAGES, SENSITIVE_ITEMS } from '../domain/index.ts';
import { IMPACT_SECTIONS } from '../domain/impact.ts';
import languages from './languages.json';
import en from './messages/en.json';
import fi from './messages/fi.json';
import sv from './messages/sv.json';

const catalogues: Record<string, Record<string, string>> = { fi, sv, en };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(tsx?|js)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}
const sources = [...sourceFiles('src'), ...sourceFiles('server')].map((path) => ({ path, text: readFileSync(path, 'utf8') }));

const namespaces = new Set(Object.keys(fi).map((key) => key.split('.')[0]));

/**
 * Keys the code names: every quoted literal shaped like a key in one of the catalogue's
 * namespaces (t('sync.title'), key: 'signIn.failed', 'v.required', 'srv.notAuthor', …).
 */
const labelPrefixes = new Set(DOC_TYPE_SPECS.flatMap((spec) => Object.values(spec.labels ?? {}).flat()));
/** The fields a descriptor labels ('esf.gender'), which may share a first part with a namespace. */
const labelledFields = new Set(DOC_TYPE_SPECS.flatMap((spec) => Object.keys(spec.labels ?? {})));

function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const { path, text } of sources) {
    for (const [, key] of text.matchAll(/['"`]([a-z][a-zA-Z]*(?:\.[a-zA-Z]+)+)['"`]/g)) {
      // A type's descriptor names key prefixes ('goal.status') and fields, not keys: prefixes are expanded below.
      if (namespaces.has(key!.split('.')[0]!) && !(path.includes('doc-types') && (labelPrefixes.has(key!) || labelledFields.has(key!)))) used.set(key!, path);
    }
    for (const [, key] of text.matchAll(/\b(?:t|tKey|plural)\(\s*'([^']+)'/g)) used.set(key!, path);
  }
  // Keys built from data: each type's name (tKey(`doc.kind.${type}`)) and the choices its
  // descriptor labels (t(`session.status.${status}`), …), straight from the registry.
  for (const type of DOC_TYPES) used.set(`doc.kind.${type}`, 'SyncDetails.tsx');
  for (const spec of DOC_TYPE_SPECS) for (const key of labelKeysOf(spec)) used.set(key, `the ${spec.name} type's labels`);
  for (const l of LANGUAGES.filter((l) => l !== 'other')) used.set(`admin.language.${l}`, 'AdminScreen.tsx');
  const lists: [string, readonly string[]][] = [
    ['checkin.scale', ['1', '2', '3', '4', '5']],
    ['dash.export', ['sessions', 'attendance', 'rides', 'transitions']],
    ['esf.indicator', ESF_INDICATORS.map((i) => i.code)],
    ['impact.section', IMPACT_SECTIONS],
    ['funder.gender', ESF_COUNT_COLUMNS],
    ['participant.sensitive', SENSITIVE_ITEMS],
  ];
  for (const [prefix, values] of lists) for (const v of values) used.set(`${prefix}.${v}`, 'a choice list');
  return used;
}

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const pluralBase = (key: string) => key.replace(/\.(zero|one|two|few|many|other)$/, '');

describe('translation catalogue', () => {
  it('has a catalogue for every language offered, and Finnish first', () => {
    expect(languages.map((l) => l.code)).toEqual(['fi', 'sv', 'en']);
    for (const { code } of languages) expect(catalogues[code], code).toBeDefined();
  });

  it('has every key the code uses, in every language', () => {
    const missing: string[] = [];
    for (const [key, where] of usedKeys()) {
      for (const [lang, catalogue] of Object.entries(catalogues)) {
        const found = catalogue[key] ?? catalogue[`${key}.other`];
        if (!found) missing.push(`${lang}: ${key} (used in ${where})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has the same keys in every language, none of them empty, with the same placeholders', () => {
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      expect(Object.keys(catalogue).sort(), lang).toEqual(Object.keys(fi).sort());
      for (const [key, message] of Object.entries(catalogue)) {
        expect(message.trim(), `${lang}: ${key}`).not.toBe('');
        expect(placeholders(message), `${lang}: ${key}`).toEqual(placeholders(fi[key as keyof typeof fi]));
      }
    }
  });

  it('has no key that nothing uses', () => {
    const used = usedKeys();
    const unused = Object.keys(fi).filter((key) => !used.has(key) && !used.has(pluralBase(key)));
    expect(unused).toEqual([]);
  });

  it('has no visible text written straight into a component', () => {
    const offenders: string[] = [];
    for (const { path, text } of sources.filter((s) => s.path.endsWith('.tsx'))) {
      // Text between tags on one line, e.g. <p>Hello</p>, rather than <p>{t('…')}</p>.
      for (const [, between] of text.matchAll(/>([^<>{}\n;()=]*\p{L}{2,}[^<>{}\n;()=]*)</gu)) {
        // Code that happens to sit between a `>` and a `<` (generics, comparisons) is not text.
        if (!/^[\w$]+(\??\.[\w$]+)+$/.test(between!.trim())) offenders.push(`${path}: "${between!.trim()}"`);
      }
      for (const [, attr, value] of text.matchAll(/\b(aria-label|title|placeholder|alt)="([^"]+)"/g)) offenders.push(`${path}: ${attr}="${value}"`);
    }
    expect(offenders).toEqual([]);
  });
});
