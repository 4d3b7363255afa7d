import type { ComponentChildren } from 'preact';
import { createPortal } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import { openData, type DataApi } from '../data/api.ts';
import type { SessionUser } from '../data/auth.ts';
import { useT } from '../i18n/useT.tsx';
import { ROLE } from '../domain/index.ts';
import { AdminScreen } from '../ui/AdminScreen.tsx';
import { AttendanceSheet } from '../ui/coordinator/AttendanceSheet.tsx';
import { Dashboard } from '../ui/coordinator/Dashboard.tsx';
import { AttendanceView } from '../ui/AttendanceView.tsx';
import { LoadFailed } from '../ui/LoadFailed.tsx';
import { ParticipantScreen } from '../ui/ParticipantScreen.tsx';
import { PersonMenu } from '../ui/PersonMenu.tsx';
import { ReauthBanner } from '../ui/ReauthBanner.tsx';
import { RidesScreen } from '../ui/RidesScreen.tsx';
import { RosterScreen } from '../ui/RosterScreen.tsx';
import { EditSession, SessionForm } from '../ui/SessionForm.tsx';
import { SessionList } from '../ui/SessionList.tsx';
import { StorageNotice } from '../ui/StorageNotice.tsx';
import { SyncBadge } from '../ui/SyncBadge.tsx';
import { SyncDetails } from '../ui/SyncDetails.tsx';
import { DataContext, useData } from './useData.ts';
import { useObservable } from './useObservable.ts';
import { CheckIn } from '../ui/participant/CheckIn.tsx';
import { MyGoals } from '../ui/participant/MyGoals.tsx';
import { MyRide } from '../ui/participant/MyRide.tsx';
import { MySchedule } from '../ui/participant/MySchedule.tsx';
import { hrefOf, useRoute, type Route } from './useRoute.ts';
import { scopeKind } from '../wire/scopes.ts';

export function SignedInApp({ user, onSignedOut }: { user: SessionUser; onSignedOut: () => void }) {
  const { t } = useT();
  const [api, setApi] = useState<DataApi | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let opened: DataApi | null = null;
    let live = true;
    openData(user).then(
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
  }, [user.name]);

  if (failed) return <LoadFailed />;
  if (!api) return <p role="status">{t('app.loading')}</p>;
  return (
    <DataContext.Provider value={api}>
      <Shell onSignedOut={onSignedOut} />
    </DataContext.Provider>
  );
}

/** Navigation and screens as the user's roles are now (they can change at any sync). */
export function Shell({ onSignedOut }: { onSignedOut: () => void }) {
  const { t } = useT();
  const { roles$ } = useData();
  const roles = useObservable(() => roles$, roles$.value, [roles$]);
  const coordinator = roles.includes(ROLE.coordinator);
  // A participant (and not also staff) gets their own, simpler screens.
  const participantOnly = roles.includes(ROLE.participant) && !roles.includes(ROLE.instructor) && !coordinator;
  const route = useRoute();
  // In the page's header when there is one (App's), so the chrome is one compact bar on a phone.
  const [slot] = useState(() => document.getElementById('header-tools'));
  const tools = (
    <div class="app-tools">
      <SyncBadge />
      <PersonMenu onSignedOut={onSignedOut} />
    </div>
  );
  return (
    <>
      <div class="app-bar">
        <nav class="app-nav" aria-label={t('nav.main')}>
          <NavLink to={{ name: 'home' }} at={route}>{participantOnly ? t('nav.mySessions') : t('nav.sessions')}</NavLink>
          {participantOnly && <NavLink to={{ name: 'myGoals' }} at={route}>{t('nav.myGoals')}</NavLink>}
          {/* On a phone the sync badge is the way to the details: the link is for wider screens. */}
          <NavLink to={{ name: 'sync' }} at={route} class="nav-sync">{t('nav.sync')}</NavLink>
          {coordinator && <NavLink to={{ name: 'dashboard' }} at={route}>{t('nav.dashboard')}</NavLink>}
          {coordinator && <NavLink to={{ name: 'admin' }} at={route}>{t('nav.admin')}</NavLink>}
        </nav>
        {!slot && tools}
      </div>
      {slot && createPortal(tools, slot)}
      <ReauthBanner />
      <StorageNotice where="top" />
      {participantOnly ? <ParticipantScreens /> : <Screen />}
      <StorageNotice where="end" />
    </>
  );
}

/** A main-menu link, marked as the current page when it is. */
function NavLink({ to, at, class: className, children }: { to: Route; at: Route; class?: string; children: ComponentChildren }) {
  return (
    <a href={hrefOf(to)} class={className} aria-current={to.name === at.name ? 'page' : undefined}>
      {children}
    </a>
  );
}

function Screen() {
  const route = useRoute();
  switch (route.name) {
    case 'newSession':
      return <SessionForm scope={route.scope} />;
    case 'session':
      return <AttendanceView scope={route.scope} sessionId={route.id} />;
    case 'sync':
      return <SyncDetails />;
    case 'admin':
      return <AdminScreen />;
    case 'dashboard':
      return <Dashboard />;
    case 'sheet':
      return <AttendanceSheet scope={route.scope} sessionId={route.id} />;
    case 'editSession':
      return <EditSession scope={route.scope} id={route.id} />;
    case 'rides':
      return <RidesScreen scope={route.scope} sessionId={route.id} />;
    case 'roster':
      return <RosterScreen scope={route.scope} />;
    case 'participant':
      return <ParticipantScreen scope={route.scope} id={route.id} />;
    default:
      return <SessionList />;
  }
}

function ParticipantScreens() {
  const route = useRoute();
  const { scopes$ } = useData();
  const scopes = useObservable(() => scopes$, scopes$.value, [scopes$]);
  const mine = scopes.find((s) => scopeKind(s) === 'participant');
  const { t } = useT();
  if (!mine) return <p class="notice">{t('my.noAccess')}</p>;
  switch (route.name) {
    case 'myRide':
      return <MyRide scope={route.scope} sessionId={route.id} />;
    case 'checkin':
      return <CheckIn scope={route.scope} sessionId={route.id} />;
    case 'myGoals':
      return <MyGoals scope={mine} />;
    case 'sync':
      return <SyncDetails />;
    default:
      return <MySchedule scope={mine} />;
  }
}
