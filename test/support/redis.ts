import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Cluster, Redis } from "ioredis";
import { realClockEnv } from "../../core/infra/real-clock-env.ts";
import type { RedisClient } from "../../core/infra/redis.ts";
import { TEST_REDIS_URL } from "./env.ts";
import { freePort } from "./process.ts";

/** A key prefix no other test file uses, so files can share one Redis. */
export function uniquePrefix(label: string): string {
  return `test:${label}:${randomUUID().slice(0, 8)}`;
}

/**
 * Deletes every key under the prefix (BullMQ keys are `<prefix>:<queue>:...`),
 * at a URL or through a client; on a cluster, on every master.
 */
export async function deleteKeys(
  prefix: string,
  target: string | RedisClient = TEST_REDIS_URL,
): Promise<number> {
  const own = typeof target === "string" ? new Redis(target) : undefined;
  const client = own ?? (target as RedisClient);
  const nodes = client instanceof Cluster ? client.nodes("master") : [client];
  let deleted = 0;
  try {
    for (const node of nodes) {
      let cursor = "0";
      do {
        const [next, keys] = await node.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
        cursor = next;
        // One DEL per key: a cluster refuses a DEL whose keys lie in different slots.
        const replies = await Promise.all(keys.map((key) => node.del(key)));
        deleted += replies.reduce((sum, n) => sum + n, 0);
      } while (cursor !== "0");
    }
  } finally {
    own?.disconnect();
  }
  return deleted;
}

export interface TestCluster {
  /** `host:port,...` as REDIS_CLUSTER_NODES takes it. */
  seeds: string;
  /** Carries the password, as REDIS_URL does in cluster mode. */
  url: string;
  ports: number[];
  /** A direct (non-cluster) client to the node on `port`. */
  node(port: number): Redis;
  stop(): Promise<void>;
}

/**
 * A real Redis Cluster of `masters` redis-server processes (no replicas) on
 * free ports, with a password, in a temp dir; `stop()` kills them.
 */
export async function startRedisCluster(masters = 3, bin = "redis-server"): Promise<TestCluster> {
  for (const tool of [bin, "redis-cli"]) {
    if (spawnSync(tool, ["--version"], { stdio: "ignore", env: realClockEnv() }).error) {
      throw new Error(
        `${tool} not found: the Redis Cluster test starts its own cluster and needs redis-server 7 and redis-cli on the PATH (apt-get install redis-server redis-tools).`,
      );
    }
  }
  const password = randomUUID();
  const dir = await mkdtemp(path.join(tmpdir(), "lpse-redis-cluster-"));
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  const clients = new Map<number, Redis>();
  const stop = async () => {
    for (const client of clients.values()) client.disconnect();
    for (const child of children) child.kill("SIGKILL");
    await Promise.all(
      children.map((c) =>
        c.exitCode !== null || c.signalCode !== null
          ? undefined
          : new Promise((resolve) => c.once("exit", resolve)),
      ),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      // The bus port is given too: port + 10000 (the default) may be past 65535.
      const [port, bus] = [await freePort(), await freePort()];
      ports.push(port);
      const options = {
        port,
        "cluster-port": bus,
        bind: "127.0.0.1",
        "cluster-enabled": "yes",
        "cluster-config-file": `nodes-${port}.conf`,
        dir,
        save: "",
        appendonly: "no",
        requirepass: password,
        masterauth: password,
      };
      const args = Object.entries(options).flatMap(([name, value]) => [`--${name}`, String(value)]);
      children.push(spawn(bin, args, { stdio: "ignore", env: realClockEnv() }));
      const client = new Redis({ port, password, lazyConnect: true, retryStrategy: () => 100 });
      client.on("error", () => {});
      clients.set(port, client);
    }
    await Promise.all(
      [...clients.values()].map((c) =>
        untilTrue(async () => (await c.ping()) === "PONG", "node up"),
      ),
    );
    const create = spawnSync(
      "redis-cli",
      [
        "-a",
        password,
        "--no-auth-warning",
        "--cluster",
        "create",
        ...ports.map((p) => `127.0.0.1:${p}`),
        "--cluster-replicas",
        "0",
        "--cluster-yes",
      ],
      { encoding: "utf8", timeout: 20_000, env: realClockEnv() },
    );
    if (create.status !== 0) {
      throw new Error(
        `redis-cli --cluster create failed: ${create.error ?? ""}${create.stdout}${create.stderr}`,
      );
    }
    await Promise.all(
      [...clients.values()].map((c) =>
        untilTrue(
          async () => (await c.cluster("INFO")).includes("cluster_state:ok"),
          "cluster_state:ok",
        ),
      ),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    seeds: ports.map((p) => `127.0.0.1:${p}`).join(","),
    url: `redis://:${password}@127.0.0.1:${ports[0]}`,
    ports,
    node: (port) => {
      const client = clients.get(port);
      if (!client) throw new Error(`no node on port ${port}`);
      return client;
    },
    stop,
  };
}

async function untilTrue(probe: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`Redis Cluster: ${what} not reached in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
