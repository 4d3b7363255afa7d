import { useEffect, useState } from 'preact/hooks';

/** Hash routes (`#/session/<scope>/<id>`) work offline with no server-side routing. */
export type Route =
  | { name: 'home' }
  | { name: 'newSession'; scope: string }
  | { name: 'session'; scope: string; id: string }
  | { name: 'sync' }
  | { name: 'admin' }
  | { name: 'roster'; scope: string }
  | { name: 'participant'; scope: string; id: string }
  | { name: 'rides'; scope: string; id: string }
  | { name: 'editSession'; scope: string; id: string }
  | { name: 'myRide'; scope: string; id: string }
  | { name: 'checkin'; scope: string; id: string }
  | { name: 'myGoals' }
  | { name: 'dashboard' }
  | { name: 'sheet'; scope: string; id: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'new' && parts[1]) return { name: 'newSession', scope: parts[1] };
  if (parts[0] === 'session' && parts[1] && parts[2]) return { name: 'session', scope: parts[1], id: parts[2] };
  if (parts[0] === 'sync') return { name: 'sync' };
  if (parts[0] === 'admin') return { name: 'admin' };
  if (parts[0] === 'ride' && parts[1] && parts[2]) return { name: 'myRide', scope: parts[1], id: parts[2] };
  if (parts[0] === 'checkin' && parts[1] && parts[2]) return { name: 'checkin', scope: parts[1], id: parts[2] };
  if (parts[0] === 'goals') return { name: 'myGoals' };
  if (parts[0] === 'dashboard') return { name: 'dashboard' };
  if (parts[0] === 'sheet' && parts[1] && parts[2]) return { name: 'sheet', scope: parts[1], id: parts[2] };
  if (parts[0] === 'edit' && parts[1] && parts[2]) return { name: 'editSession', scope: parts[1], id: parts[2] };
  if (parts[0] === 'rides' && parts[1] && parts[2]) return { name: 'rides', scope: parts[1], id: parts[2] };
  if (parts[0] === 'roster' && parts[1]) return { name: 'roster', scope: parts[1] };
  if (parts[0] === 'participant' && parts[1] && parts[2]) return { name: 'participant', scope: parts[1], id: parts[2] };
  return { name: 'home' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'newSession':
      return `#/new/${encodeURIComponent(route.scope)}`;
    case 'session':
      return `#/session/${encodeURIComponent(route.scope)}/${encodeURIComponent(route.id)}`;
    case 'sync':
      return '#/sync';
    case 'admin':
      return '#/admin';
    case 'roster':
      return `#/roster/${encodeURIComponent(route.scope)}`;
    case 'myRide':
      return `#/ride/${encodeURIComponent(route.scope)}/${encodeURIComponent(route.id)}`;
    case 'checkin':
      return `#/checkin/${encodeURIComponent(route.scope)}/${encodeURIComponent(route.id)}`;
    case 'myGoals':
      return '#/goals';
    case 'dashboard':
      return '#/dashboard';
    case 'sheet':
      return `#/sheet/${encodeURIComponent(route.scope)}/${encodeURIComponent(route.id)}`;
    case 'editSession':
      return `#/edit/${encodeURIComponent(route.scope)}/${encodeURIComponent(route.id)}`;
    case 'rides':
      return `#/rides/${encodeURIComponent(route.scope)}/${encodeURIComponent(route.id)}`;
    case 'participant':
      return `#/participant/${encodeURIComponent(route.scope)}/${encodeURIComponent(route.id)}`;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export const navigate = (route: Route) => {
  location.hash = hrefOf(route);
};
