import { LANGUAGES } from '../i18n/translate.ts';
import { useT } from '../i18n/useT.tsx';

export function LanguagePicker() {
  const { t, lang, setLanguage } = useT();
  return (
    <label class="language-picker">
      <span>{t('lang.label')}</span>
      <select value={lang} onChange={(e) => setLanguage((e.currentTarget as HTMLSelectElement).value)}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
