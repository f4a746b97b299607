// What a channel accepted, written to Redis the moment the provider says yes
// and before the send-log row is committed in PostgreSQL. If that commit is
// lost (the database connection cut, the transaction timed out), the retry
// finds the acceptance here and marks the row SENT instead of messaging the
// user a second time. Two stores, so a fault in one of them alone never turns
// into a duplicate; only a crash in the one Redis round trip between the
// provider's answer and this write can.
import type { RedisClient } from "../redis.ts";

export interface Acceptance {
  providerId: string | null;
  at: string;
}

export interface AcceptedSends {
  /** The provider's acceptance of this send-log row, if one was recorded. */
  get(outboundMessageId: string): Promise<Acceptance | null>;
  /** Records the acceptance; resolves false (never throws) when Redis refused. */
  record(outboundMessageId: string, providerId: string | undefined): Promise<boolean>;
  /** The row is committed as SENT: the record is no longer needed. */
  forget(outboundMessageId: string): Promise<void>;
}

/** Kept a week: far longer than any job's retries (the row is SENT long before). */
const KEEP_SECONDS = 7 * 24 * 3600;

export function redisAcceptedSends(deps: {
  redis: RedisClient;
  prefix: string;
  recordTimeoutMs?: number;
}): AcceptedSends {
  const key = (id: string) => `${deps.prefix}:outbound:accepted:${id}`;
  return {
    async get(id) {
      const raw = await deps.redis.get(key(id));
      if (raw === null) return null;
      const parsed = JSON.parse(raw) as Partial<Acceptance>;
      return { providerId: parsed.providerId ?? null, at: parsed.at ?? "" };
    },
    async record(id, providerId) {
      const value: Acceptance = { providerId: providerId ?? null, at: new Date().toISOString() };
      // The workers' connection queues commands while Redis is away; the
      // send must not wait for it (the PostgreSQL commit is the other record).
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), deps.recordTimeoutMs ?? 2000);
      });
      const write = deps.redis
        .set(key(id), JSON.stringify(value), "EX", KEEP_SECONDS)
        .then(() => true as const)
        .catch(() => false as const);
      try {
        return await Promise.race([write, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async forget(id) {
      await deps.redis.del(key(id));
    },
  };
}
