import type { FunctionComponent, JSX } from 'preact';
import type { MessageKey } from '../i18n/translate.ts';
import { AdminScreen } from '../features/admin/AdminScreen.tsx';
import { AttendanceSheet } from '../features/attendance/AttendanceSheet.tsx';
import { AttendanceView } from '../features/attendance/AttendanceView.tsx';
import { CheckIn } from '../features/my/CheckIn.tsx';
import { MyGoals } from '../features/my/MyGoals.tsx';
import { MyRide } from '../features/my/MyRide.tsx';
import { MySchedule } from '../features/my/MySchedule.tsx';
import { ParticipantScreen } from '../features/participants/ParticipantScreen.tsx';
import { RosterScreen } from '../features/participants/RosterScreen.tsx';
import { Dashboard } from '../features/reports/Dashboard.tsx';
import { RidesScreen } from '../features/rides/RidesScreen.tsx';
import { EditSession, SessionForm } from '../features/sessions/SessionForm.tsx';
import { SessionList } from '../features/sessions/SessionList.tsx';
import { SyncDetails } from '../features/sync/SyncDetails.tsx';
import { CalendarIcon, ChartIcon, GoalIcon, PeopleIcon, SyncIcon } from '../ui/icons.tsx';
import type { RouteName, RouteOf } from './routes.ts';

/** Who is looking: staff (instructors, coordinators) or a participant (and not also staff). */
export type Audience = 'staff' | 'participant';

export interface Screen<N extends RouteName> {
  /** The screen for this route; `mine` is a participant's own database. */
  show: (route: RouteOf<N>, mine: string) => JSX.Element;
  /** In the main menu, with this label and icon. */
  nav?: MessageKey;
  icon?: FunctionComponent;
  /** Only for coordinators (the server enforces it too; this only keeps the menu honest). */
  coordinators?: true;
  /** Hidden from the bar on a phone, where the sync badge leads there. */
  navClass?: string;
}

type Screens = { [N in RouteName]: Partial<Record<Audience, Screen<N>>> };

/**
 * Which component shows each route, to whom, and whether it is in the main menu. The
 * compiler asks for a row per route; a route with no screen for someone shows their start.
 */
export const SCREENS: Screens = {
  home: {
    staff: { show: () => <SessionList />, nav: 'nav.sessions', icon: CalendarIcon },
    participant: { show: (_, mine) => <MySchedule scope={mine} />, nav: 'nav.mySessions', icon: CalendarIcon },
  },
  myGoals: { participant: { show: (_, mine) => <MyGoals scope={mine} />, nav: 'nav.myGoals', icon: GoalIcon } },
  dashboard: { staff: { show: () => <Dashboard />, nav: 'nav.dashboard', icon: ChartIcon, coordinators: true } },
  admin: { staff: { show: () => <AdminScreen />, nav: 'nav.admin', icon: PeopleIcon, coordinators: true } },
  sync: {
    staff: { show: () => <SyncDetails />, nav: 'nav.sync', icon: SyncIcon, navClass: 'nav-sync' },
    participant: { show: () => <SyncDetails plain />, nav: 'nav.mySync', icon: SyncIcon, navClass: 'nav-sync' },
  },
  newSession: { staff: { show: (r) => <SessionForm scope={r.scope} /> } },
  session: { staff: { show: (r) => <AttendanceView scope={r.scope} sessionId={r.id} /> } },
  editSession: { staff: { show: (r) => <EditSession scope={r.scope} id={r.id} /> } },
  rides: { staff: { show: (r) => <RidesScreen scope={r.scope} sessionId={r.id} /> } },
  sheet: { staff: { show: (r) => <AttendanceSheet scope={r.scope} sessionId={r.id} /> } },
  roster: { staff: { show: (r) => <RosterScreen scope={r.scope} /> } },
  participant: { staff: { show: (r) => <ParticipantScreen scope={r.scope} id={r.id} /> } },
  myRide: { participant: { show: (r) => <MyRide scope={r.scope} sessionId={r.id} /> } },
  checkin: { participant: { show: (r) => <CheckIn scope={r.scope} sessionId={r.id} /> } },
};
