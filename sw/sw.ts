/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// The app shell is precached; data never is: /couch/ and /api/ always go to the network
// (the app's own database is the offline copy of the data).
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/couch\//, /^\/api\//] }));
// A language other than Finnish is kept once loaded (its file name changes with its content).
registerRoute(({ url }) => url.origin === self.location.origin && /^\/assets\/(sv|en)-[\w-]+\.js$/.test(url.pathname), new CacheFirst({ cacheName: 'polku-languages' }));

// A new version waits until the person chooses to reload (ReloadPrompt).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
