import { useEffect, useRef, useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import type { LocalDoc } from '../../data/store.ts';
import { useT } from '../../i18n/useT.tsx';
import { todayIso } from '../../ui/dates.ts';
import { PartnerForm } from './PartnerForm.tsx';

/** A placement takes one of its partner's places until its last day has passed. */
const activeOn = (today: string) => (p: LocalDoc<'placement'>) => !p.endDate || p.endDate >= today;

/**
 * The group's partner organisations: where placements happen and who produces sessions.
 * Each shows its places in use now against what it can take. `now` is the clock (a test passes its own).
 */
export function PartnersScreen({ scope, now }: { scope: string; now?: Date }) {
  const { t, tKey, plural, lang } = useT();
  const { store } = useData();
  const group = useObservable(() => store.watch('group', scope), [], [store, scope])[0];
  const partners = useObservable(() => store.watch('partner', scope), [], [store, scope]);
  const placements = useObservable(() => store.watch('placement', scope), [], [store, scope]);
  const sessions = useObservable(() => store.watch('session', scope), [], [store, scope]);
  /** The partner whose form is open ('new' for a new one). */
  const [editing, setEditing] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  // Back from a form, focus returns to the button that opened it.
  const openers = useRef<Record<string, HTMLButtonElement | null>>({});
  const opened = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (editing) opened.current = editing;
    else if (opened.current) openers.current[opened.current]?.focus();
  }, [editing]);
  const today = todayIso(now ?? new Date());
  const active = placements.filter(activeOn(today));
  const sorted = [...partners].sort((a, b) => a.name.localeCompare(b.name, lang));
  const done = (name: string) => {
    setEditing(undefined);
    setSaved(name);
  };
  const open = (id: string) => {
    setSaved(undefined);
    setEditing(id);
  };

  return (
    <section aria-labelledby="partners-title">
      <h1 id="partners-title">{t('partners.title', { group: group?.name ?? '' })}</h1>
      <p class="hint">{t('partners.help')}</p>
      {saved && <p role="status">{t('partners.saved', { name: saved })}</p>}
      {sorted.length === 0 && <p>{t('partners.none')}</p>}
      <ul class="partner-list">
        {sorted.map((partner) => {
          const inUse = active.filter((p) => p.partnerId === partner.id).length;
          const produced = sessions.filter((s) => s.producerId === partner.id).length;
          const full = partner.capacity !== undefined && inUse >= partner.capacity;
          return editing === partner.id ? (
            <li key={partner.id}>
              <PartnerForm scope={scope} existing={partner} onDone={done} onCancel={() => setEditing(undefined)} />
            </li>
          ) : (
            <li key={partner.id} class="card">
              <h2>{partner.name}</h2>
              <p>
                <span class="status">{tKey(`partner.kind.${partner.kind}`)}</span> {partner.work}
              </p>
              {partner.contact && <p>{t('partners.contactIs', { contact: partner.contact })}</p>}
              <p>
                {partner.capacity === undefined ? t('partners.inUse', { used: inUse }) : t('partners.inUseOf', { used: inUse, capacity: partner.capacity })}{' '}
                {full && <strong class="status">{t('partners.full')}</strong>}
              </p>
              <p>{plural('partners.produced', produced)}</p>
              <button type="button" class="secondary" ref={(b) => {
                  openers.current[partner.id] = b;
                }} onClick={() => open(partner.id)}>
                {t('partners.editOne', { name: partner.name })}
              </button>
            </li>
          );
        })}
      </ul>
      {editing === 'new' ? (
        <PartnerForm scope={scope} onDone={done} onCancel={() => setEditing(undefined)} />
      ) : (
        <button type="button" ref={(b) => {
            openers.current.new = b;
          }} onClick={() => open('new')}>
          {t('partners.add')}
        </button>
      )}
    </section>
  );
}
