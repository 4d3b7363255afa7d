import { serverStateAttacks } from '../support/attacks.ts';

serverStateAttacks('what the server trusts, attacked through the gateway with ordinary accounts', false);
