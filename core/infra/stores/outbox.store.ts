import type { Queue } from "bullmq";
import type { QueueName } from "../../contracts/queues.ts";
import { Prisma, type PrismaClient } from "../db.ts";
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
  return publishRows(prisma, queueFor, rows, now());
}

/** An outbox row as publishing needs it: read back, or just written by the caller. */
export interface OutboxRow {
  id: string;
  queue: string;
  name: string;
  payload: unknown;
  deliverAt: Date | null;
}

/**
 * Publishes rows the caller has (committed, still PENDING) and marks them in
 * one statement; a row already marked by the relay is left as it is (its job
 * id makes the second add a no-op). Returns how many were published.
 */
export async function publishRows(
  prisma: PrismaClient,
  queueFor: QueueFor,
  rows: readonly OutboxRow[],
  publishedAt: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  // Jobs go to Redis in parallel; the rows that made it are then marked in one
  // statement. A row whose add failed keeps its error for the relay.
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
    const ids = Prisma.join(publishedIds.map((id) => Prisma.sql`${id}::uuid`));
    await prisma.$executeRaw`UPDATE outbox_events
      SET status = 'PUBLISHED', published_at = ${publishedAt.toISOString()}::timestamptz,
          attempts = attempts + 1
      WHERE id IN (${ids}) AND status = 'PENDING'`;
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

/**
 * The fast path after a commit: the rows the caller just wrote (a message's
 * replies) are published from memory and marked in one statement; the other
 * outbox ids (a ticket's job, a hand-off) are read back first.
 */
export async function publishCommitted(
  prisma: PrismaClient,
  queueFor: QueueFor,
  committed: { rows: readonly OutboxRow[]; ids: readonly string[]; now: () => Date },
): Promise<void> {
  const known = new Set(committed.rows.map((r) => r.id));
  const others = committed.ids.filter((id) => !known.has(id));
  await publishRows(prisma, queueFor, committed.rows, committed.now());
  if (others.length > 0) {
    await publishOutbox(prisma, queueFor, { ids: others, now: committed.now });
  }
}
