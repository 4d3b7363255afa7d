import { useEffect, useRef, useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { useT } from '../../i18n/useT.tsx';
import { PersonIcon } from '../../ui/icons.tsx';
import { LanguagePicker } from '../../ui/LanguagePicker.tsx';
import { SignOut } from './SignOut.tsx';

/** Who is signed in, handing the device to another person, and the rare, destructive sign-out, behind one button off the main bar. */
export function PersonMenu({ onSignedOut, onSwitch }: { onSignedOut: () => void; onSwitch?: () => void }) {
  const { t } = useT();
  const { user } = useData();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onClick = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    // The document listened on, as useRoute keeps its window: a deferred cleanup may outlive the global.
    const doc = document;
    doc.addEventListener('keydown', onKey);
    doc.addEventListener('click', onClick);
    return () => {
      doc.removeEventListener?.('keydown', onKey);
      doc.removeEventListener?.('click', onClick);
    };
  }, [open]);

  return (
    <div class="person-menu" ref={root}>
      <button type="button" class="person-button" ref={button} aria-expanded={open} aria-controls="person-panel" aria-label={t('menu.person', { name: user.name })} onClick={() => setOpen(!open)}>
        <PersonIcon />
        <span class="person-name">{user.name}</span>
      </button>
      {open && (
        <div id="person-panel" class="person-panel">
          <p>{t('signIn.signedInAs', { name: user.name })}</p>
          <LanguagePicker />
          {onSwitch && (
            <button type="button" class="secondary" onClick={onSwitch}>
              {t('lock.switchPerson')}
            </button>
          )}
          <SignOut onSignedOut={onSignedOut} />
        </div>
      )}
    </div>
  );
}
