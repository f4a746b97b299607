// Start-up shared by both process roles: Redis (launching a private one for a
// newcomer if needed), the database, metrics and the health server. Each piece
// registers its closer, so shutdown runs in reverse order of start-up.

import { collectDefaultMetrics, Registry } from "prom-client";
import type { Config } from "../config.ts";
import { type Database, openDatabase } from "./db.ts";
import {
  type ChannelState,
  createHealthServer,
  type HealthServer,
  type Route,
} from "./health-server.ts";
import type { Lifecycle } from "./lifecycle.ts";
import type { Logger } from "./logger.ts";
import { metricsAccess } from "./metrics-access.ts";
import { ensurePrivateDir } from "./private-files.ts";
import { queueDashboardRoute } from "./queue-dashboard.ts";
import { type QueueMetrics, registerQueueMetrics } from "./queue-metrics.ts";
import { openQueueMonitor, type QueueMonitor } from "./queue-monitor.ts";
import type { RedisClient } from "./redis.ts";
import { checkEvictionPolicy, createRedis } from "./redis.ts";
import { ensureRedis } from "./redis-server.ts";
import { registerSlaMetrics, type SlaEvents } from "./sla-metrics.ts";

export interface Runtime {
  db: Database;
  /** Fails fast: for producers and health checks. */
  redis: RedisClient;
  /** Waits out Redis restarts: for BullMQ workers. */
  workerRedis: RedisClient;
  registry: Registry;
  /** For instrumentWorker (core/infra/queue-metrics.ts) on each BullMQ Worker. */
  queueMetrics: QueueMetrics;
  /** The process's one handle per queue, on the fail-fast producer connection. */
  queueFor: QueueMonitor["queueFor"];
  /** Counted by the SLA worker. */
  slaEvents: SlaEvents;
  health: HealthServer;
}

export async function startRuntime(opts: {
  config: Config;
  logger: Logger;
  lifecycle: Lifecycle;
  migrate: boolean;
  channels?: () => Record<string, ChannelState>;
  routes?: Route[];
}): Promise<Runtime> {
  const { config, logger, lifecycle } = opts;

  await ensurePrivateDir(config.dataDir);
  const privateRedis = await ensureRedis(config.redis, logger);
  if (privateRedis) lifecycle.onClose("private redis-server", () => privateRedis.stop());

  const db = await openDatabase(config.database, { logger });
  lifecycle.onClose("database", () => db.close());
  if (opts.migrate) {
    const applied = await db.migrate();
    if (applied.length) logger.info({ applied }, "Applied database migrations");
  }
  await db.ping();

  const redis = createRedis(config.redis, "producer");
  const workerRedis = createRedis(config.redis, "worker");
  for (const [name, client] of [
    ["redis", redis],
    ["redis (workers)", workerRedis],
  ] as const) {
    client.on("error", (err) =>
      logger.warn({ err: err.message, client: name }, "Redis connection error"),
    );
    lifecycle.onClose(name, async () => {
      await client.quit().catch(() => client.disconnect());
    });
  }
  await redis.connect();
  await checkEvictionPolicy(redis, logger);

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Every queue in QUEUE, for the job-count gauges and the /admin/queues dashboard.
  const monitor = openQueueMonitor({ connection: redis, prefix: config.queuePrefix, logger });
  lifecycle.onClose("monitored queues", () => monitor.close());
  const cacheMs = config.metrics.cacheMs;
  const queueMetrics = registerQueueMetrics({ registry, queues: monitor.queues, logger, cacheMs });
  const slaEvents = registerSlaMetrics({ registry, prisma: db.prisma, logger, cacheMs });
  if (!config.adminToken) logger.info("ADMIN_TOKEN is not set: /admin/queues stays off");
  const health = createHealthServer({
    logger,
    registry,
    limits: config.http,
    trustProxy: config.http.trustProxy,
    metricsAccess: metricsAccess(config.metrics.token),
    channels: opts.channels,
    routes: [
      queueDashboardRoute({ adminToken: config.adminToken, queues: monitor.queues, logger }),
      ...(opts.routes ?? []),
    ],
    checks: [
      { name: "database", check: () => db.ping() },
      {
        name: "redis",
        check: async () => {
          await redis.ping();
        },
      },
    ],
  });
  return {
    db,
    redis,
    workerRedis,
    registry,
    queueMetrics,
    queueFor: monitor.queueFor,
    slaEvents,
    health,
  };
}

/** Starts the HTTP server last, so /readyz only answers once all is up. */
export async function listenHealth(
  runtime: Runtime,
  config: Config,
  logger: Logger,
  lifecycle: Lifecycle,
) {
  const address = await runtime.health.listen(config.http.port, config.http.host);
  lifecycle.onClose("http", () => runtime.health.close());
  logger.info(
    { host: address.address, port: address.port },
    "HTTP server listening (/healthz, /readyz, /metrics)",
  );
  return address;
}
