import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../core/infra/logger.ts";
import {
  checkEvictionPolicy,
  createRedis,
  ensureRedis,
  RedisUnavailableError,
  redisAnswers,
} from "../../core/infra/redis.ts";
import { TEST_REDIS_URL } from "../support/env.ts";
import { freePort } from "../support/process.ts";

function capture() {
  const lines: string[] = [];
  return {
    lines,
    logger: createLogger({ level: "info" }, { write: (l: string) => lines.push(l) }),
  };
}

describe("ensureRedis", () => {
  it("uses a Redis that already answers", async () => {
    const { logger } = capture();
    expect(
      await ensureRedis({ url: TEST_REDIS_URL, autostart: true, dir: "/nonexistent" }, logger),
    ).toBeNull();
  });

  it("launches a private redis-server with AOF and noeviction, and stops it", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "lpse-redis-"));
    const url = `redis://127.0.0.1:${await freePort()}`;
    const { logger, lines } = capture();
    try {
      const started = await ensureRedis({ url, autostart: true, dir }, logger);
      expect(started).not.toBeNull();
      expect(await redisAnswers(url)).toBe(true);
      const client = createRedis(url, "producer");
      await client.connect();
      expect(await client.config("GET", "appendonly")).toEqual(["appendonly", "yes"]);
      expect(await checkEvictionPolicy(client, logger)).toBe("noeviction");
      await client.quit();
      await started?.stop();
      expect(await redisAnswers(url, 300)).toBe(false);
      expect(await readdir(dir)).toContain("appendonlydir");
      expect(lines.join("")).toContain("started a private redis-server");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("explains how to get Redis when none runs and none can be started", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const { logger } = capture();
    const noBinary = ensureRedis(
      { url, autostart: true, dir: tmpdir() },
      logger,
      "no-such-redis-server",
    );
    await expect(noBinary).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(noBinary).rejects.toThrow(
      /redis-server tidak ditemukan.*apt-get install redis-server/,
    );
    await expect(ensureRedis({ url, autostart: false, dir: tmpdir() }, logger)).rejects.toThrow(
      /Redis tidak menjawab/,
    );
    // Another host (127.0.0.2 is loopback but not ours to launch on): never
    // autostarted, and the password stays out of the message.
    const remote = `redis://:pw@127.0.0.2:${await freePort()}`;
    await expect(
      ensureRedis({ url: remote, autostart: true, dir: tmpdir() }, logger),
    ).rejects.toThrow(/no answer at redis:\/\/:\*\*\*@127\.0\.0\.2:\d+/);
  });
});

describe("checkEvictionPolicy", () => {
  it("warns loudly when keys may be evicted", async () => {
    const client = createRedis(TEST_REDIS_URL, "producer");
    await client.connect();
    const before = (await client.config("GET", "maxmemory-policy")) as string[];
    const { logger, lines } = capture();
    try {
      await client.config("SET", "maxmemory-policy", "allkeys-lru");
      expect(await checkEvictionPolicy(client, logger)).toBe("allkeys-lru");
      expect(lines.join("")).toContain("is not 'noeviction'");
    } finally {
      await client.config("SET", "maxmemory-policy", before[1] ?? "noeviction");
      await client.quit();
    }
  });
});
