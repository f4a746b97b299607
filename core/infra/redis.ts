// Redis for BullMQ (a single server or a Redis Cluster), and the private
// redis-server that `npm start` launches when a newcomer's machine has none
// running.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from "ioredis";
import type { Config } from "../config.ts";
import type { Logger } from "./logger.ts";
import { ensurePrivateDir } from "./private-files.ts";
import { realClockEnv } from "./real-clock-env.ts";

export { Cluster, Redis };

/** A single Redis or a Redis Cluster: every command the app runs exists on both. */
export type RedisClient = Redis | Cluster;

export class RedisUnavailableError extends Error {
  readonly code = "REDIS_UNAVAILABLE";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RedisUnavailableError";
  }
}

type Role = "worker" | "producer";

/**
 * Workers block on Redis and must wait out a restart, hence
 * `maxRetriesPerRequest: null` (BullMQ requires it). Producers, such as the
 * HTTP health check or an inbound handler, must fail fast instead of hanging.
 */
function roleOptions(role: Role) {
  return {
    maxRetriesPerRequest: role === "worker" ? null : 1,
    enableOfflineQueue: role === "worker",
    // Without an offline queue a producer's first command would fail while the
    // socket is still connecting, so producers connect explicitly (`connect()`).
    lazyConnect: role === "producer",
    connectionName: `lpse-helpdesk-${role}`,
  };
}

/** A single Redis at `url`, or, given the settings, a Cluster when REDIS_CLUSTER_NODES is set. */
export function createRedis(url: string, role: Role, extra?: RedisOptions): Redis;
export function createRedis(settings: Config["redis"], role: Role): RedisClient;
export function createRedis(
  target: string | Config["redis"],
  role: Role,
  extra: RedisOptions = {},
): RedisClient {
  if (typeof target !== "string" && target.clusterNodes?.length) {
    return createRedisCluster(target.clusterNodes, target.url, role);
  }
  return new Redis(typeof target === "string" ? target : target.url, {
    ...roleOptions(role),
    ...extra,
  });
}

/**
 * A Cluster client with the same role semantics. The seeds only need to
 * include one live node; the client learns the rest (and later moves) from the
 * cluster. REDIS_URL lends its user name, password and TLS to every node.
 */
export function createRedisCluster(
  nodes: NonNullable<Config["redis"]["clusterNodes"]>,
  url: string,
  role: Role,
  extra: ClusterOptions = {},
): Cluster {
  const { enableOfflineQueue, lazyConnect, ...perNode } = roleOptions(role);
  return new Cluster(nodes, {
    enableOfflineQueue,
    lazyConnect,
    ...extra,
    redisOptions: { ...perNode, ...nodeCredentials(url), ...extra.redisOptions },
  });
}

function nodeCredentials(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
  };
}

