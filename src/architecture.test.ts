import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every import of every source file under src/ but type-only ones, resolved to a path from src/ (packages as named). */
const SRC = resolve(__dirname);
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
const importsOf = (file: string) =>
  [...readFileSync(join(SRC, file), 'utf8').replace(/^import type .*$/gm, '').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map(([, spec]) =>
    spec!.startsWith('.') ? relative(SRC, resolve(SRC, dirname(file), spec!)) : spec!,
  );
const featureOf = (path: string) => /^features\/([^/]+)\//.exec(path)?.[1];
const offending = (where: (file: string) => boolean, bad: (imported: string, file: string) => boolean) =>
  files.filter(where).flatMap((file) => importsOf(file).filter((i) => bad(i, file)).map((i) => `${file} → ${i}`));

describe('the layers', () => {
  it('keep each feature to itself: a screen never imports another feature’s internals', () => {
    expect(offending((f) => !!featureOf(f), (i, f) => !!featureOf(i) && featureOf(i) !== featureOf(f))).toEqual([]);
  });

  it('keep the shared UI kit free of features', () => {
    expect(offending((f) => f.startsWith('ui/'), (i) => !!featureOf(i))).toEqual([]);
  });

  it('keep the UI off the database and the network: it goes through the data layer', () => {
    const ui = (f: string) => f.startsWith('ui/') || !!featureOf(f);
    expect(offending(ui, (i) => /^(rxdb|dexie|pouchdb)/.test(i) || /^data\/(database|rx-schema|stored|sync\/)/.test(i))).toEqual([]);
    expect(files.filter(ui).filter((f) => /\bfetch\(|indexedDB\./.test(readFileSync(join(SRC, f), 'utf8')))).toEqual([]);
  });

  it('keep the domain free of Preact, RxDB and the layers above it', () => {
    expect(offending((f) => f.startsWith('domain/'), (i) => /^(preact|rxdb|dexie)/.test(i) || /^(app|data|ui|features|i18n)\//.test(i))).toEqual([]);
  });
});
