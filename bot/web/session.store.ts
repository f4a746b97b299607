// Console sessions in Redis: a random id in the cookie, the agent's id under
// a hash of it (a read of Redis gives no usable cookie), expiring after
// CONSOLE_SESSION_IDLE_MINUTES without a request. The agent's role is read
// from the database on each request, so a change in the desk applies at once.
import { createHash, randomBytes } from "node:crypto";
import type { RedisClient } from "../../core/infra/redis.ts";

export interface SessionStore {
  create(agentId: string): Promise<string>;
  /** The agent's id, the idle timer restarted; null when unknown or expired. */
  touch(sessionId: string): Promise<string | null>;
  /** The agent's id without restarting the idle timer (an open live stream is no activity). */
  peek(sessionId: string): Promise<string | null>;
  destroy(sessionId: string): Promise<void>;
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
  return {
    async create(agentId) {
      const id = randomBytes(32).toString("base64url");
      await opts.redis.set(key(id), agentId, "PX", opts.idleMs);
      return id;
    },
    async touch(sessionId) {
      const k = key(sessionId);
      const agentId = await opts.redis.get(k);
      if (agentId) await opts.redis.pexpire(k, opts.idleMs);
      return agentId;
    },
    async peek(sessionId) {
      return opts.redis.get(key(sessionId));
    },
    async destroy(sessionId) {
      await opts.redis.del(key(sessionId));
    },
  };
}
