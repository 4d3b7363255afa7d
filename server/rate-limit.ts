import { createHmac, randomBytes } from 'node:crypto';

/**
 * Growing delays for guesses (passwords, one-time codes), per key: a client address, an
 * account, an account from one address. Each key has some free tries; after them every try
 * must wait twice as long as the one before (up to a cap), and a try that comes too soon is
 * refused at once without reaching CouchDB (so a burst costs no password hashing and slows
 * no one else). A try is counted when it is let in, before its outcome is known: Node runs
 * this synchronously, so parallel tries are counted exactly; a success gives its count back.
 */
export interface Limit {
  free: number;
  baseMs: number;
  maxMs: number;
  /** Forgotten after this long without a try. */
  forgetMs: number;
}

interface State {
  tries: number;
  lockedUntil: number;
  lastAt: number;
}

export class Throttle {
  private readonly states = new Map<string, State>();

  constructor(
    private readonly limit: Limit,
    private readonly now: () => number = Date.now,
  ) {}

  private state(key: string): State {
    const now = this.now();
    let s = this.states.get(key);
    if (s && now - s.lastAt > this.limit.forgetMs && now >= s.lockedUntil) {
      this.states.delete(key);
      s = undefined;
    }
    if (!s) {
      if (this.states.size > 100_000) this.sweep();
      s = { tries: 0, lockedUntil: 0, lastAt: now };
      this.states.set(key, s);
    }
    return s;
  }

  private sweep() {
    const now = this.now();
    for (const [key, s] of this.states) if (now - s.lastAt > this.limit.forgetMs && now >= s.lockedUntil) this.states.delete(key);
  }

  /** Milliseconds until a try is let in (0: now). */
  waitMs(key: string): number {
    return Math.max(0, this.state(key).lockedUntil - this.now());
  }

  /** Tries left before the delays begin. */
  left(key: string): number {
    return Math.max(0, this.limit.free - this.state(key).tries);
  }

  /** Counts a try (call only when `waitMs` is 0). */
  count(key: string) {
    const s = this.state(key);
    const now = this.now();
    s.tries++;
    s.lastAt = now;
    const over = s.tries - this.limit.free;
    if (over >= 0) s.lockedUntil = now + Math.min(this.limit.maxMs, this.limit.baseMs * 2 ** Math.min(over, 30));
  }

  /** The try was good: its count is given back (`reset`: the key starts over). */
  succeeded(key: string, reset: boolean) {
    const s = this.states.get(key);
    if (!s) return;
    if (reset) this.states.delete(key);
    else {
      s.tries = Math.max(0, s.tries - 1);
      if (s.tries < this.limit.free) s.lockedUntil = 0;
    }
  }
}

const MINUTE = 60_000;

/** A guess as the throttles see it: who it names and where it comes from. */
export interface Guess {
  name: string;
  address: string;
}

/** `known`: the same secret worked for this name lately (checked by the server then): no need to check it again. */
export type Admission = { ok: true; known: boolean; done(success: boolean): void } | { ok: false; retryAfterSeconds: number };

/**
 * Three throttles over one kind of guess: the client address (any account), the account
 * from that address (the tight one: a burst from one place stops here), and the account
 * from anywhere (many addresses against one account; its cap is short, so that nobody can
 * keep an owner out for long).
 */
export class GuessGuard {
  private readonly byAddress: Throttle;
  private readonly byAccountHere: Throttle;
  private readonly byAccount: Throttle;
  /** Credentials that worked lately (keyed HMACs): their requests are not guesses. */
  private readonly known = new Map<string, number>();
  /** Credentials being checked now: the same one sent in parallel is one try. */
  private readonly pending = new Map<string, number>();
  private readonly secret = randomBytes(32);

  constructor(
    limits: { address: Limit; accountHere: Limit; account: Limit },
    private readonly now: () => number = Date.now,
  ) {
    this.byAddress = new Throttle(limits.address, now);
    this.byAccountHere = new Throttle(limits.accountHere, now);
    this.byAccount = new Throttle(limits.account, now);
  }

