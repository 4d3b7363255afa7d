/**
 * Every screen's address, one row each; the `Route` type, parsing and links derive from it.
 * Hash routes (`#/session/<scope>/<id>`) work offline with no server-side routing. Which
 * component shows a route, and to whom, is `screens.tsx` (the compiler asks for a row there).
 */
export const ROUTES = {
  home: '',
  myGoals: 'goals',
  myWishes: 'wishes',
  dashboard: 'dashboard',
  funderReport: 'funder-report',
  admin: 'admin',
  sync: 'sync',
  newSession: 'new/:scope',
  session: 'session/:scope/:id',
  editSession: 'edit/:scope/:id',
  rides: 'rides/:scope/:id',
  sheet: 'sheet/:scope/:id',
  roster: 'roster/:scope',
  partners: 'partners/:scope',
  participant: 'participant/:scope/:id',
  subjectAccess: 'participant-data/:scope/:id',
  myRide: 'ride/:scope/:id',
  checkin: 'checkin/:scope/:id',
} as const;

export type RouteName = keyof typeof ROUTES;
type ParamOf<Segment extends string> = Segment extends `:${infer K}` ? { [P in K]: string } : unknown;
type Params<Path extends string> = Path extends `${infer Head}/${infer Rest}` ? ParamOf<Head> & Params<Rest> : ParamOf<Path>;
type Flat<T> = { [K in keyof T]: T[K] };
export type Route = { [N in RouteName]: Flat<{ name: N } & Params<(typeof ROUTES)[N]>> }[RouteName];
export type RouteOf<N extends RouteName> = Extract<Route, { name: N }>;

const NAMES = Object.keys(ROUTES) as RouteName[];
const segmentsOf = (name: RouteName) => (ROUTES[name] === '' ? [] : ROUTES[name].split('/'));

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode);
  for (const name of NAMES) {
    const pattern = segmentsOf(name);
    if (pattern.length !== parts.length) continue;
    const route: Record<string, string> = { name };
    if (pattern.every((p, i) => (p.startsWith(':') ? ((route[p.slice(1)] = parts[i]!), true) : p === parts[i]))) return route as Route;
  }
  return { name: 'home' };
}

export function hrefOf(route: Route): string {
  const values: Record<string, string> = route;
  return `#/${segmentsOf(route.name)
    .map((p) => (p.startsWith(':') ? encodeURIComponent(values[p.slice(1)] ?? '') : p))
    .join('/')}`;
}

function safeDecode(part: string) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
