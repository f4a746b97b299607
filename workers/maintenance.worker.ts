import { maintenanceJobSchema, QUEUE } from "../core/contracts/queues.ts";
import { assertNever } from "../core/domain/shared/assert-never.ts";
import type { PrismaClient } from "../core/infra/db.ts";
import { defineWorker } from "./define-worker.ts";

export function maintenanceWorker(deps: { prisma: PrismaClient; now?: () => Date }) {
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
        default:
          return assertNever(job.type, "maintenance job");
      }
    },
  });
}
