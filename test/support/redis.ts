import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { TEST_REDIS_URL } from "./env.ts";

/** A key prefix no other test file uses, so files can share one Redis. */
export function uniquePrefix(label: string): string {
  return `test:${label}:${randomUUID().slice(0, 8)}`;
}

/** Deletes every key under the prefix (BullMQ keys are `<prefix>:<queue>:...`). */
export async function deleteKeys(prefix: string, url = TEST_REDIS_URL): Promise<number> {
  const redis = new Redis(url);
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return deleted;
}
