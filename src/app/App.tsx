import { useEffect, useState } from 'preact/hooks';
import { rememberedUser, ROLE, scopesOf, type SessionUser } from '../data/auth.ts';
import { readStartSnapshot } from '../data/start-snapshot.ts';
import { I18nProvider, useT } from '../i18n/useT.tsx';
import { LanguagePicker } from '../ui/LanguagePicker.tsx';
import { LoadFailed } from '../ui/LoadFailed.tsx';
import { ReloadPrompt } from '../ui/ReloadPrompt.tsx';
import { SignIn } from '../features/account/SignIn.tsx';
import { lastKnownGroups, StartSessions } from '../features/sessions/StartSessions.tsx';
import { AppNav } from './menu.tsx';
import { useRoute } from './useRoute.ts';
import { useScreenFocus } from './useScreenFocus.ts';
// The browser's install offer can come before the signed-in screens load: listened for from the start.
import './install.ts';

type SignedInModule = typeof import('./SignedInApp.tsx');

export function App() {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}

function Shell() {
  const { t } = useT();
  const [user, setUser] = useState<SessionUser | null>(rememberedUser);
  const [cutOff, setCutOff] = useState(false);
  const route = useRoute();
  useScreenFocus(`${user?.name ?? ''}|${JSON.stringify(route)}`, t('app.name'));
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
        {user ? (
          <SignedIn
            user={user}
            onSignedOut={(why) => {
              setCutOff(why === 'cutOff');
              setUser(null);
            }}
          />
        ) : (
          <SignIn onSignedIn={setUser} cutOff={cutOff} />
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
function SignedIn({ user, onSignedOut }: { user: SessionUser; onSignedOut: (why?: 'cutOff') => void }) {
  const { t } = useT();
  const [mod, setMod] = useState<SignedInModule | null>(null);
  const [failed, setFailed] = useState(false);
  const [lastStart] = useState(() => readStartSnapshot(user.name));
  const route = useRoute();
  useEffect(() => {
    import('./SignedInApp.tsx').then(setMod, () => setFailed(true));
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
  return <mod.SignedInApp user={user} onSignedOut={onSignedOut} waiting={waiting} />;
}
