// One process at a time may hold the WhatsApp socket: a second socket on the
// same session makes WhatsApp close the first (440) and the two would take the
// number from each other for ever. The holder keeps a Redis key alive; a
// standby polls and takes over once the key expires (the holder died).
import { randomUUID } from "node:crypto";
import type { Logger } from "../../core/infra/logger.ts";
import type { RedisClient } from "../../core/infra/redis.ts";

/** Extends the key only while it still holds our token. */
const RENEW = `
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("PEXPIRE", KEYS[1], ARGV[2])
end
return 0`;

/** Deletes the key only while it still holds our token. */
const RELEASE = `
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("DEL", KEYS[1])
end
return 0`;

export interface SessionLock {
  readonly token: string;
  tryAcquire(): Promise<boolean>;
  /** False once another holder has the key (ours expired). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export function createSessionLock(opts: {
  redis: RedisClient;
  key: string;
  ttlMs: number;
}): SessionLock {
  const token = `${process.pid}:${randomUUID()}`;
  return {
    token,
    async tryAcquire() {
      return (await opts.redis.set(opts.key, token, "PX", opts.ttlMs, "NX")) === "OK";
    },
    async renew() {
      return (await opts.redis.eval(RENEW, 1, opts.key, token, String(opts.ttlMs))) === 1;
    },
    async release() {
      await opts.redis.eval(RELEASE, 1, opts.key, token);
    },
  };
}

export interface LockKeeper {
  start(): void;
  /** Stops renewing and gives the key up, so a standby takes over at once. */
  stop(): Promise<void>;
  holding(): boolean;
}

/**
 * Polls for the lock, then renews it every third of its lifetime. When a
 * renewal finds the key taken, or Redis has not confirmed the lock for a whole
 * lifetime (a standby may hold it by now), `onLost` runs and polling resumes.
 */
export function createLockKeeper(opts: {
  lock: SessionLock;
  ttlMs: number;
  /** Pause between two tries of a standby. */
  retryMs: number;
  logger: Logger;
  onAcquired: () => void;
  onLost: (reason: string) => void;
  /** Each failed try of a standby (for tests and state). */
  onBusy?: () => void;
  now?: () => number;
}): LockKeeper {
  const now = opts.now ?? Date.now;
  const renewEveryMs = Math.max(50, Math.floor(opts.ttlMs / 3));
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let held = false;
  let confirmedAt = 0;

  const schedule = (ms: number, step: () => Promise<void>) => {
    if (!running) return;
    timer = setTimeout(() => {
      void step();
    }, ms);
  };

  async function poll() {
    if (!running) return;
    let acquired = false;
    try {
      acquired = await opts.lock.tryAcquire();
    } catch (err) {
      opts.logger.warn({ err }, "WhatsApp session lock: Redis error, retrying");
    }
    if (!running) {
      if (acquired) await opts.lock.release().catch(() => {});
      return;
    }
    if (!acquired) {
      opts.onBusy?.();
      schedule(opts.retryMs, poll);
      return;
    }
    held = true;
    confirmedAt = now();
    opts.onAcquired();
    schedule(renewEveryMs, renew);
  }

  async function renew() {
    if (!running || !held) return;
    let lostReason: string | undefined;
    try {
      if (await opts.lock.renew()) confirmedAt = now();
      else lostReason = "another process holds the session lock";
    } catch (err) {
      opts.logger.warn({ err }, "WhatsApp session lock: renewal failed");
      if (now() - confirmedAt >= opts.ttlMs) lostReason = "session lock not renewed in time";
    }
    if (!running) return;
    if (lostReason) {
      held = false;
      opts.onLost(lostReason);
      schedule(opts.retryMs, poll);
      return;
    }
    schedule(renewEveryMs, renew);
  }

  return {
    start() {
      if (running) return;
      running = true;
      void poll();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      if (held) {
        held = false;
        await opts.lock.release().catch((err: unknown) => {
          opts.logger.warn({ err }, "WhatsApp session lock: release failed; it expires on its own");
        });
      }
    },
    holding: () => held,
  };
}
