// Jobs BullMQ gave up on are copied to `dead_letters` (once per job) and
// announced to the agents group, so nothing fails silently.
import type { Job } from "bullmq";
import { QUEUE } from "../../contracts/queues.ts";
import type { Prisma, PrismaClient } from "../db.ts";
import type { Logger } from "../logger.ts";
import { addOutbox, publishOutbox, type QueueFor } from "../stores/outbox.store.ts";

export function deadLetterRecorder(deps: {
  prisma: PrismaClient;
  queueFor: QueueFor;
  logger: Logger;
}) {
  return async (job: Job, err: Error): Promise<void> => {
    const jobId = job.id ?? "?";
    const ids = await deps.prisma.$transaction(async (tx) => {
      const { count } = await tx.deadLetter.createMany({
        data: [
          {
            queue: job.queueName,
            jobId,
            name: job.name,
            // Job data holds ids only (never personal data), so it may be kept.
            data: (job.data ?? {}) as Prisma.InputJsonValue,
            error: err.message.slice(0, 2000),
            attempts: job.attemptsMade,
          },
        ],
        skipDuplicates: true,
      });
      if (count === 0) return [];
      const row = await tx.deadLetter.findUniqueOrThrow({
        where: { queue_jobId: { queue: job.queueName, jobId } },
      });
      return [
        await addOutbox(tx, QUEUE.agentAlerts, "dead-letter", {
          type: "dead-letter",
          deadLetterId: row.id,
        }),
      ];
    });
    if (ids.length) {
      deps.logger.error({ queue: job.queueName, jobId, err }, "Job moved to the dead-letter table");
      await publishOutbox(deps.prisma, deps.queueFor, { ids });
    }
  };
}
