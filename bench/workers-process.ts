// A workers process for the bench, started as a child with an IPC channel:
// what `npm run start:workers` runs (runtime, services, startWorkers), minus
// the HTTP server, plus a routing concurrency of the bench's choosing. It
// says "ready" once its workers listen and reports its peak RSS on "stop".

import { loadConfig } from "../core/config.ts";
import { QUEUE } from "../core/contracts/queues.ts";
import { createLifecycle } from "../core/infra/lifecycle.ts";
import { createLogger } from "../core/infra/logger.ts";
import { startWorkersRole } from "../workers/workers-role.ts";

export type ParentMessage = { type: "stop" };
export type ChildMessage =
  | { type: "ready"; pid: number }
  | { type: "stopped"; pid: number; maxRssBytes: number; cpuMs: number };

const send = (message: ChildMessage) => process.send?.(message);

const config = loadConfig(process.env);
const logger = createLogger({ level: config.logLevel, name: "bench-workers" });
const lifecycle = createLifecycle(logger, 15_000);
const { workers } = await startWorkersRole({ config, logger, lifecycle });
const concurrency = Number(process.env.BENCH_ROUTING_CONCURRENCY ?? "0");
if (concurrency > 0) {
  for (const worker of workers.workers)
    if (worker.name === QUEUE.tickets) worker.concurrency = concurrency;
}

process.on("message", (message: ParentMessage) => {
  if (message.type !== "stop") return;
  void lifecycle.shutdown("bench done").then(() => {
    const usage = process.resourceUsage();
    send({
      type: "stopped",
      pid: process.pid,
      maxRssBytes: usage.maxRSS * 1024,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    });
    process.disconnect();
  });
});
send({ type: "ready", pid: process.pid });
