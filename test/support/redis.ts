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
 *
 * A port `freePort()` found free can be taken by a parallel test before the
 * server binds it; that server then exits at once. Such a start is retried
 * with fresh ports, and a failure says what redis-server printed.
 */
export async function startRedisCluster(masters = 3, bin = "redis-server"): Promise<TestCluster> {
  for (const tool of [bin, "redis-cli"]) {
    if (spawnSync(tool, ["--version"], { stdio: "ignore", env: realClockEnv() }).error) {
      throw new Error(
        `${tool} not found: the Redis Cluster test starts its own cluster and needs redis-server 7 and redis-cli on the PATH (apt-get install redis-server redis-tools).`,
      );
    }
  }
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startClusterOnce(masters, bin);
    } catch (err) {
      if (!(err instanceof NodeExited) || attempt >= attempts) throw err;
    }
  }
}

/** A node's process ended before the cluster was up (typically: its port was taken). */
class NodeExited extends Error {}

interface NodeProcess {
  port: number;
  child: ChildProcess;
  client: Redis;
  /** Rejects when the process exits; never resolves. */
  exited: Promise<never>;
  /** The last lines the process printed. */
  output(): string;
}

function spawnNode(bin: string, dir: string, port: number, bus: number, password: string) {
  const options = {
    port,
    // The bus port is given too: port + 10000 (the default) may be past 65535.
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
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"], env: realClockEnv() });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-2_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<never>((_, reject) => {
    child.once("exit", (code, signal) =>
      reject(
        new NodeExited(
          `redis-server on port ${port} exited (${signal ?? code}) before the cluster was up:\n${output}`,
        ),
      ),
    );
  });
  exited.catch(() => {});
  const client = new Redis({ port, password, lazyConnect: true, retryStrategy: () => 100 });
  client.on("error", () => {});
  return { port, child, client, exited, output: () => output } satisfies NodeProcess;
}

async function startClusterOnce(masters: number, bin: string): Promise<TestCluster> {
  const password = randomUUID();
  const dir = await mkdtemp(path.join(tmpdir(), "lpse-redis-cluster-"));
  const nodes: NodeProcess[] = [];
  const stop = async () => {
    for (const node of nodes) node.client.disconnect();
    for (const { child } of nodes) child.kill("SIGKILL");
    await Promise.all(
      nodes.map(({ child }) =>
        child.exitCode !== null || child.signalCode !== null
          ? undefined
          : new Promise((resolve) => child.once("exit", resolve)),
      ),
    );
    await rm(dir, { recursive: true, force: true });
  };
  let settled = false;
  /** Waits for `step`, failing as soon as any node's process has exited. */
  const unlessExited = <T>(step: Promise<T>) =>
    Promise.race([step, ...nodes.map((node) => node.exited)]);
  const poll = (what: string, probe: () => Promise<boolean>) =>
    untilTrue(probe, what, () => settled).catch((err: Error) => {
      const said = nodes.map((n) => `port ${n.port}: ${n.output()}`).join("\n");
      throw new Error(`${err.message}; redis-server printed:\n${said}`);
    });
  try {
    const free = await distinctFreePorts(masters * 2);
    for (let i = 0; i < masters; i++) {
      nodes.push(spawnNode(bin, dir, free[2 * i] ?? 0, free[2 * i + 1] ?? 0, password));
    }
    await unlessExited(
      Promise.all(
        nodes.map(({ client }) => poll("node up", async () => (await client.ping()) === "PONG")),
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
        ...nodes.map(({ port }) => `127.0.0.1:${port}`),
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
    await unlessExited(
      Promise.all(
        nodes.map(({ client }) =>
          poll("cluster_state:ok", async () =>
            (await client.cluster("INFO")).includes("cluster_state:ok"),
          ),
        ),
      ),
    );
  } catch (err) {
    settled = true;
    await stop();
    throw err;
  }
  settled = true;
  const ports = nodes.map(({ port }) => port);
  return {
    seeds: ports.map((p) => `127.0.0.1:${p}`).join(","),
    url: `redis://:${password}@127.0.0.1:${ports[0]}`,
    ports,
    node: (port) => {
      const node = nodes.find((n) => n.port === port);
      if (!node) throw new Error(`no node on port ${port}`);
      return node.client;
    },
    stop,
  };
}

/** `count` free ports, no two alike (the OS may hand the same one out twice). */
async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** Calls `probe` until it says yes; gives up quietly once `abandoned()`. */
async function untilTrue(
  probe: () => Promise<boolean>,
  what: string,
  abandoned: () => boolean,
  ms = 15_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not yet
    }
    if (abandoned()) return;
    if (Date.now() > deadline) throw new Error(`Redis Cluster: ${what} not reached in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
