// The bench's own corner of this machine's PostgreSQL and Redis: a database
// created for the run (and dropped after), a queue prefix nobody else uses
// (and its keys deleted after), and the measurements taken of both.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { type Config, loadConfig } from "../core/config.ts";

export interface BenchEnv {
  /** The server without a database name, e.g. postgresql://postgres@127.0.0.1:5432 */
  serverUrl: string;
  databaseName: string;
  databaseUrl: string;
  redisUrl: string;
  /** Hash-tagged, as on Redis Cluster: every key of the run lands in one slot. */
  prefix: string;
  /** The same environment the child worker processes get. */
  env: Record<string, string>;
  config: Config;
}

export function benchEnv(opts: { serverUrl: string; redisUrl: string; dataDir: string }): BenchEnv {
  const databaseName = `lpse_bench_${process.pid}`;
  const url = new URL(opts.serverUrl);
  url.pathname = `/${databaseName}`;
  const env = {
    DATABASE_URL: url.href,
    REDIS_URL: opts.redisUrl,
    REDIS_AUTOSTART: "false",
    QUEUE_PREFIX: `{bench-${process.pid}}`,
    DATA_DIR: opts.dataDir,
    LOG_LEVEL: "warn",
    // The intake as benchmarked before self-service (an article offer adds one exchange).
    SELF_SERVICE_ENABLED: "false",
    // Keys for this run only: the bench never reads anybody's real data.
    MASTER_KEYS: `b1:${randomBytes(32).toString("base64")}`,
    HASH_KEY: randomBytes(32).toString("base64"),
    // The inbound line's settings may be tried out (INBOUND_BUSY_NOTICE_WAITING=20 npm run bench).
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        (e): e is [string, string] => e[0].startsWith("INBOUND_") && e[1] !== undefined,
      ),
    ),
  };
  return {
    serverUrl: opts.serverUrl,
    databaseName,
    databaseUrl: url.href,
    redisUrl: opts.redisUrl,
    prefix: env.QUEUE_PREFIX,
    env,
    config: loadConfig(env),
  };
}

async function onServer<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(serverUrl);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(env: BenchEnv): Promise<void> {
  await onServer(env.serverUrl, (c) => c.query(`CREATE DATABASE "${env.databaseName}"`));
}

export async function dropDatabase(env: BenchEnv): Promise<void> {
  await onServer(env.serverUrl, (c) =>
    c.query(`DROP DATABASE IF EXISTS "${env.databaseName}" WITH (FORCE)`),
  );
}

export async function serverVersions(env: BenchEnv): Promise<{ postgres: string; redis: string }> {
  const postgres = await onServer(env.serverUrl, async (c) => {
    const { rows } = await c.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return rows[0]?.v ?? "?";
  });
  const redis = await withRedis(env.redisUrl, async (r) => {
    const info = await r.info("server");
    return /redis_version:(\S+)/.exec(info)?.[1] ?? "?";
  });
  return { postgres, redis };
}

export async function withRedis<T>(url: string, run: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  try {
    return await run(redis);
  } finally {
    redis.disconnect();
  }
}

async function scanKeys(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(
      cursor,
      "MATCH",
      `${escapeGlob(prefix)}:*`,
      "COUNT",
      1000,
    );
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  return keys;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

export interface RedisFootprint {
  keys: number;
  /** Sum of MEMORY USAGE over every key under the prefix. */
  bytes: number;
  /** The same by queue (the segment after the prefix). */
  byQueue: Record<string, { keys: number; bytes: number }>;
  /** INFO memory used_memory of the whole server (other users of this Redis included). */
  usedMemory: number;
}

export async function redisFootprint(url: string, prefixes: string[]): Promise<RedisFootprint> {
  return withRedis(url, async (redis) => {
    const byQueue: RedisFootprint["byQueue"] = {};
    let bytes = 0;
    let count = 0;
    for (const prefix of prefixes) {
      const keys = await scanKeys(redis, prefix);
      for (let i = 0; i < keys.length; i += 500) {
        const slice = keys.slice(i, i + 500);
        const pipe = redis.pipeline();
        for (const key of slice) pipe.memory("USAGE", key, "SAMPLES", "0");
        const results = (await pipe.exec()) ?? [];
        slice.forEach((key, j) => {
          const size = Number(results[j]?.[1] ?? 0);
          const queue = key.slice(prefix.length + 1).split(":")[0] ?? "?";
          const entry = byQueue[queue] ?? { keys: 0, bytes: 0 };
          byQueue[queue] = entry;
          entry.keys++;
          entry.bytes += size;
          bytes += size;
          count++;
        });
      }
    }
    return { keys: count, bytes, byQueue, usedMemory: await usedMemory(redis) };
  });
}

export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info("memory");
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

export async function deleteKeys(url: string, prefixes: string[]): Promise<number> {
  return withRedis(url, async (redis) => {
    let deleted = 0;
    for (const prefix of prefixes) {
      const keys = await scanKeys(redis, prefix);
      for (let i = 0; i < keys.length; i += 500)
        deleted += await redis.del(...keys.slice(i, i + 500));
    }
    return deleted;
  });
}

/** pg_total_relation_size (table, indexes, TOAST) of every table of the public schema. */
export async function tableSizes(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; bytes: string }>(
      `SELECT c.relname AS name, pg_total_relation_size(c.oid)::text AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)]));
  } finally {
    await client.end();
  }
}

export function sizeDelta(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [name, bytes] of Object.entries(after)) {
    const d = bytes - (before[name] ?? 0);
    if (d !== 0) delta[name] = d;
  }
  return delta;
}
