import type { FunctionComponent } from 'preact';
import type { MessageKey } from '../i18n/translate.ts';
import { useT } from '../i18n/useT.tsx';
import { CalendarIcon, ChartIcon, GoalIcon, PeopleIcon, SyncIcon, WishIcon } from '../ui/icons.tsx';
import { ROUTES, type RouteName } from './routes.ts';

/** Who is looking: staff (instructors, coordinators) or a participant (and not also staff). */
export type Audience = 'staff' | 'participant';

export interface MenuEntry {
  label: MessageKey;
  icon: FunctionComponent;
  /** Only for coordinators (the server enforces it too; this only keeps the menu honest). */
  coordinators?: true;
  /** Hidden from the bar on a phone, where the sync badge leads there. */
  navClass?: string;
}

/**
 * The main menu: which screens are in it, for whom, with which label and icon (their
 * components are in screens.tsx). Light on purpose: the first chunk draws the menu of a
 * remembered staff member's last known start screen before the signed-in part has loaded.
 */
export const MENU: { [N in RouteName]?: Partial<Record<Audience, MenuEntry>> } = {
  home: { staff: { label: 'nav.sessions', icon: CalendarIcon }, participant: { label: 'nav.mySessions', icon: CalendarIcon } },
  myGoals: { participant: { label: 'nav.myGoals', icon: GoalIcon } },
  myWishes: { participant: { label: 'nav.myWishes', icon: WishIcon } },
  dashboard: { staff: { label: 'nav.dashboard', icon: ChartIcon, coordinators: true } },
  admin: { staff: { label: 'nav.admin', icon: PeopleIcon, coordinators: true } },
  sync: { staff: { label: 'nav.sync', icon: SyncIcon, navClass: 'nav-sync' }, participant: { label: 'nav.mySync', icon: SyncIcon, navClass: 'nav-sync' } },
};

const NAMES = Object.keys(ROUTES) as RouteName[];

/** The main menu as this person sees it, in the routes' order. */
export function AppNav({ audience, coordinator, current }: { audience: Audience; coordinator: boolean; current: RouteName }) {
  const { t } = useT();
  const items = NAMES.flatMap((name) => {
    const entry = MENU[name]?.[audience];
    return entry && (!entry.coordinators || coordinator) ? [{ name, ...entry }] : [];
  });
  return (
    <nav class="app-nav" aria-label={t('nav.main')}>
      {items.map((item) => (
        // Menu routes have no parameters: their address is their path.
        <a key={item.name} href={`#/${ROUTES[item.name]}`} class={item.navClass} aria-current={item.name === current ? 'page' : undefined}>
          <item.icon />
          {t(item.label)}
        </a>
      ))}
    </nav>
  );
}
