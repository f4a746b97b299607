import { type RunningWorkers, startWorkers } from "../core/app/jobs/start-workers.ts";
import type { Config } from "../core/config.ts";
import type { Lifecycle } from "../core/infra/lifecycle.ts";
import type { Logger } from "../core/infra/logger.ts";
import { type Runtime, startRuntime } from "../core/infra/runtime.ts";
import { createServices } from "../core/infra/services.ts";

/**
 * The workers role on its own (`npm run start:workers`, the bench's workers
 * processes): the runtime without migrations, the services and every worker,
 * closed with the lifecycle.
 */
export async function startWorkersRole(ctx: {
  config: Config;
  logger: Logger;
  lifecycle: Lifecycle;
}): Promise<{ runtime: Runtime; workers: RunningWorkers }> {
  const { config, logger, lifecycle } = ctx;
  const runtime = await startRuntime({ config, logger, lifecycle, migrate: false });
  const services = await createServices({ config, logger, runtime });
  lifecycle.onClose("help articles", () => services.knowledge?.close());
  lifecycle.onClose("office calendar", () => services.calendar.close());
  const workers = await startWorkers({
    prisma: runtime.db.prisma,
    connection: runtime.workerRedis,
    prefix: config.queuePrefix,
    logger,
    services,
    metrics: runtime.queueMetrics,
    slaEvents: runtime.slaEvents,
    retention: config.retention,
    lockMs: config.workerLockMs,
  });
  lifecycle.onClose("workers", () => workers.close());
  return { runtime, workers };
}
