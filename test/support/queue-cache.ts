// One BullMQ queue per name on a test's Redis connection and prefix, made on
// first use (an inbound handler's queueFor), and closed together at the end.
import type { Queue } from "bullmq";
import type { QueueName } from "../../core/contracts/queues.ts";
import { createQueue } from "../../core/infra/queues.ts";
import type { Redis } from "../../core/infra/redis.ts";

export function queueCache(connection: () => Redis, prefix: string) {
  const queues = new Map<QueueName, Queue>();
  return {
    queueFor(name: QueueName): Queue {
      let queue = queues.get(name);
      if (!queue) {
        queue = createQueue(name, { connection: connection(), prefix });
        queues.set(name, queue);
      }
      return queue;
    },
    get: (name: QueueName) => queues.get(name),
    closeAll: () => Promise.all([...queues.values()].map((q) => q.close())),
  };
}
