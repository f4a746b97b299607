// Redis for BullMQ, and the private redis-server that `npm start` launches when
// a newcomer's machine has none running.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { Redis, type RedisOptions } from "ioredis";
import type { Config } from "../config.ts";
import type { Logger } from "./logger.ts";

export { Redis };

export class RedisUnavailableError extends Error {
  readonly code = "REDIS_UNAVAILABLE";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RedisUnavailableError";
  }
}

/**
 * Workers block on Redis and must wait out a restart, hence
 * `maxRetriesPerRequest: null` (BullMQ requires it). Producers, such as the
 * HTTP health check or an inbound handler, must fail fast instead of hanging.
 */
export function createRedis(
  url: string,
  role: "worker" | "producer",
  extra: RedisOptions = {},
): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === "worker" ? null : 1,
    enableOfflineQueue: role === "worker",
    // Without an offline queue a producer's first command would fail while the
    // socket is still connecting, so producers connect explicitly (`connect()`).
    lazyConnect: role === "producer",
    connectionName: `lpse-helpdesk-${role}`,
    ...extra,
  });
}

/** Answers PONG within the timeout, or false. Never throws. */
export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export interface PrivateRedis {
  readonly url: string;
  stop(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/**
 * Makes sure something answers at config.redis.url. When nothing does, the URL
 * points at this machine and `redis-server` is installed, it launches one with
 * AOF persistence under DATA_DIR/redis and the `noeviction` policy BullMQ
 * needs. Returns the private server (to stop on exit) or null.
 */
export async function ensureRedis(
  settings: Config["redis"],
  logger: Logger,
  bin = "redis-server",
): Promise<PrivateRedis | null> {
  if (await redisAnswers(settings.url)) return null;
  const url = new URL(settings.url);
  const howTo =
    "Pasang Redis / install Redis: `sudo apt-get install redis-server` (Debian/Ubuntu), " +
    "`docker compose up -d redis`, or set REDIS_URL to a running server.";
  if (!settings.autostart || !LOOPBACK.has(url.hostname)) {
    throw new RedisUnavailableError(
      `Redis tidak menjawab / no answer at ${redactUrl(url)}. ${howTo}`,
    );
  }
  if (spawnSync(bin, ["--version"], { stdio: "ignore" }).error) {
    throw new RedisUnavailableError(
      `Redis tidak menjawab di ${redactUrl(url)} dan redis-server tidak ditemukan / no Redis at ${redactUrl(url)} and no redis-server on PATH. ${howTo}`,
    );
  }
  await mkdir(settings.dir, { recursive: true });
  const port = url.port || "6379";
  const child = spawn(
    bin,
    [
      "--port",
      port,
      "--bind",
      "127.0.0.1",
      "--dir",
      settings.dir,
      "--appendonly",
      "yes",
      "--appendfsync",
      "everysec",
      "--save",
      "",
      "--maxmemory-policy",
      "noeviction",
      ...(url.password ? ["--requirepass", decodeURIComponent(url.password)] : []),
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  logger.warn({ port, dir: settings.dir }, "No Redis was running: started a private redis-server");
  await waitUntilAnswering(settings.url, child);
  return {
    url: settings.url,
    stop: () => stopChild(child),
  };
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  for (let i = 0; i < 50 && !exited; i++) {
    if (await redisAnswers(url, 500)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new RedisUnavailableError(
    `redis-server did not start (exited: ${exited}); is port ${new URL(url).port || 6379} taken?`,
  );
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    // SIGTERM makes redis-server flush its AOF before it exits.
    child.kill("SIGTERM");
  });
}

function redactUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = "***";
  return copy.href;
}

/**
 * BullMQ loses jobs silently when Redis evicts keys under memory pressure, so
 * any policy but `noeviction` is worth a loud warning. Managed Redis services
 * may refuse CONFIG; then we say we could not check.
 */
export async function checkEvictionPolicy(redis: Redis, logger: Logger): Promise<string | null> {
  try {
    const reply = (await redis.config("GET", "maxmemory-policy")) as string[];
    const policy = reply[1] ?? null;
    if (policy !== "noeviction") {
      logger.warn(
        { policy },
        "PERINGATAN / WARNING: Redis maxmemory-policy is not 'noeviction'; queued jobs can be evicted and lost. Set `maxmemory-policy noeviction`.",
      );
    }
    return policy;
  } catch (err) {
    logger.warn(
      { err },
      "Could not read Redis maxmemory-policy (CONFIG refused); make sure it is 'noeviction'",
    );
    return null;
  }
}
