// Only one process may hold the WhatsApp socket: two real processes compete
// for the Redis lock; the standby takes over when the holder is killed
// (SIGKILL: the key expires) or stops (SIGTERM: the key is released).
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createSessionLock } from "../../bot/whatsapp/whatsapp.lock.ts";
import { TEST_REDIS_URL } from "../support/env.ts";
import { runEntry, type Started } from "../support/process.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("wa-lock");
const started: Started[] = [];

afterAll(async () => {
  for (const p of started) p.child.kill("SIGTERM");
  await Promise.all(started.map((p) => p.exit));
  await deleteKeys(prefix);
});

function holder(key: string): Started {
  const p = runEntry("test/integration/whatsapp-lock-holder.ts", [], {
    REDIS_URL: TEST_REDIS_URL,
    LOCK_KEY: key,
    LOCK_TTL_MS: "1500",
    LOCK_RETRY_MS: "100",
  });
  started.push(p);
  return p;
}

const count = (p: Started, word: string) =>
  p
    .output()
    .split("\n")
    .filter((l) => l.startsWith(word)).length;

async function until(condition: () => boolean, what: string, p: Started[], timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${what}:\n${p.map((x) => x.output()).join("\n---\n")}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("WhatsApp session lock across processes", () => {
  it("lets one process hold it; the standby takes over after the holder is SIGKILLed", async () => {
    const key = `${prefix}:kill`;
    const a = holder(key);
    await until(() => count(a, "ACQUIRED") === 1, "A to acquire", [a]);
    const b = holder(key);
    // B keeps trying while A renews: several failed tries, never the lock.
    await until(() => count(b, "BUSY") >= 20, "B to be refused repeatedly", [a, b]);
    expect(count(b, "ACQUIRED")).toBe(0);
    expect(count(a, "LOST")).toBe(0);

    // tsx runs the script in a child process: kill that one, as a crash would.
    const pid = Number(/ACQUIRED (\d+)/.exec(a.output())?.[1]);
    process.kill(pid, "SIGKILL");
    await a.exit;
    await until(() => count(b, "ACQUIRED") === 1, "B to take over", [a, b]);
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const bPid = /ACQUIRED (\d+)/.exec(b.output())?.[1];
      expect(await redis.get(key)).toMatch(new RegExp(`^${bPid}:`));
    } finally {
      redis.disconnect();
    }
  }, 60_000);

  it("hands over at once when the holder stops cleanly (SIGTERM releases the key)", async () => {
    const key = `${prefix}:term`;
    const a = holder(key);
    await until(() => count(a, "ACQUIRED") === 1, "A to acquire", [a]);
    const b = holder(key);
    await until(() => count(b, "BUSY") >= 3, "B to be refused", [a, b]);
    a.child.kill("SIGTERM");
    expect(await a.exit).toBe(0);
    expect(a.output()).toContain("RELEASED");
    await until(() => count(b, "ACQUIRED") === 1, "B to take over", [a, b]);
  }, 60_000);

  it("renews and releases only its own token", async () => {
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const key = `${prefix}:token`;
      const first = createSessionLock({ redis, key, ttlMs: 10_000 });
      const second = createSessionLock({ redis, key, ttlMs: 10_000 });
      expect(await first.tryAcquire()).toBe(true);
      expect(await second.tryAcquire()).toBe(false);
      expect(await second.renew()).toBe(false);
      await second.release();
      expect(await redis.get(key)).toBe(first.token);
      expect(await first.renew()).toBe(true);
      await first.release();
      expect(await redis.get(key)).toBeNull();
      expect(await second.tryAcquire()).toBe(true);
    } finally {
      redis.disconnect();
    }
  });
});
