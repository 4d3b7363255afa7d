import { useEffect, useState } from 'preact/hooks';

/** Chromium's offer to install the app (`beforeinstallprompt`); not in the DOM's types. */
export interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

let offer: InstallPromptEvent | null = null;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

// Listened for from the first paint: the browser may fire it before any screen that offers
// installation has loaded. Kept for our own button instead of the browser's mini-infobar.
if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', (e) => {
    e.preventDefault();
    offer = e as InstallPromptEvent;
    changed();
  });
  window.addEventListener('appinstalled', () => {
    offer = null;
    changed();
  });
}

/** Running as an installed app (from the home screen), where browsers keep the data. */
export function isInstalled(): boolean {
  const standalone = typeof matchMedia === 'function' && matchMedia('(display-mode: standalone)').matches;
  return standalone || (navigator as Navigator & { standalone?: boolean }).standalone === true;
}

/** iPhone and iPad Safari have no install prompt: installing is Share → Add to Home Screen. */
export function isIos(): boolean {
  const ua = navigator.userAgent;
  return /iPad|iPhone|iPod/.test(ua) || (ua.includes('Macintosh') && navigator.maxTouchPoints > 1);
}

/** The browser's install offer while there is one, and a way to show it. */
export function useInstallPrompt(): { canPrompt: boolean; install: () => Promise<void> } {
  const [, rerender] = useState(0);
  useEffect(() => {
    const l = () => rerender((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return {
    canPrompt: offer !== null,
    async install() {
      const shown = offer;
      if (!shown) return;
      await shown.prompt();
      // An offer is used once; the browser fires a new one if it can still be installed.
      offer = null;
      changed();
    },
  };
}
