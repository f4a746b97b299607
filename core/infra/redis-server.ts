// The private redis-server that `npm start` launches when a newcomer's
// machine has none running (and nothing else answers at REDIS_URL).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import type { Config } from "../config.ts";
import type { Logger } from "./logger.ts";
import { ensurePrivateDir } from "./private-files.ts";
import { realClockEnv } from "./real-clock-env.ts";
import { RedisUnavailableError, redisAnswers } from "./redis.ts";

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
