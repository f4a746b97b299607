// Redis for BullMQ (a single server or a Redis Cluster): the clients, whether
// a server answers, and its eviction policy. The private redis-server that
// `npm start` launches when a newcomer's machine has none running is
// redis-server.ts.
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from "ioredis";
import type { Config } from "../config.ts";
import type { Logger } from "./logger.ts";

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
