// Console sessions in Redis: a random id in the cookie, the agent's id under
// a hash of it (a read of Redis gives no usable cookie), expiring after
// CONSOLE_SESSION_IDLE_MINUTES without a request. The agent's role is read
// from the database on each request, so a change in the desk applies at once.
// Per agent a set lists the keys of their sessions (hashes only), so all of
// them can be ended at once (a supervisor resetting the agent's TOTP); it
// expires with the agent's latest session.
import { createHash, randomBytes } from "node:crypto";
import type { RedisClient } from "../../core/infra/redis.ts";

export interface SessionStore {
  create(agentId: string): Promise<string>;
  /** The agent's id, the idle timer restarted; null when unknown or expired. */
  touch(sessionId: string): Promise<string | null>;
  /** The agent's id without restarting the idle timer (an open live stream is no activity). */
  peek(sessionId: string): Promise<string | null>;
  destroy(sessionId: string): Promise<void>;
  /** Ends every session of `agentId`; how many were still open. */
  destroyAllOf(agentId: string): Promise<number>;
}

/** `kind`: "session", or "pending" for a sign-in waiting for its TOTP code (the account's id). */
export function createSessionStore(opts: {
  redis: RedisClient;
  prefix: string;
  idleMs: number;
  kind?: "session" | "pending";
}): SessionStore {
  const kind = opts.kind ?? "session";
  const key = (id: string) =>
    `${opts.prefix}:web:${kind}:${createHash("sha256").update(id).digest("base64url")}`;
  // One key per command: under Redis Cluster the keys live in different slots.
  const indexOf = (agentId: string) => `${opts.prefix}:web:${kind}-of:${agentId}`;
  return {
    async create(agentId) {
      const id = randomBytes(32).toString("base64url");
      await opts.redis.set(key(id), agentId, "PX", opts.idleMs);
      await opts.redis.sadd(indexOf(agentId), key(id));
      await opts.redis.pexpire(indexOf(agentId), opts.idleMs);
      return id;
    },
    async touch(sessionId) {
      const k = key(sessionId);
      const agentId = await opts.redis.get(k);
      if (agentId) {
        await opts.redis.pexpire(k, opts.idleMs);
        await opts.redis.pexpire(indexOf(agentId), opts.idleMs);
      }
      return agentId;
    },
    async peek(sessionId) {
      return opts.redis.get(key(sessionId));
    },
    async destroy(sessionId) {
      const k = key(sessionId);
      const agentId = await opts.redis.get(k);
      await opts.redis.del(k);
      if (agentId) await opts.redis.srem(indexOf(agentId), k);
    },
    async destroyAllOf(agentId) {
      const index = indexOf(agentId);
      let ended = 0;
      for (const k of await opts.redis.smembers(index)) {
        // Only a key still holding this agent's id (an expired one is gone already).
        if ((await opts.redis.get(k)) === agentId) ended += await opts.redis.del(k);
        await opts.redis.srem(index, k);
      }
      return ended;
    },
  };
}
