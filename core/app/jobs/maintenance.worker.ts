import { maintenanceJobSchema, QUEUE } from "../../contracts/queues.ts";
import { assertNever } from "../../domain/shared/assert-never.ts";
import type { CalendarSource } from "../../domain/sla/calendar-overrides.ts";
import { yearsWithoutHolidays } from "../../domain/sla/holiday-coverage.ts";
import type { Cipher } from "../../infra/crypto.ts";
import type { PrismaClient } from "../../infra/db.ts";
import { defineWorker } from "../../infra/jobs/define-worker.ts";
import type { Logger } from "../../infra/logger.ts";
import { addOutbox, publishOutbox, type QueueFor } from "../../infra/stores/outbox.store.ts";
import { finishErasure } from "../privacy-erasure.ts";
import { applyRetention } from "../retention.ts";

export function maintenanceWorker(deps: {
  prisma: PrismaClient;
  cipher: Cipher;
  logger?: Logger;
  now?: () => Date;
  /** For the holiday check: the calendar to inspect and where its alert goes. */
  holidays?: { calendar: CalendarSource; queueFor: QueueFor };
}) {
  const now = deps.now ?? (() => new Date());
  return defineWorker({
    queue: QUEUE.maintenance,
    schema: maintenanceJobSchema,
    async handle(job) {
      switch (job.type) {
        case "prune-processed-messages": {
          const cutoff = new Date(now().getTime() - job.olderThanHours * 3600_000);
          const { count } = await deps.prisma.processedMessage.deleteMany({
            where: { processedAt: { lt: cutoff } },
          });
          return { pruned: count };
        }
        case "retention": {
          const report = await applyRetention(deps, job, now());
          deps.logger?.info({ ...report, policy: job }, "Retention: purged what the schedule says");
          return report;
        }
        case "holiday-check": {
          if (!deps.holidays) return { skipped: "no calendar in this process" };
          const years = yearsWithoutHolidays(deps.holidays.calendar.current(), now());
          if (years.length === 0) return { missing: [] };
          const id = await deps.prisma.$transaction((tx) =>
            addOutbox(tx, QUEUE.agentAlerts, "holidays.missing", { type: "holidays", years }),
          );
          await publishOutbox(deps.prisma, deps.holidays.queueFor, { ids: [id], now });
          deps.logger?.warn({ years }, "No holidays configured for these years; agents told");
          return { missing: years };
        }
        case "erasure-finish": {
          const outcome = await finishErasure(deps, job.requestId, now());
          // Thrown to be retried with backoff; the daily retention finishes it otherwise.
          if (outcome === "waiting")
            throw new Error("the final notice or the agents group cleanup is not done yet");
          return { outcome };
        }
        default:
          return assertNever(job, "maintenance job");
      }
    },
  });
}