  private keys(g: Guess) {
    return { address: g.address, here: `${g.name}\u0000${g.address}`, account: g.name };
  }

  /** How many tries this account has left from this address before it must wait. */
  left(g: Guess): number {
    return this.byAccountHere.left(this.keys(g).here);
  }

  /** `secret`: the password or code guessed, to recognise a repeat of one that worked or is being checked. */
  admit(g: Guess, secret?: string): Admission {
    const admission = this.admitOnce(g, secret);
    if (!admission.ok) return admission;
    let done = false;
    return {
      ok: true,
      known: admission.known,
      done: (success) => {
        if (done) return;
        done = true;
        admission.done(success);
      },
    };
  }

  private admitOnce(g: Guess, secret?: string): Admission {
    const k = this.keys(g);
    const id = secret === undefined ? undefined : createHmac('sha256', this.secret).update(`${g.name}\u0000${secret}`).digest('base64');
    const now = this.now();
    if (id !== undefined) {
      const until = this.known.get(id);
      if (until !== undefined && until > now) return { ok: true, known: true, done: () => undefined };
      // Capped, so that one wrong password sent a thousand times at once is not a thousand hashings.
      if (this.pending.has(id) && this.pending.get(id)! < 8) {
        this.pending.set(id, this.pending.get(id)! + 1);
        return { ok: true, known: false, done: (success) => this.finish(id, success) };
      }
    }
    if (id !== undefined && this.pending.has(id)) return { ok: false, retryAfterSeconds: 1 };
    const wait = Math.max(this.byAddress.waitMs(k.address), this.byAccountHere.waitMs(k.here), this.byAccount.waitMs(k.account));
    if (wait > 0) return { ok: false, retryAfterSeconds: Math.ceil(wait / 1000) };
    this.byAddress.count(k.address);
    this.byAccountHere.count(k.here);
    this.byAccount.count(k.account);
    let settled = false;
    const settle = (success: boolean) => {
      if (settled) return;
      settled = true;
      if (!success) return;
      this.byAddress.succeeded(k.address, false);
      this.byAccountHere.succeeded(k.here, true);
      this.byAccount.succeeded(k.account, true);
    };
    if (id === undefined) return { ok: true, known: false, done: settle };
    this.pending.set(id, 1);
    return {
      ok: true,
      known: false,
      done: (success) => {
        settle(success);
        this.finish(id, success);
      },
    };
  }

  private finish(id: string, success: boolean) {
    const n = (this.pending.get(id) ?? 1) - 1;
    if (n > 0) this.pending.set(id, n);
    else this.pending.delete(id);
    if (!success) return;
    if (this.known.size > 10_000) this.known.clear();
    this.known.set(id, this.now() + 10 * MINUTE);
  }
}

/** Password guesses (`_session`, Basic auth): ten free a client address, five an account there, fifty an account. */
export const signInLimits = {
  address: { free: 10, baseMs: 1000, maxMs: 15 * MINUTE, forgetMs: 60 * MINUTE },
  accountHere: { free: 5, baseMs: 1000, maxMs: 15 * MINUTE, forgetMs: 60 * MINUTE },
  account: { free: 50, baseMs: 1000, maxMs: 5 * MINUTE, forgetMs: 60 * MINUTE },
};

/**
 * One-time code guesses: five tries for a person from one address, then a pause that
 * grows; the code itself is never killed by wrong tries (12 digits: guessing is hopeless).
 */
export const claimLimits = {
  address: { free: 20, baseMs: 1000, maxMs: 15 * MINUTE, forgetMs: 60 * MINUTE },
  accountHere: { free: 5, baseMs: 60_000, maxMs: 60 * MINUTE, forgetMs: 24 * 60 * MINUTE },
  account: { free: 30, baseMs: 1000, maxMs: 5 * MINUTE, forgetMs: 60 * MINUTE },
};
