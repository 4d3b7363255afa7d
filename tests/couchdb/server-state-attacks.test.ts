import { serverStateAttacks } from '../support/attacks.ts';

// The production server must refuse on its own, not only behind the gateway's allow-list.
// (PouchDB Server is never reachable but through the gateway: it dies on some such requests.)
serverStateAttacks('what the server trusts, attacked straight at Apache CouchDB (as if past the gateway) with ordinary accounts', true);
