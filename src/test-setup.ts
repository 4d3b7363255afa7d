// Unit tests run in jsdom: IndexedDB comes from fake-indexeddb so RxDB's Dexie storage is real code,
// and each test starts with an empty DOM.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
