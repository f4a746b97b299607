import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../core/infra/logger.ts";
import {
  checkEvictionPolicy,
  createRedis,
  RedisUnavailableError,
  redisAnswers,
} from "../../core/infra/redis.ts";
import { ensureRedis } from "../../core/infra/redis-server.ts";
import { TEST_REDIS_URL } from "../support/env.ts";
import { freePort } from "../support/process.ts";

function capture() {
  const lines: string[] = [];
  return {
    lines,
    logger: createLogger({ level: "info" }, { write: (l: string) => lines.push(l) }),
  };
}

/** PING without credentials, on a plain socket: the server's first answer line. */
function rawPing(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      resolve(data.toString());
      socket.destroy();
    });
    socket.once("error", reject);
  });
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

  it("keeps the password off the command line: the private server reads it on stdin", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "lpse-redis-pw-"));
    const password = `pw-${randomUUID()} "quoted" \\ and more`;
    const port = await freePort();
    const url = `redis://:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    // A real process in front of redis-server records the command line it was given.
    const argvFile = path.join(dir, "argv");
    const bin = path.join(dir, "redis-server-recording");
    await writeFile(
      bin,
      `#!/bin/sh\ntr '\\0' ' ' < /proc/$$/cmdline >> '${argvFile}'\necho >> '${argvFile}'\nexec redis-server "$@"\n`,
      { mode: 0o755 },
    );
    const { logger } = capture();
    const redisDir = path.join(dir, "redis");
    const started = await ensureRedis({ url, autostart: true, dir: redisDir }, logger, bin);
    try {
      const given = await readFile(argvFile, "utf8");
      expect(given).not.toContain(password.slice(3, 39));
      expect(given).toMatch(/redis-server-recording - $/m);
      const running = await readFile(`/proc/${started?.pid}/cmdline`, "utf8");
      expect(running).not.toContain(password.slice(3, 39));
      // ...and it is the password the server demands.
      expect(await rawPing(port)).toMatch(/^-NOAUTH/);
      expect(await redisAnswers(url)).toBe(true);
      expect((await stat(redisDir)).mode & 0o777).toBe(0o700);
    } finally {
      await started?.stop();
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
