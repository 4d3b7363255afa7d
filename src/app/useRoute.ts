import { useEffect, useState } from 'preact/hooks';
import { hrefOf, parseRoute, type Route } from './routes.ts';

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    // The window it listened on. Preact may run a deferred cleanup after a test's page is torn
    // down, when neither the global `window` nor its methods are left (it threw there, failing
    // a run with every test passed); a page that is gone has no listener left to remove.
    const w = window;
    const on = () => setRoute(parseRoute(w.location.hash));
    w.addEventListener('hashchange', on);
    return () => w.removeEventListener?.('hashchange', on);
  }, []);
  return route;
}

export const navigate = (route: Route) => {
  location.hash = hrefOf(route);
};