/** Answers PONG (a cluster: reports `cluster_state:ok`) within the timeout, or false. Never throws. */
export async function redisAnswers(
  target: string | Config["redis"],
  timeoutMs = 1500,
): Promise<boolean> {
  const once = { maxRetriesPerRequest: 0, connectTimeout: timeoutMs };
  const client =
    typeof target !== "string" && target.clusterNodes?.length
      ? createRedisCluster(target.clusterNodes, target.url, "producer", {
          clusterRetryStrategy: () => null,
          slotsRefreshTimeout: timeoutMs,
          redisOptions: once,
        })
      : createRedis(typeof target === "string" ? target : target.url, "producer", {
          ...once,
          retryStrategy: () => null,
        });
  client.on("error", () => {});
  try {
    await client.connect();
    if (client instanceof Cluster) {
      return /cluster_state:ok/.test(await client.cluster("INFO"));
    }
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export interface PrivateRedis {
  readonly url: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/**
 * Makes sure something answers at config.redis.url. When nothing does, the URL
 * points at this machine and `redis-server` is installed, it launches one with
 * AOF persistence under DATA_DIR/redis and the `noeviction` policy BullMQ
 * needs. Returns the private server (to stop on exit) or null. A cluster is
 * never launched: it must answer, with every slot served.
 */
export async function ensureRedis(
  settings: Config["redis"],
  logger: Logger,
  bin = "redis-server",
): Promise<PrivateRedis | null> {
  if (await redisAnswers(settings)) return null;
  if (settings.clusterNodes?.length) {
    const seeds = settings.clusterNodes.map((n) => `${n.host}:${n.port}`).join(",");
    throw new RedisUnavailableError(
      `Redis Cluster tidak menjawab atau belum siap (cluster_state bukan ok) di ${seeds} / ` +
        `the Redis Cluster at ${seeds} does not answer or is not ready (cluster_state not ok). ` +
        "Periksa REDIS_CLUSTER_NODES dan kata sandi di REDIS_URL / check REDIS_CLUSTER_NODES and the password in REDIS_URL.",
    );
  }
  const url = new URL(settings.url);
  const howTo =
    "Pasang Redis / install Redis: `sudo apt-get install redis-server` (Debian/Ubuntu), " +
    "`docker compose up -d redis`, or set REDIS_URL to a running server.";
  if (!settings.autostart || !LOOPBACK.has(url.hostname)) {
    throw new RedisUnavailableError(
      `Redis tidak menjawab / no answer at ${redactUrl(url)}. ${howTo}`,
    );
  }
  if (spawnSync(bin, ["--version"], { stdio: "ignore", env: realClockEnv() }).error) {
    throw new RedisUnavailableError(
      `Redis tidak menjawab di ${redactUrl(url)} dan redis-server tidak ditemukan / no Redis at ${redactUrl(url)} and no redis-server on PATH. ${howTo}`,
    );
  }
  await ensurePrivateDir(settings.dir);
  const port = url.port || "6379";
  // The settings travel on stdin (`redis-server -`), never as arguments: a
  // command line is readable by every user of the machine (ps,
  // /proc/<pid>/cmdline), and the password is among them. The environment
  // holds only PATH, so no other secret of ours reaches the child either.
  const settingsText = [
    `port ${port}`,
    "bind 127.0.0.1",
    `dir ${redisQuote(settings.dir)}`,
    "appendonly yes",
    "appendfsync everysec",
    'save ""',
    "maxmemory-policy noeviction",
    ...(url.password ? [`requirepass ${redisQuote(decodeURIComponent(url.password))}`] : []),
  ].join("\n");
  const child = spawn(bin, ["-"], {
    stdio: ["pipe", "ignore", "pipe"],
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
  });
  child.stdin?.on("error", () => {});
  child.stdin?.end(`${settingsText}\n`);
  logger.warn({ port, dir: settings.dir }, "No Redis was running: started a private redis-server");
  await waitUntilAnswering(settings.url, child);
  return {
    url: settings.url,
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

/** A redis.conf string: double-quoted, with backslash escapes for quotes and control bytes. */
function redisQuote(value: string): string {
  const escaped = Array.from(value, (c) => {
    const code = c.charCodeAt(0);
    if (c === "\\" || c === '"') return `\\${c}`;
    return code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, "0")}` : c;
  }).join("");
  return `"${escaped}"`;
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
export async function checkEvictionPolicy(
  redis: RedisClient,
  logger: Logger,
): Promise<string | null> {
  // CONFIG reaches one node only: on a cluster, ask every master.
  if (redis instanceof Cluster) {
    const policies = await Promise.all(
      redis
        .nodes("master")
        .map((node) =>
          nodePolicy(node, logger.child({ node: `${node.options.host}:${node.options.port}` })),
        ),
    );
    const others = policies.filter((p) => p !== "noeviction");
    if (!policies.length) return null;
    return others.length ? (others[0] ?? null) : "noeviction";
  }
  return nodePolicy(redis, logger);
}

async function nodePolicy(redis: Redis, logger: Logger): Promise<string | null> {
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
