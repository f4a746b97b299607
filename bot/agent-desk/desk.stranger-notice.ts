// Members of the agents group who are not registered agents are told so once
// per person per hour, not on every message: each answer costs one of the
// group's ~20 messages a minute, which belong to live conversations. Kept in
// Redis with a TTL, so a restart or another bot process keeps the quiet.
import type { RedisClient } from "../../core/infra/redis.ts";

export const STRANGER_NOTICE_TTL_SECONDS = 60 * 60;

export interface StrangerNotice {
  /** True the first time within the TTL for this Telegram user (and takes the turn). */
  take(telegramUserId: number): Promise<boolean>;
}

export function createStrangerNotice(deps: {
  redis: RedisClient;
  /** The queue prefix, so deployments and test runs sharing a Redis stay apart. */
  prefix: string;
  ttlSeconds?: number;
}): StrangerNotice {
  const ttl = deps.ttlSeconds ?? STRANGER_NOTICE_TTL_SECONDS;
  return {
    async take(telegramUserId) {
      const key = `${deps.prefix}:desk:stranger-told:${telegramUserId}`;
      return (await deps.redis.set(key, "1", "EX", ttl, "NX")) === "OK";
    },
  };
}
