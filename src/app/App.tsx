import { useEffect, useState } from 'preact/hooks';
import { COUCH_BASE, rememberedUser, rememberUser, ROLE, scopesOf, signOutOfServer, type SessionUser } from '../data/auth.ts';
import { deviceProfiles, needsLock, openAfterSignIn, profileOf, wipeCutOffPeople, type Opened } from '../data/device-lock.ts';
import { readStartSnapshot } from '../data/start-snapshot.ts';
import { I18nProvider, useT } from '../i18n/useT.tsx';
import { LanguagePicker } from '../ui/LanguagePicker.tsx';
import { LoadFailed } from '../ui/LoadFailed.tsx';
import { ReloadPrompt } from '../ui/ReloadPrompt.tsx';
import { LockScreen } from '../features/account/LockScreen.tsx';
import { PinSetup } from '../features/account/PinSetup.tsx';
import { SignIn } from '../features/account/SignIn.tsx';
import { lastKnownGroups, StartSessions } from '../features/sessions/StartSessions.tsx';
import { AppNav } from './menu.tsx';
import { useRoute } from './useRoute.ts';
import { useScreenFocus } from './useScreenFocus.ts';
// The browser's install offer can come before the signed-in screens load: listened for from the start.
import './install.ts';

type SignedInModule = typeof import('./SignedInApp.tsx');
let signedInModule: Promise<SignedInModule> | undefined;
/** The signed-in part, loaded once (and asked again after a failed load). */
const loadSignedIn = () =>
  (signedInModule ??= import('./SignedInApp.tsx').catch((e: unknown) => {
    signedInModule = undefined;
    throw e;
  }));

export function App() {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}

/**
 * Who the device is open for. A staff member's device opens with their data key in memory
 * (their PIN or password unwrapped it); locked, the key and every screen with data are gone.
 */
type Door =
  | { state: 'signIn'; notice?: 'lock.dataLost' | 'signIn.cutOff' }
  | { state: 'locked'; name: string | null }
  | { state: 'setPin'; user: SessionUser; key: CryptoKey }
  | { state: 'open'; user: SessionUser; key?: CryptoKey };

function firstDoor(): Door {
  const user = rememberedUser();
  if (user && !needsLock(user.roles)) return { state: 'open', user };
  // A staff member with no keys here yet (an app updated from before the lock) signs in once more.
  if (user && profileOf(user.name)) return { state: 'locked', name: user.name };
  return deviceProfiles().length > 0 ? { state: 'locked', name: null } : { state: 'signIn' };
}

