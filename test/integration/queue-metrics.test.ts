// Queue metrics on the real Redis, read through the health server's /metrics.
import { type Job, Worker } from "bullmq";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUE } from "../../core/contracts/queues.ts";
import { createHealthServer, type HealthServer } from "../../core/infra/health-server.ts";
import { createLogger } from "../../core/infra/logger.ts";
import {
  instrumentWorker,
  JOB_STATES,
  type QueueMetrics,
  registerQueueMetrics,
} from "../../core/infra/queue-metrics.ts";
import { openQueueMonitor, type QueueMonitor } from "../../core/infra/queue-monitor.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { TEST_REDIS_URL } from "../support/env.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("queue-metrics");
const logger = createLogger({ level: "silent" }, { write: () => {} });

let producer: Redis;
let workerConnection: Redis;
let monitor: QueueMonitor;
let metrics: QueueMetrics;
let server: HealthServer;
let base: string;

beforeAll(async () => {
  producer = createRedis(TEST_REDIS_URL, "producer");
  await producer.connect();
  workerConnection = createRedis(TEST_REDIS_URL, "worker");
  monitor = openQueueMonitor({ connection: producer, prefix, logger });
  const registry = new Registry();
  metrics = registerQueueMetrics({ registry, queues: monitor.queues, logger });
  server = createHealthServer({ logger, registry, checks: [] });
  const { port } = await server.listen(0, "127.0.0.1");
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server.close();
  await monitor.close();
  await producer.quit();
  await workerConnection.quit();
  await deleteKeys(prefix);
});

