import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { DEFAULT_CATALOGUE, DEFAULT_LANGUAGE, LANGUAGES, loadCatalogue, makeTranslator, type Translator } from './translate.ts';

const STORAGE_KEY = 'polku.lang';

interface I18nValue extends Translator {
  setLanguage(code: string): void;
}

const I18nContext = createContext<I18nValue | null>(null);

function initialLanguage(): string {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved && LANGUAGES.some((l) => l.code === saved)) return saved;
  return DEFAULT_LANGUAGE;
}

export function I18nProvider({ children, lang: fixed }: { children: ComponentChildren; lang?: string }) {
  const [lang, setLang] = useState(fixed ?? initialLanguage);
  const [catalogue, setCatalogue] = useState(DEFAULT_CATALOGUE);
  const [loadedLang, setLoadedLang] = useState(DEFAULT_LANGUAGE);

  useEffect(() => {
    let live = true;
    void loadCatalogue(lang).then((c) => {
      if (!live) return;
      setCatalogue(c);
      setLoadedLang(lang);
    });
    return () => {
      live = false;
    };
  }, [lang]);

  const value = useMemo<I18nValue>(() => {
    const tr = makeTranslator(loadedLang, catalogue);
    return {
      ...tr,
      setLanguage(code) {
        localStorage.setItem(STORAGE_KEY, code);
        setLang(code);
      },
    };
  }, [catalogue, loadedLang]);

  useEffect(() => {
    document.documentElement.lang = value.lang;
    document.documentElement.dir = value.dir;
  }, [value]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT outside I18nProvider');
  return value;
}
