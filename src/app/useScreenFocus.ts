import { useEffect, useRef } from 'preact/hooks';

/**
 * Each screen names the page: `document.title` is its `[data-screen-title]` or else its first
 * h1, followed by the app's name. When the screen changes (`key`: a route, a sign-in), focus
 * moves to the new screen's h1 as soon as it is there; on the first load it stays put.
 */
export function useScreenFocus(key: string, appName: string) {
  const first = useRef(true);
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    let focus = !first.current;
    first.current = false;
    const update = () => {
      const h1 = main.querySelector('h1');
      const name = main.querySelector<HTMLElement>('[data-screen-title]')?.dataset.screenTitle ?? h1?.textContent?.trim();
      const title = name ? `${name} – ${appName}` : appName;
      if (document.title !== title) document.title = title;
      if (focus && h1) {
        focus = false;
        h1.setAttribute('tabindex', '-1');
        h1.focus();
      }
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [key, appName]);
}
