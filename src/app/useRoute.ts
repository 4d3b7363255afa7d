import { useEffect, useState } from 'preact/hooks';
import { hrefOf, parseRoute, type Route } from './routes.ts';

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
