import { defineConfig } from 'vite';

// The bench harness: the app's data layer and domain code in a page of its own, built apart
// from the app so that nothing of it reaches the app's bundle or precache.
export default defineConfig({
  root: 'bench/harness',
  logLevel: 'warn',
  build: { outDir: '../dist-harness', emptyOutDir: true, target: 'es2022' },
});
