// The workers process: routing, notifications, SLA timers, maintenance.
import { boot } from "../core/infra/boot.ts";
import { listenHealth, startRuntime } from "../core/infra/runtime.ts";
import { createServices } from "../core/infra/services.ts";
import { startWorkers } from "./start-workers.ts";

await boot("workers", async ({ config, logger, lifecycle }) => {
  if (config.database.kind === "embedded") {
    // PGlite is a single-process database: a second process on the same files
    // would corrupt them. `npm start` already runs the workers in-process.
    throw new Error(
      "start:workers needs DATABASE_URL (PostgreSQL). Without it use `npm start`, which runs the workers in the same process.",
    );
  }
  const runtime = await startRuntime({ config, logger, lifecycle, migrate: false });
  const services = await createServices({ config, logger, runtime });
  const workers = await startWorkers({
    prisma: runtime.db.prisma,
    connection: runtime.workerRedis,
    prefix: config.queuePrefix,
    logger,
    services,
    metrics: runtime.queueMetrics,
    slaEvents: runtime.slaEvents,
    retention: config.retention,
  });
  lifecycle.onClose("workers", () => workers.close());
  await listenHealth(runtime, config, logger, lifecycle);
});
