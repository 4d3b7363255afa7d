// Unit tests run in jsdom: IndexedDB comes from fake-indexeddb so RxDB's Dexie storage is real code,
// and each test starts with an empty DOM.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { afterAll, afterEach, vi } from 'vitest';
import { injectedNow } from '../tooling/clock.ts';

// `POLKU_TEST_NOW` (a moment's name or an ISO time) makes every test run as if it were then:
// only `Date` is faked and it keeps ticking, so timers, RxDB and the UI work as usual. Faked
// here, before the test file is imported, so dates its module computes are the faked ones too.
const now = injectedNow();
if (now) vi.useFakeTimers({ now, toFake: ['Date'], shouldAdvanceTime: true });

afterEach(() => cleanup());
// Preact runs effects after the next frame, falling back to a 35 ms timer; let that timer fire while
// jsdom is still here, or it calls jsdom's cancelAnimationFrame after the environment is gone.
afterAll(() => new Promise((done) => setTimeout(done, 50)));
