import type { Crash } from './test-server.ts';

/**
 * Server processes killed during a fault scenario's rounds: at each chosen round a server
 * process is SIGKILLed a moment after the round begins (so that it dies under the devices'
 * writes and syncs, not between them), and started again `downRounds` rounds later, on its
 * port and data, while the rounds go on; the devices' syncs fail meanwhile.
 */
export interface KillPlan {
  /** The rounds in which a server process dies. */
  rounds: readonly number[];
  /** Rounds the server stays dead before its restart begins (it comes up while the rounds go on). */
  downRounds: number;
  /** Kill number `n` (0, 1, …): which process is the caller's choice (e.g. one cluster node after another). */
  crash(n: number): Promise<Crash>;
  /** Longest wait from a round's start to its kill (default 300 ms). */
  maxDelayMs?: number;
}

export interface ServerKills {
  /** At the start of each round: a restart that is due begins, a kill that is due is set off. */
  round(round: number): Promise<void>;
  /** Everything killed is started again and up. */
  settle(): Promise<void>;
  /** What died, and in which round ("round 4: CouchDB node3 (pid 1234)"). */
  killed: string[];
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** Keeps a background promise from counting as unhandled: its failure surfaces where it is awaited. */
const background = <T>(p: Promise<T>) => (p.catch(() => undefined), p);

export function serverKills(plan: KillPlan | undefined, random: () => number): ServerKills {
  const killed: string[] = [];
  let dead: { since: number; crash: Promise<Crash> } | undefined;
  let restarting: Promise<void> | undefined;
  let kills = 0;
  const restart = async () => {
    if (!dead) return;
    const crash = await dead.crash;
    dead = undefined;
    restarting = background(crash.restart());
  };
  return {
    killed,
    async round(round) {
      if (!plan) return;
      if (dead && round >= dead.since + plan.downRounds) await restart();
      if (!plan.rounds.includes(round)) return;
      // One process down at a time: the one before is back first.
      await restart();
      await restarting;
      const n = kills++;
      const delay = Math.floor(random() * (plan.maxDelayMs ?? 300));
      const crash = background(
        sleep(delay).then(async () => {
          const c = await plan.crash(n);
          killed.push(`round ${round}: ${c.what}`);
          return c;
        }),
      );
      dead = { since: round, crash };
    },
    async settle() {
      await restart();
      await restarting;
    },
  };
}
