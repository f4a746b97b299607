// One Queue handle per queue in QUEUE, for producers, the dashboard and the metrics.
// They share the runtime's producer connection (fails fast, so a scrape or a
// dashboard page never hangs on a Redis that is down) and add no clients.
import type { Queue } from "bullmq";
import { QUEUE, type QueueName } from "../contracts/queues.ts";
import type { Logger } from "./logger.ts";
import { createQueue } from "./queues.ts";
import type { RedisClient } from "./redis.ts";

export interface QueueMonitor {
  readonly queues: readonly Queue[];
  /** The same handles by name, for producers (one Queue per name per process). */
  queueFor(name: QueueName): Queue;
  /** Closes the handles; the shared connection stays open for its owner. */
  close(): Promise<void>;
}

export function openQueueMonitor(settings: {
  connection: RedisClient;
  prefix: string;
  logger: Logger;
}): QueueMonitor {
  const { connection, prefix, logger } = settings;
  const queues = Object.values(QUEUE).map((name) => {
    const queue = createQueue(name, { connection, prefix });
    // Without a listener BullMQ prints each error to the console. They repeat
    // what the connection's owner already logs as a warning, once per queue.
    queue.on("error", (err) => logger.debug({ err: err.message, queue: name }, "Queue error"));
    return queue;
  });
  const byName = new Map(queues.map((q) => [q.name as QueueName, q]));
  return {
    queues,
    queueFor(name) {
      const queue = byName.get(name);
      if (!queue) throw new Error(`unknown queue ${name}`);
      return queue;
    },
    async close() {
      await Promise.all(queues.map((q) => q.close()));
    },
  };
}