function Shell() {
  const { t } = useT();
  const [door, setDoor] = useState<Door>(firstDoor);
  const route = useRoute();
  const user = door.state === 'open' ? door.user : null;
  useScreenFocus(`${door.state}|${user?.name ?? ''}|${JSON.stringify(route)}`, t('app.name'));

  const opened = ({ user: who, key }: Opened, needsPin: boolean) => {
    rememberUser(who);
    setDoor(needsPin ? { state: 'setPin', user: who, key } : { state: 'open', user: who, key });
  };
  const signedIn = async (who: SessionUser, password: string) => {
    if (!needsLock(who.roles)) return setDoor({ state: 'open', user: who });
    let keys = await openAfterSignIn(who, password);
    if ('lost' in keys) {
      // Nothing opens what is kept here any more (its account was cut off since): unreadable, it goes, and a fresh start follows.
      await (await import('../data/wipe.ts')).wipePersonData(who.name);
      keys = await openAfterSignIn(who, password);
    }
    if ('lost' in keys) return setDoor({ state: 'signIn', notice: 'lock.dataLost' });
    opened({ user: who, key: keys.key }, keys.needsPin);
  };
  // Locked and in range: no server session stays, and anyone cut off meanwhile is wiped before a PIN is tried.
  const lockedFor = door.state === 'locked' ? (door.name ?? '') : undefined;
  // While the person types their PIN, the signed-in part loads and their database opens (most of
  // the wait after the PIN on a slow tablet), after the lock screen has painted. Nothing is shown
  // or unsealed before the PIN (src/data/open-ahead.ts).
  useEffect(() => {
    if (lockedFor === undefined) return;
    void loadSignedIn()
      .then(async () => lockedFor && (await import('../data/open-ahead.ts')).openAhead(lockedFor))
      .catch(() => undefined);
  }, [lockedFor]);
  const signingIn = door.state === 'signIn';
  useEffect(() => {
    // Someone else signs in: whatever was opened ahead is closed (only loaded if it was ever asked for).
    if (signingIn && signedInModule) void import('../data/open-ahead.ts').then((ahead) => ahead.closeAhead());
  }, [signingIn]);
  useEffect(() => {
    if (lockedFor === undefined) return;
    let live = true;
    // Also a session left by a lock while offline, or by an app closed while open.
    const check = () =>
      void signOutOfServer(COUCH_BASE)
        .then(wipeCutOffPeople)
        .then((wiped) => {
          if (!live || wiped.length === 0) return;
          const left = deviceProfiles().length > 0;
          setDoor(wiped.includes(lockedFor) || !left ? { state: 'signIn', notice: 'signIn.cutOff' } : { state: 'locked', name: null });
        });
    check();
    const win = window;
    win.addEventListener('online', check);
    return () => {
      live = false;
      win.removeEventListener?.('online', check);
    };
  }, [lockedFor]);
  const signedOut = (why?: 'cutOff') =>
    setDoor(why === 'cutOff' ? { state: 'signIn', notice: 'signIn.cutOff' } : deviceProfiles().length > 0 ? { state: 'locked', name: null } : { state: 'signIn' });
  // Locked, the person's server session ends too (the effect above): nobody at a locked device acts as them on the server.
  const lock = user && door.state === 'open' && door.key ? (choose?: boolean) => setDoor({ state: 'locked', name: choose ? null : user.name }) : undefined;

  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="app-header">
        <div class="brand">
          <span class="brand-name">{t('app.name')}</span>
          <span class="brand-tagline">{t('app.tagline')}</span>
        </div>
        {/* Signed in, the sync state and the person's menu (with the language) sit here: one compact bar. */}
        {user ? <div id="header-tools" class="header-tools" /> : <LanguagePicker />}
      </header>
      <ReloadPrompt />
      <main id="main" tabIndex={-1}>
        {door.state === 'open' && <SignedIn key={door.user.name} user={door.user} dataKey={door.key} onLock={lock} onSignedOut={signedOut} />}
        {door.state === 'locked' && <LockScreen key={door.name ?? ''} name={door.name} onOpened={opened} onSomeoneElse={() => setDoor({ state: 'signIn' })} />}
        {door.state === 'setPin' && <PinSetup name={door.user.name} dataKey={door.key} onDone={() => setDoor({ state: 'open', user: door.user, key: door.key })} />}
        {door.state === 'signIn' && (
          <SignIn
            notice={door.notice}
            onSignedIn={(who, password) => void signedIn(who, password)}
            onBack={deviceProfiles().length > 0 ? () => setDoor({ state: 'locked', name: null }) : undefined}
          />
        )}
      </main>
    </>
  );
}

/**
 * The signed-in part (and RxDB with it) loads after the shell has painted. Meanwhile a staff
 * member opening their start screen sees what it showed last time on this device (theirs
 * only: the data layer keeps it per user and wipes it on sign-out), marked busy, in the same
 * layout as the live screen that takes its place once the database has answered.
 */
function SignedIn({ user, dataKey, onLock, onSignedOut }: { user: SessionUser; dataKey?: CryptoKey; onLock?: (choose?: boolean) => void; onSignedOut: (why?: 'cutOff') => void }) {
  const { t } = useT();
  const [mod, setMod] = useState<SignedInModule | null>(null);
  const [failed, setFailed] = useState(false);
  const [lastStart] = useState(() => readStartSnapshot(user.name));
  const route = useRoute();
  useEffect(() => {
    loadSignedIn().then(setMod, () => setFailed(true));
  }, []);
  if (failed) return <LoadFailed />;
  const staff = user.roles.includes(ROLE.instructor) || user.roles.includes(ROLE.coordinator);
  const groups = staff && route.name === 'home' ? lastKnownGroups(scopesOf(user), lastStart) : null;
  const waiting = groups ? (
    <>
      <div class="app-bar">
        <AppNav audience="staff" coordinator={user.roles.includes(ROLE.coordinator)} current="home" />
      </div>
      <StartSessions groups={groups} busy />
    </>
  ) : (
    <p role="status">{t('app.loading')}</p>
  );
  if (!mod) return waiting;
  return <mod.SignedInApp user={user} dataKey={dataKey} onLock={onLock} onSignedOut={onSignedOut} waiting={waiting} />;
}
