import type { JSX } from 'preact';
import { AttendanceSheet } from '../features/attendance/AttendanceSheet.tsx';
import { AttendanceView } from '../features/attendance/AttendanceView.tsx';
import { CheckIn } from '../features/my/CheckIn.tsx';
import { MyGoals } from '../features/my/MyGoals.tsx';
import { MyRide } from '../features/my/MyRide.tsx';
import { MySchedule } from '../features/my/MySchedule.tsx';
import { MyWishes } from '../features/my/MyWishes.tsx';
import { ParticipantScreen } from '../features/participants/ParticipantScreen.tsx';
import { RosterScreen } from '../features/participants/RosterScreen.tsx';
import { RidesScreen } from '../features/rides/RidesScreen.tsx';
import { EditSession, SessionForm } from '../features/sessions/SessionForm.tsx';
import { SessionList } from '../features/sessions/SessionList.tsx';
import { SyncDetails } from '../features/sync/SyncDetails.tsx';
import { lazyScreen } from './lazyScreen.tsx';
import type { Audience } from './menu.tsx';
import type { RouteName, RouteOf } from './routes.ts';

export type { Audience };

// The office's screens, each in a chunk of its own (see lazyScreen.tsx).
const Dashboard = lazyScreen<{ now?: Date }>(() => import('../features/reports/Dashboard.tsx').then((m) => m.Dashboard));
const FunderReport = lazyScreen<{ now?: Date }>(() => import('../features/reports/FunderReport.tsx').then((m) => m.FunderReport));
const AdminScreen = lazyScreen(() => import('../features/admin/AdminScreen.tsx').then((m) => m.AdminScreen));
const PartnersScreen = lazyScreen(() => import('../features/partners/PartnersScreen.tsx').then((m) => m.PartnersScreen));
const SubjectAccessScreen = lazyScreen(() => import('../features/subject-access/SubjectAccessScreen.tsx').then((m) => m.SubjectAccessScreen));

export interface Screen<N extends RouteName> {
  /** The screen for this route; `mine` is a participant's own database. */
  show: (route: RouteOf<N>, mine: string) => JSX.Element;
}

type Screens = { [N in RouteName]: Partial<Record<Audience, Screen<N>>> };

/**
 * Which component shows each route, and to whom (the main menu is in menu.tsx). The
 * compiler asks for a row per route; a route with no screen for someone shows their start.
 */
export const SCREENS: Screens = {
  home: {
    staff: { show: () => <SessionList /> },
    participant: { show: (_, mine) => <MySchedule scope={mine} /> },
  },
  myGoals: { participant: { show: (_, mine) => <MyGoals scope={mine} /> } },
  myWishes: { participant: { show: (_, mine) => <MyWishes scope={mine} /> } },
  dashboard: { staff: { show: () => <Dashboard /> } },
  funderReport: { staff: { show: () => <FunderReport /> } },
  admin: { staff: { show: () => <AdminScreen /> } },
  sync: {
    staff: { show: () => <SyncDetails /> },
    participant: { show: () => <SyncDetails plain /> },
  },
  newSession: { staff: { show: (r) => <SessionForm scope={r.scope} /> } },
  session: { staff: { show: (r) => <AttendanceView scope={r.scope} sessionId={r.id} /> } },
  editSession: { staff: { show: (r) => <EditSession scope={r.scope} id={r.id} /> } },
  rides: { staff: { show: (r) => <RidesScreen scope={r.scope} sessionId={r.id} /> } },
  sheet: { staff: { show: (r) => <AttendanceSheet scope={r.scope} sessionId={r.id} /> } },
  roster: { staff: { show: (r) => <RosterScreen scope={r.scope} /> } },
  partners: { staff: { show: (r) => <PartnersScreen scope={r.scope} /> } },
  participant: { staff: { show: (r) => <ParticipantScreen scope={r.scope} id={r.id} /> } },
  subjectAccess: { staff: { show: (r) => <SubjectAccessScreen scope={r.scope} id={r.id} /> } },
  myRide: { participant: { show: (r) => <MyRide scope={r.scope} sessionId={r.id} /> } },
  checkin: { participant: { show: (r) => <CheckIn scope={r.scope} sessionId={r.id} /> } },
};
