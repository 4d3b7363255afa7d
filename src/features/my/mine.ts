import { participantKeyOf } from '../../wire/scopes.ts';
/** The participant's own key, from their database's name (`polku-p-<key>`). */
export const myKeyOf = (scope: string) => participantKeyOf(scope) ?? '';
