/**
 * The gateway's CSP allows no eval, so zod's compiled parsers can never run in the app; left
 * on, zod probes for eval (`new Function`, caught) and the browser still reports a CSP
 * violation. zod reads its settings from `globalThis.__zod_globalConfig` when it loads and
 * builds schemas, so the entry sets `jitless` there before any chunk with zod is loaded,
 * without carrying zod into the first paint.
 */
export function zodJitless() {
  const global = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
  (global.__zod_globalConfig ??= {}).jitless = true;
}