async function scrape(): Promise<string> {
  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of one sample line, e.g. `name{a="b"} 3`, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const queueFor = (name: string) => {
  const queue = monitor.queues.find((q) => q.name === name);
  if (!queue) throw new Error(`no queue ${name}`);
  return queue;
};

describe("queue metrics", () => {
  it("reports the job counts of every queue and state at scrape time", async () => {
    await queueFor(QUEUE.sla).add("check", { ticketId: "c-1" });
    await queueFor(QUEUE.sla).add("check", { ticketId: "c-2" });
    await queueFor(QUEUE.handoffs).add("handoff", { ticketId: "t-1" }, { delay: 60_000 });
    await queueFor(QUEUE.handoffs).add("handoff", { ticketId: "t-2" }, { priority: 5 });

    const text = await scrape();
    const jobs = (queue: string, state: string) =>
      sample(text, `helpdesk_queue_jobs{queue="${queue}",state="${state}"}`);
    expect(jobs(QUEUE.sla, "waiting")).toBe(2);
    expect(jobs(QUEUE.handoffs, "delayed")).toBe(1);
    expect(jobs(QUEUE.handoffs, "prioritized")).toBe(1);
    expect(jobs(QUEUE.handoffs, "waiting")).toBe(0);
    for (const queue of Object.values(QUEUE)) {
      for (const state of JOB_STATES)
        expect(jobs(queue, state), `${queue} ${state}`).toBeTypeOf("number");
    }
    expect(jobs(QUEUE.tickets, "active")).toBe(0);

    // Counts follow the queue: a scrape reads Redis again.
    await queueFor(QUEUE.sla).add("check", { ticketId: "c-3" });
    expect(sample(await scrape(), `helpdesk_queue_jobs{queue="sla",state="waiting"}`)).toBe(3);
  });

  it("times and counts the jobs an instrumented worker processes, and its failures", async () => {
    const worker = new Worker(
      QUEUE.tickets,
      async (job: Job) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        if (job.data.fail) throw new Error("simulated failure");
        return "ok";
      },
      { connection: workerConnection, prefix },
    );
    const detach = instrumentWorker(worker, metrics);
    let completed = 0;
    let failed = 0;
    const settled = new Promise<void>((resolve) => {
      const check = () => {
        if (completed === 1 && failed === 2) resolve();
      };
      // Registered after instrumentWorker's listeners, so those have run by then.
      worker.on("completed", () => {
        completed++;
        check();
      });
      worker.on("failed", () => {
        failed++;
        check();
      });
    });
    try {
      const tickets = queueFor(QUEUE.tickets);
      await tickets.add("ticket.created", { ticketId: "t-ok" });
      // Two attempts: the first failure is retried, the second one is final.
      await tickets.add(
        "ticket.created",
        { ticketId: "t-bad", fail: true },
        { attempts: 2, backoff: { type: "fixed", delay: 10 } },
      );
      await settled;
    } finally {
      detach();
      await worker.close();
    }

    const text = await scrape();
    const tickets = `queue="tickets"`;
    expect(
      sample(text, `helpdesk_queue_job_duration_seconds_count{${tickets},status="completed"}`),
    ).toBe(1);
    expect(
      sample(text, `helpdesk_queue_job_duration_seconds_count{${tickets},status="failed"}`),
    ).toBe(2);
    const completedSum = sample(
      text,
      `helpdesk_queue_job_duration_seconds_sum{${tickets},status="completed"}`,
    );
    expect(completedSum).toBeGreaterThanOrEqual(0.025);
    expect(completedSum).toBeLessThan(5);
    expect(
      sample(
        text,
        `helpdesk_queue_job_duration_seconds_bucket{le="+Inf",${tickets},status="failed"}`,
      ),
    ).toBe(2);
    // Wait is measured on first attempts only: the good job and the bad job's first try.
    expect(sample(text, `helpdesk_queue_job_wait_seconds_count{${tickets}}`)).toBe(2);
    expect(sample(text, `helpdesk_queue_job_wait_seconds_sum{${tickets}}`)).toBeLessThan(5);
    expect(sample(text, `helpdesk_queue_job_failures_total{${tickets},final="false"}`)).toBe(1);
    expect(sample(text, `helpdesk_queue_job_failures_total{${tickets},final="true"}`)).toBe(1);
    expect(sample(text, `helpdesk_queue_jobs{${tickets},state="completed"}`)).toBe(1);
    expect(sample(text, `helpdesk_queue_jobs{${tickets},state="failed"}`)).toBe(1);
    expect(sample(text, `helpdesk_queue_jobs{${tickets},state="active"}`)).toBe(0);
  });

  it("does not count a job's own delay as time waiting for a worker", async () => {
    const worker = new Worker(QUEUE.maintenance, async () => "ok", {
      connection: workerConnection,
      prefix,
    });
    const detach = instrumentWorker(worker, metrics);
    const done = new Promise<void>((resolve) => worker.once("completed", () => resolve()));
    try {
      await worker.waitUntilReady();
      await queueFor(QUEUE.maintenance).add("later", { n: 1 }, { delay: 1500 });
      await done;
    } finally {
      detach();
      await worker.close();
    }
    const text = await scrape();
    const wait = (part: string) => sample(text, `helpdesk_queue_job_wait_seconds_${part}`);
    expect(wait(`count{queue="maintenance"}`)).toBe(1);
    // Added 1.5 s before it was due; only the time after that counts.
    expect(wait(`sum{queue="maintenance"}`)).toBeLessThan(1);
  });

  it("still answers /metrics, without queue counts, when Redis cannot be read", async () => {
    // Nothing listens on port 1: the client keeps trying, the scrape gives up.
    const gone = createRedis("redis://127.0.0.1:1", "producer");
    gone.on("error", () => {});
    const lines: string[] = [];
    const watched = createLogger({ level: "warn" }, { write: (line: string) => lines.push(line) });
    const cut = openQueueMonitor({ connection: gone, prefix, logger: watched });
    const registry = new Registry();
    registerQueueMetrics({ registry, queues: cut.queues, logger: watched, timeoutMs: 500 });
    const text = await registry.metrics();
    expect(text).toContain("# TYPE helpdesk_queue_jobs gauge");
    expect(text).not.toContain("helpdesk_queue_jobs{");
    // One warning for the whole scrape, naming the queues it could not read.
    const warnings = lines.filter((l) => l.includes("Could not read queue job counts"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(QUEUE.tickets);
    gone.disconnect();
    await cut.close();
  });

  it("reads the job counts once per cache period, not on every scrape", async () => {
    const own = openQueueMonitor({ connection: producer, prefix, logger });
    let reads = 0;
    for (const queue of own.queues) {
      const read = queue.getJobCounts.bind(queue);
      queue.getJobCounts = (...states) => {
        reads++;
        return read(...states);
      };
    }
    const registry = new Registry();
    registerQueueMetrics({ registry, queues: own.queues, logger, cacheMs: 15_000 });
    for (let i = 0; i < 4; i++) {
      expect(await registry.metrics()).toContain(`helpdesk_queue_jobs{queue="${QUEUE.tickets}"`);
    }
    expect(reads).toBe(own.queues.length);
    await own.close();
  });
});
