// The workers' queues (routing, documents, SLA timers, conversations,
// maintenance), the outbox relay and the draft sweep: what the workers process
// runs, and what the bot process runs in-process with `--all` or on the
// embedded database.
import type { Worker } from "bullmq";
import { QUEUE } from "../../contracts/queues.ts";
import type { PrismaClient } from "../../infra/db.ts";
import { deadLetterRecorder } from "../../infra/jobs/dead-letters.ts";
import { lockTiming } from "../../infra/jobs/define-worker.ts";
import type { Logger } from "../../infra/logger.ts";
import type { QueueMetrics } from "../../infra/queue-metrics.ts";
import type { RedisClient } from "../../infra/redis.ts";
import type { Services } from "../../infra/services.ts";
import type { SlaEvents } from "../../infra/sla-metrics.ts";
import { ensureRequestForm } from "../request-form.ts";
import type { RetentionPolicy } from "../retention.ts";
import { createTimeoutSweep, startTimeoutSweep } from "./conversation-timeouts.ts";
import { conversationsWorker } from "./conversations.worker.ts";
import { documentsWorker } from "./documents.worker.ts";
import { maintenanceWorker } from "./maintenance.worker.ts";
import { startOutboxRelay } from "./outbox-relay.ts";
import { slaWorker } from "./sla.worker.ts";
import { ticketRoutingWorker } from "./ticket-routing.worker.ts";

export interface RunningWorkers {
  readonly workers: Worker[];
  /** Lets in-flight jobs finish, then closes. */
  close(): Promise<void>;
}

export async function startWorkers(deps: {
  prisma: PrismaClient;
  connection: RedisClient;
  prefix: string;
  logger: Logger;
  services: Services;
  metrics?: QueueMetrics;
  slaEvents?: SlaEvents;
  retention: RetentionPolicy;
  /** Job lock and stalled-job check (WORKER_LOCK_MS); BullMQ's 30 s without it. */
  lockMs?: number;
}): Promise<RunningWorkers> {
  const onDeadLetter = deadLetterRecorder({
    prisma: deps.prisma,
    queueFor: deps.services.queueFor,
    logger: deps.logger,
  });
  const workerDeps = {
    connection: deps.connection,
    prefix: deps.prefix,
    logger: deps.logger,
    onDeadLetter,
    ...lockTiming(deps.lockMs),
  };
  const workers = [
    maintenanceWorker({
      prisma: deps.prisma,
      cipher: deps.services.cipher,
      logger: deps.logger,
      holidays: { calendar: deps.services.calendar, queueFor: deps.services.queueFor },
    })(workerDeps),
    ticketRoutingWorker({ workflow: deps.services.workflow })(workerDeps),
    documentsWorker({
      requestForm: (ticketId) =>
        ensureRequestForm(
          {
            prisma: deps.prisma,
            cipher: deps.services.cipher,
            queueFor: deps.services.queueFor,
            logger: deps.logger,
            documents: deps.services.documents,
          },
          ticketId,
        ),
    })(workerDeps),
    slaWorker({
      prisma: deps.prisma,
      queueFor: deps.services.queueFor,
      ...(deps.slaEvents ? { events: deps.slaEvents } : {}),
    })(workerDeps),
    conversationsWorker({
      prisma: deps.prisma,
      cipher: deps.services.cipher,
      inbound: deps.services.inbound,
    })(workerDeps),
  ];

  // Schedulers are upserted by id, so every worker process may declare them.
  const maintenance = deps.services.queueFor(QUEUE.maintenance);
  await maintenance.upsertJobScheduler(
    "prune-processed-messages",
    { pattern: "15 3 * * *", tz: "Asia/Jakarta" },
    {
      name: "prune-processed-messages",
      data: { type: "prune-processed-messages", olderThanHours: 72 },
    },
  );
  await maintenance.upsertJobScheduler(
    "retention",
    { pattern: "30 2 * * *", tz: "Asia/Jakarta" },
    { name: "retention", data: { type: "retention", ...deps.retention } },
  );
  await maintenance.upsertJobScheduler(
    "holiday-check",
    { pattern: "0 7 * * *", tz: "Asia/Jakarta" },
    { name: "holiday-check", data: { type: "holiday-check" } },
  );
  // And once at start-up, at most once a day however often the process restarts.
  await maintenance.add(
    "holiday-check",
    { type: "holiday-check" },
    { jobId: `holiday-check-${new Date().toISOString().slice(0, 10)}` },
  );

  const relay = startOutboxRelay({
    prisma: deps.prisma,
    queueFor: deps.services.queueFor,
    logger: deps.logger,
  });
  const sweep = startTimeoutSweep(
    createTimeoutSweep({
      prisma: deps.prisma,
      cipher: deps.services.cipher,
      inbound: deps.services.inbound,
      logger: deps.logger,
    }),
    deps.logger,
  );

  await Promise.all(workers.map((w) => w.waitUntilReady()));
  deps.logger.info({ workers: workers.map((w) => w.name) }, "Workers started");
  return {
    workers,
    async close() {
      await sweep.close();
      await relay.close();
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
