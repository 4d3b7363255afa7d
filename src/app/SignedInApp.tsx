import type { ComponentChildren } from 'preact';
import { createPortal } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import { openData, type DataApi } from '../data/api.ts';
import type { SessionUser } from '../data/auth.ts';
import { useT } from '../i18n/useT.tsx';
import { privacyOf, ROLE, type Organisation } from '../domain/index.ts';
import { LockIcon } from '../ui/icons.tsx';
import { useIdleLock } from './useIdleLock.ts';
import { LoadFailed } from '../ui/LoadFailed.tsx';
import { PersonMenu } from '../features/account/PersonMenu.tsx';
import { ReauthBanner } from '../features/account/ReauthBanner.tsx';
import { StorageNotice } from '../ui/StorageNotice.tsx';
import { SyncBadge } from '../ui/SyncBadge.tsx';
import { DataContext, useData } from './useData.ts';
import { useObservable } from './useObservable.ts';
import { AppNav, type Audience } from './menu.tsx';
import type { Route, RouteName, RouteOf } from './routes.ts';
import { SCREENS } from './screens.tsx';
import { useRoute } from './useRoute.ts';
import { scopeKind } from '../wire/scopes.ts';

/** Why the person left: `cutOff` when a coordinator's cut-off wiped their data here (the sign-in screen says so). */
export type SignedOut = (why?: 'cutOff') => void;

/**
 * `waiting`: what to show until the database is open (default: "Loading…"); App passes the last known start screen.
 * `dataKey` (staff): the data is stored encrypted under it; `onLock` locks the device (`choose`: for another person).
 */
export function SignedInApp({ user, dataKey, onLock, onSignedOut, waiting }: {
  user: SessionUser;
  dataKey?: CryptoKey;
  onLock?: (choose?: boolean) => void;
  onSignedOut: SignedOut;
  waiting?: ComponentChildren;
}) {
  const { t } = useT();
  const [api, setApi] = useState<DataApi | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let opened: DataApi | null = null;
    let live = true;
    openData(user, { key: dataKey }).then(
      (a) => {
        opened = a;
        if (live) setApi(a);
        else void a.close();
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      void opened?.close();
    };
  }, [user.name, dataKey]);

  if (failed) return <LoadFailed />;
  if (!api) return waiting ?? <p role="status">{t('app.loading')}</p>;
  return (
    <DataContext.Provider value={api}>
      <Shell onSignedOut={onSignedOut} onLock={onLock} />
    </DataContext.Provider>
  );
}

/** Navigation and screens as the user's roles are now (they can change at any sync). */
export function Shell({ onSignedOut, onLock }: { onSignedOut: SignedOut; onLock?: (choose?: boolean) => void }) {
  const { t } = useT();
  const { roles$, cutOff$, store } = useData();
  const organisations = useObservable(() => store.watch('organisation'), [], [store]);
  useIdleLock(privacyOf(newest(organisations)).lockAfterMinutes, onLock);
  const roles = useObservable(() => roles$, roles$.value, [roles$]);
  const cutOff = useObservable(() => cutOff$, cutOff$.value, [cutOff$]);
  useEffect(() => {
    if (cutOff) onSignedOut('cutOff');
  }, [cutOff]);
  const coordinator = roles.includes(ROLE.coordinator);
  // A participant (and not also staff) gets their own, simpler screens.
  const participantOnly = roles.includes(ROLE.participant) && !roles.includes(ROLE.instructor) && !coordinator;
  const route = useRoute();
  // In the page's header when there is one (App's), so the chrome is one compact bar on a phone.
  const [slot] = useState(() => document.getElementById('header-tools'));
  const tools = (
    <div class="app-tools">
      <SyncBadge plain={participantOnly} />
      {onLock && (
        <button type="button" class="lock-button" aria-label={t('lock.now')} title={t('lock.now')} onClick={() => onLock()}>
          <LockIcon />
        </button>
      )}
      <PersonMenu onSignedOut={() => onSignedOut()} onSwitch={onLock && (() => onLock(true))} />
    </div>
  );
  const audience: Audience = participantOnly ? 'participant' : 'staff';
  return (
    <>
      <div class="app-bar">
        <AppNav audience={audience} coordinator={coordinator} current={route.name} />
        {!slot && tools}
      </div>
      {slot && createPortal(tools, slot)}
      <ReauthBanner />
      <StorageNotice where="top" />
      <ScreenFor audience={audience} route={route} />
      <StorageNotice where="end" />
    </>
  );
}

/** The route's screen for this person, or their start screen when it has none for them. */
function ScreenFor({ audience, route }: { audience: Audience; route: Route }) {
  const { scopes$ } = useData();
  const scopes = useObservable(() => scopes$, scopes$.value, [scopes$]);
  const { t } = useT();
  const mine = scopes.find((s) => scopeKind(s) === 'participant') ?? '';
  if (audience === 'participant' && !mine) return <p class="notice">{t('my.noAccess')}</p>;
  return show(route.name, route, audience, mine);
}

function show<N extends RouteName>(name: N, route: RouteOf<N>, audience: Audience, mine: string) {
  const screen = SCREENS[name][audience];
  return screen ? screen.show(route, mine) : SCREENS.home[audience]!.show({ name: 'home' }, mine);
}

/** The organisation's record last written (each group database holds a copy). */
const newest = (list: readonly Organisation[]) => [...list].sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''))[0];
