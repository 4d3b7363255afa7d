import { beforeEach, describe, expect, it } from 'vitest';
import { PIN_MAX_FAILURES } from '../domain/pin.ts';
import { ROLE } from '../domain/roles.ts';
import { seal, unseal } from './device-keys.ts';
import { deviceProfiles, forgetProfile, needsLock, openAfterSignIn, openWithPin, profileOf, setPin } from './device-lock.ts';

const instructor = { name: 'ohjaaja1', roles: [ROLE.instructor, ROLE.group('abcd1234')] };
const serverSecret = 'c2VydmVyLXNlY3JldC1vZi1vaGphYWphMS0zMi1ieXQ=';
const fromServer = async () => serverSecret;
const offline = async () => null;

/** The same key: what one seals, the other opens. */
async function sameKey(a: CryptoKey, b: CryptoKey) {
  return (await unseal(b, await seal(a, 'x', 'row'), 'row')) === 'x';
}

beforeEach(() => localStorage.clear());

describe('a staff member on a device', () => {
  it('gets a data key at first sign-in, kept only wrapped, and is asked for a PIN', async () => {
    const first = await openAfterSignIn(instructor, 'salasana-1', fromServer);
    expect('key' in first && first.needsPin).toBe(true);
    const stored = localStorage.getItem('polku.profiles')!;
    expect(stored).not.toContain('salasana-1');
    expect(Object.keys(profileOf('ohjaaja1')!.wraps).sort()).toEqual(['password', 'server']);
    expect(needsLock(instructor.roles)).toBe(true);
    expect(needsLock([ROLE.participant, ROLE.self('p1')])).toBe(false);
  });

  it('opens with the PIN offline, to the same key', async () => {
    const first = await openAfterSignIn(instructor, 'salasana-1', fromServer);
    if (!('key' in first)) throw new Error('no key');
    expect(await setPin('ohjaaja1', first.key, '123456')).toBe('v.pinObvious');
    expect(await setPin('ohjaaja1', first.key, '482915')).toBeNull();
    expect(localStorage.getItem('polku.profiles')).not.toContain('482915');
    const opened = await openWithPin('ohjaaja1', '482915');
    expect(opened.ok && (await sameKey(first.key, opened.opened.key))).toBe(true);
    expect(opened.ok && opened.opened.user).toEqual(instructor);
  });

  it('waits longer after wrong PINs, and after too many the PIN no longer opens (the password does)', async () => {
    const first = await openAfterSignIn(instructor, 'salasana-1', fromServer);
    if (!('key' in first)) throw new Error('no key');
    await setPin('ohjaaja1', first.key, '482915');
    let now = Date.parse('2027-01-12T10:00:00Z');
    const results = [];
    for (let i = 0; i < PIN_MAX_FAILURES; i++) {
      const r = await openWithPin('ohjaaja1', '000001', now);
      results.push(r);
      // Trying again before the wait is over is not even checked.
      if (!r.ok && r.reason === 'wrong' && r.waitSeconds > 0) {
        expect(await openWithPin('ohjaaja1', '482915', now + 1000)).toMatchObject({ ok: false, reason: 'wait' });
        now += r.waitSeconds * 1000;
      }
    }
    expect(results.slice(0, 2)).toMatchObject([{ reason: 'wrong', waitSeconds: 0, triesBeforeWait: 2 }, { reason: 'wrong', waitSeconds: 0, triesBeforeWait: 1 }]);
    expect(results[3]).toMatchObject({ reason: 'wrong', waitSeconds: 60 });
    expect(results.at(-1)).toEqual({ ok: false, reason: 'exhausted' });
    // Even the right PIN no longer opens; a password sign-in gives the same key and asks for a new PIN.
    expect(await openWithPin('ohjaaja1', '482915', now)).toEqual({ ok: false, reason: 'exhausted' });
    const again = await openAfterSignIn(instructor, 'salasana-1', offline);
    expect('key' in again && again.needsPin && (await sameKey(first.key, again.key))).toBe(true);
  });

  it('after a password reset with a one-time code, opens the same data with the server’s secret', async () => {
    const first = await openAfterSignIn(instructor, 'vanha-salasana', fromServer);
    if (!('key' in first)) throw new Error('no key');
    await setPin('ohjaaja1', first.key, '482915');
    const afterReset = await openAfterSignIn(instructor, 'uusi-salasana', fromServer);
    expect('key' in afterReset && !afterReset.needsPin && (await sameKey(first.key, afterReset.key))).toBe(true);
    // Without the server (or with it cut off), nothing opens it: the data stays unreadable, never replaced.
    localStorage.clear();
    const lone = await openAfterSignIn(instructor, 'a', fromServer);
    if (!('key' in lone)) throw new Error('no key');
    expect(await openAfterSignIn(instructor, 'b', offline)).toEqual({ lost: true });
  });

  it('keeps each person’s profile apart, and forgets one without the others', async () => {
    await openAfterSignIn(instructor, 'salasana-1', offline);
    await openAfterSignIn({ name: 'ohjaaja2', roles: instructor.roles }, 'salasana-2', offline);
    forgetProfile('ohjaaja1');
    expect(deviceProfiles().map((p) => p.name)).toEqual(['ohjaaja2']);
  });
});
