import type { Queue } from "bullmq";
import type { QueueName } from "../../contracts/queues.ts";
import type { Prisma, PrismaClient } from "../db.ts";
import type { Tx } from "./tx.ts";

/**
 * Records a job to publish, in the same transaction as the change it
 * announces. The row id becomes the BullMQ job id, so publishing twice (the
 * fast path and the relay racing, or a crash before the row is marked) adds
 * the job once.
 */
export async function addOutbox(
  tx: Tx,
  queue: QueueName,
  name: string,
  payload: Prisma.InputJsonObject,
  options: { deliverAt?: Date } = {},
): Promise<string> {
  const row = await tx.outboxEvent.create({
    data: { queue, name, payload, deliverAt: options.deliverAt ?? null },
    select: { id: true },
  });
  return row.id;
}

export type QueueFor = (name: QueueName) => Queue;

/**
 * Publishes pending outbox rows (the given ones, or the oldest batch) and
 * marks them. Returns how many were published. A row whose publish fails stays
 * PENDING with its error, for the relay's next pass.
 */
export async function publishOutbox(
  prisma: PrismaClient,
  queueFor: QueueFor,
  options: {
    ids?: readonly string[];
    limit?: number;
    olderThan?: Date;
    /**
     * The clock the due times were computed on (the caller's injected one):
     * a delayed row waits `deliverAt - now()`, so a frozen or skewed clock in
     * the caller never shifts a reminder by the host's real time.
     */
    now?: () => Date;
  } = {},
): Promise<number> {
  const now = options.now ?? (() => new Date());
  if (options.ids?.length === 0) return 0;
  const rows = await prisma.outboxEvent.findMany({
    where: {
      status: "PENDING",
      ...(options.ids ? { id: { in: [...options.ids] } } : {}),
      ...(options.olderThan ? { createdAt: { lt: options.olderThan } } : {}),
    },
    orderBy: { createdAt: "asc" },
    take: options.limit ?? 200,
  });
  // Jobs go to Redis in parallel; the rows that made it are then marked in one
  // statement. A row whose add failed keeps its error for the relay.
  const publishedAt = now();
  const results = await Promise.allSettled(
    rows.map((row) => {
      const delay = row.deliverAt
        ? Math.max(0, row.deliverAt.getTime() - publishedAt.getTime())
        : 0;
      return queueFor(row.queue as QueueName).add(row.name, row.payload, {
        jobId: row.id,
        ...(delay > 0 ? { delay } : {}),
      });
    }),
  );
  const publishedIds = rows
    .filter((_, i) => results[i]?.status === "fulfilled")
    .map((row) => row.id);
  if (publishedIds.length > 0) {
    await prisma.outboxEvent.updateMany({
      where: { id: { in: publishedIds }, status: "PENDING" },
      data: { status: "PUBLISHED", publishedAt, attempts: { increment: 1 } },
    });
  }
  for (const [i, result] of results.entries()) {
    const row = rows[i];
    if (result.status === "rejected" && row) {
      await prisma.outboxEvent.update({
        where: { id: row.id },
        data: {
          attempts: { increment: 1 },
          lastError: String(result.reason?.message ?? result.reason),
        },
      });
    }
  }
  const published = publishedIds.length;
  return published;
}
