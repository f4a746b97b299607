// Publishes outbox rows the fast path missed: a crash between commit and
// publish, or Redis away for a moment. Rows become jobs with their own id as
// job id, so a row published twice is still one job.
import type { PrismaClient } from "../../infra/db.ts";
import type { Logger } from "../../infra/logger.ts";
import { publishOutbox, type QueueFor } from "../../infra/stores/outbox.store.ts";

export interface OutboxRelay {
  /** One pass; returns how many rows it published. */
  runOnce(): Promise<number>;
  close(): Promise<void>;
}

export function startOutboxRelay(deps: {
  prisma: PrismaClient;
  queueFor: QueueFor;
  logger: Logger;
  intervalMs?: number;
  /** Rows younger than this are left to the fast path that is publishing them. */
  graceMs?: number;
  /** The clock delayed rows were scheduled on. */
  now?: () => Date;
}): OutboxRelay {
  const now = deps.now ?? (() => new Date());
  const interval = deps.intervalMs ?? 1000;
  const log = deps.logger.child({ component: "outbox-relay" });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const runOnce = async () => {
    let total = 0;
    for (;;) {
      const published = await publishOutbox(deps.prisma, deps.queueFor, {
        limit: 200,
        olderThan: new Date(now().getTime() - (deps.graceMs ?? 2000)),
        now,
      });
      total += published;
      if (published < 200 || stopped) break;
    }
    if (total > 0) log.info({ published: total }, "Relayed outbox rows");
    return total;
  };

  const loop = () => {
    if (stopped) return;
    running = runOnce()
      .catch((err) => log.warn({ err }, "Outbox relay pass failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, interval);
      });
  };
  timer = setTimeout(loop, interval);

  return {
    runOnce,
    async close() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
