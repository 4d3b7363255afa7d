import { useEffect, useState } from 'preact/hooks';
import { LANGUAGES, loadCatalogue, makeTranslator, type Translator } from '../i18n/translate.ts';
import { useT } from '../i18n/useT.tsx';

/**
 * Words in another person's language when Polku speaks it, else in the user's own: for
 * what is printed for someone else (a one-time code card, a participant's own data).
 */
export function useWordsFor(lang: string | undefined): Translator {
  const ui = useT();
  const wanted = lang && LANGUAGES.some((l) => l.code === lang) ? lang : ui.lang;
  const [theirs, setTheirs] = useState<Translator | undefined>();
  useEffect(() => {
    if (wanted === ui.lang) return;
    let live = true;
    void loadCatalogue(wanted).then((c) => live && setTheirs(makeTranslator(wanted, c)));
    return () => {
      live = false;
    };
  }, [wanted, ui.lang]);
  return theirs && theirs.lang === wanted && wanted !== ui.lang ? theirs : ui;
}
