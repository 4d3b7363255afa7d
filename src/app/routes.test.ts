import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, ROUTES, type Route, type RouteName } from './routes.ts';

/** A route of each name, its parameters filled with values that need encoding. */
const samples = (Object.keys(ROUTES) as RouteName[]).map((name) => {
  const route: Record<string, string> = { name };
  for (const part of ROUTES[name].split('/')) if (part.startsWith(':')) route[part.slice(1)] = `polku-g-ä/${part.slice(1)}:1`;
  return route as Route;
});

describe('routes', () => {
  it('reads back every address it makes, whatever the ids hold', () => {
    for (const route of samples) expect(parseRoute(hrefOf(route))).toEqual(route);
  });

  it('gives every route its own address', () => {
    expect(new Set(samples.map(hrefOf)).size).toBe(samples.length);
  });

  it('keeps the addresses people have bookmarked', () => {
    expect(hrefOf({ name: 'session', scope: 'polku-g-x', id: 'session:1' })).toBe('#/session/polku-g-x/session%3A1');
    expect(parseRoute('#/rides/polku-g-x/session%3A1')).toEqual({ name: 'rides', scope: 'polku-g-x', id: 'session:1' });
    expect(parseRoute('#/goals')).toEqual({ name: 'myGoals' });
    expect(hrefOf({ name: 'home' })).toBe('#/');
  });

  it('takes an unknown or incomplete address to the start, and a garbled escape as typed', () => {
    for (const hash of ['', '#', '#/', '#/nowhere', '#/session/polku-g-x', '#/session/a/b/c']) expect(parseRoute(hash), hash).toEqual({ name: 'home' });
    expect(parseRoute('#/roster/%E0%A4%A')).toEqual({ name: 'roster', scope: '%E0%A4%A' });
  });
});
