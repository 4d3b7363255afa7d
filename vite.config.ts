import { defineConfig } from 'vitest/config';
import { VitePWA } from 'vite-plugin-pwa';

const integration = {
  include: ['tests/integration/**/*.test.ts'],
  environment: 'node',
  testTimeout: 60_000,
  hookTimeout: 60_000,
  fileParallelism: false,
};
// The server-side suites once more against Apache CouchDB 3 (a 3-node cluster started once
// for the run, or a server at POLKU_TEST_COUCH_URL), when one is asked for. It runs after
// the others, so the cluster never competes with them for the CPU.
const couchdb = process.env.POLKU_TEST_COUCHDB || process.env.POLKU_TEST_COUCH_URL;

// JSX goes through Vite's own oxc transform with Preact's automatic runtime:
// no Babel (which @preact/preset-vite would pull in) is needed for a build.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 400 },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        // Swedish and English load when a person chooses them and are kept then (sw/sw.ts):
        // a Finnish-speaking device never downloads them (a third of the precache on 2G).
        globIgnores: ['**/assets/sv-*.js', '**/assets/en-*.js'],
        maximumFileSizeToCacheInBytes: 1_000_000,
      },
      manifest: {
        name: 'Polku',
        short_name: 'Polku',
        description: 'PopUp-toiminta, kuljetukset ja polku työhön – toimii ilman verkkoa.',
        lang: 'fi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#ffffff',
        theme_color: '#1d5c4d',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['src/test-setup.ts'],
        },
      },
      {
        extends: true,
        // The server's own units (no server running): Node, no DOM.
        test: { name: 'server', include: ['server/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: { name: 'integration', ...integration },
      },
      ...(couchdb
        ? [
            {
              extends: true as const,
              test: {
                name: 'couchdb',
                ...integration,
                // The integration suites, the cluster's own (failover, relay processes, the
                // production start) and the offline, phone and coordinator e2e suites.
                include: [
                  ...integration.include,
                  'tests/couchdb/**/*.test.ts',
                  'tests/e2e/{offline-first,participant-phone,coordinator}.test.ts',
                ],
                testTimeout: 180_000,
                hookTimeout: 180_000,
                globalSetup: ['tests/support/couchdb-global-setup.ts'],
                sequence: { groupOrder: 1 },
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
