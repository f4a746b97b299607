import type { Job, Worker } from "bullmq";
import { outboundJobSchema } from "../core/contracts/messages.ts";
import type { PrismaClient } from "../core/infra/db.ts";
import { deadLetterRecorder } from "../core/infra/jobs/dead-letters.ts";
import { lockTiming } from "../core/infra/jobs/define-worker.ts";
import type { Logger } from "../core/infra/logger.ts";
import type { QueueMetrics } from "../core/infra/queue-metrics.ts";
import type { RedisClient } from "../core/infra/redis.ts";
import type { Services } from "../core/infra/services.ts";
import { redisAcceptedSends } from "../core/infra/stores/accepted-sends.store.ts";
import type { OutboundChannel } from "../core/ports/channel.port.ts";
import { outboundSendWorker } from "./outbound-send.worker.ts";

export interface OutboundSenders {
  /** One per channel, in the order the channels were given. */
  workers: Worker[];
  close(): Promise<void>;
}

/** One sender per channel this process holds; only it may talk on that channel. */
export async function startOutboundSenders(deps: {
  prisma: PrismaClient;
  services: Services;
  connection: RedisClient;
  prefix: string;
  logger: Logger;
  metrics?: QueueMetrics;
  channels: OutboundChannel[];
  /** Job lock and stalled-job check (WORKER_LOCK_MS). */
  lockMs?: number;
}): Promise<OutboundSenders> {
  const accepted = redisAcceptedSends({ redis: deps.connection, prefix: deps.prefix });
  const recordDeadLetter = deadLetterRecorder({
    prisma: deps.prisma,
    queueFor: deps.services.queueFor,
    logger: deps.logger,
  });
  // A send given up on (a stalled job too) is FAILED, so the contact's later
  // messages stop waiting for it (the sender keeps each chat in order).
  const givenUp = async (job: Job, err: Error) => {
    const parsed = outboundJobSchema.safeParse(job.data);
    if (parsed.success) {
      await deps.prisma.outboundMessage.updateMany({
        where: { id: parsed.data.outboundMessageId, status: "PENDING" },
        data: { status: "FAILED" },
      });
    }
    await recordDeadLetter(job, err);
  };
  const workers = deps.channels.map((channel) =>
    outboundSendWorker({
      prisma: deps.prisma,
      cipher: deps.services.cipher,
      channel,
      accepted,
      logger: deps.logger,
    })({
      connection: deps.connection,
      prefix: deps.prefix,
      logger: deps.logger,
      onDeadLetter: givenUp,
      ...(deps.metrics ? { metrics: deps.metrics } : {}),
      ...lockTiming(deps.lockMs),
    }),
  );
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
