// The raw speed of the parts the bot is built on, measured in the same run:
// a BullMQ job from add() to its processor, and a PostgreSQL transaction that
// inserts a ticket-like row and an outbox-like row, through `pg` directly.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { pace } from "./crowd.ts";
import { perSecond, type Summary, summarize } from "./stats.ts";

export interface BaselineResult {
  rate: number;
  seconds: number;
  /** Latency at the offered rate. */
  latencyMs: Summary;
  achievedPerSecond: number;
  /** As fast as it goes (pg: `concurrency` clients in a loop). */
  maxPerSecond: number;
}

/** add() to the processor's first line, at `rate` jobs a second, concurrency 8 like our senders. */
export async function rawBullmq(opts: {
  redisUrl: string;
  prefix: string;
  rate: number;
  seconds: number;
  maxJobs: number;
}): Promise<BaselineResult> {
  const connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue("raw", {
    connection,
    prefix: opts.prefix,
    defaultJobOptions: { removeOnComplete: { count: 5000 }, removeOnFail: true },
  });
  const started = new Map<string, number>();
  const latencies: number[] = [];
  let processed = 0;
  let lastProcessed = 0;
  const worker = new Worker(
    "raw",
    async (job) => {
      const t0 = started.get(job.id as string);
      const now = performance.now();
      if (t0 !== undefined) latencies.push(now - t0);
      processed++;
      lastProcessed = now;
    },
    { connection, prefix: opts.prefix, concurrency: 8 },
  );
  try {
    await worker.waitUntilReady();
    const start = performance.now();
    let sent = 0;
    await pace({
      rate: opts.rate,
      stop: () => performance.now() - start >= opts.seconds * 1000,
      dispatch: () => {
        const id = randomUUID();
        started.set(id, performance.now());
        sent++;
        void queue.add("raw", { id }, { jobId: id });
        return true;
      },
    });
    while (processed < sent) await new Promise((r) => setTimeout(r, 5));
    const latencyMs = summarize(latencies);
    const achieved = perSecond(processed, lastProcessed - start);

    // Then as fast as it goes: a batch added at once, timed to the last processed.
    const before = processed;
    const burstStart = performance.now();
    const jobs = Array.from({ length: opts.maxJobs }, () => {
      const id = randomUUID();
      return { name: "raw", data: { id }, opts: { jobId: id } };
    });
    for (let i = 0; i < jobs.length; i += 500) await queue.addBulk(jobs.slice(i, i + 500));
    while (processed - before < opts.maxJobs) await new Promise((r) => setTimeout(r, 5));
    return {
      rate: opts.rate,
      seconds: opts.seconds,
      latencyMs,
      achievedPerSecond: achieved,
      maxPerSecond: perSecond(opts.maxJobs, lastProcessed - burstStart),
    };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    connection.disconnect();
  }
}

/**
 * BEGIN; INSERT ticket; INSERT outbox; COMMIT, in scratch tables created for
 * the run and dropped after. The pool has 10 clients, like the app's.
 */
export async function rawPgTransaction(opts: {
  databaseUrl: string;
  rate: number;
  seconds: number;
  concurrency: number;
}): Promise<BaselineResult> {
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
  await pool.query(`
    CREATE TABLE bench_raw_ticket (
      id uuid PRIMARY KEY, number text NOT NULL UNIQUE, contact_id uuid NOT NULL,
      category text NOT NULL, description text NOT NULL, nik_enc bytea,
      status text NOT NULL DEFAULT 'BARU', created_at timestamptz NOT NULL DEFAULT now())`);
  await pool.query(`
    CREATE TABLE bench_raw_outbox (
      id uuid PRIMARY KEY, queue text NOT NULL, name text NOT NULL, payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'PENDING', created_at timestamptz NOT NULL DEFAULT now())`);
  let seq = 0;
  const nikEnc = Buffer.alloc(64, 7);
  const once = async () => {
    const client = await pool.connect();
    try {
      const id = randomUUID();
      await client.query("BEGIN");
      await client.query(
        "INSERT INTO bench_raw_ticket (id, number, contact_id, category, description, nik_enc) VALUES ($1, $2, $3, $4, $5, $6)",
        [
          id,
          `RAW-${process.pid}-${seq++}`,
          randomUUID(),
          "GAGAL_UNGGAH_PENAWARAN",
          "Dokumen penawaran gagal diunggah.",
          nikEnc,
        ],
      );
      await client.query(
        "INSERT INTO bench_raw_outbox (id, queue, name, payload) VALUES ($1, 'tickets', 'ticket.created', $2)",
        [randomUUID(), JSON.stringify({ ticketId: id })],
      );
      await client.query("COMMIT");
    } finally {
      client.release();
    }
  };
  try {
    const latencies: number[] = [];
    const pending: Promise<void>[] = [];
    const start = performance.now();
    let last = start;
    await pace({
      rate: opts.rate,
      stop: () => performance.now() - start >= opts.seconds * 1000,
      dispatch: () => {
        const t0 = performance.now();
        pending.push(
          once().then(() => {
            last = performance.now();
            latencies.push(last - t0);
          }),
        );
        return true;
      },
    });
    await Promise.all(pending);
    const achieved = perSecond(latencies.length, last - start);

    let done = 0;
    const loopStart = performance.now();
    const until = loopStart + opts.seconds * 1000;
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (performance.now() < until) {
          await once();
          done++;
        }
      }),
    );
    return {
      rate: opts.rate,
      seconds: opts.seconds,
      latencyMs: summarize(latencies),
      achievedPerSecond: achieved,
      maxPerSecond: perSecond(done, performance.now() - loopStart),
    };
  } finally {
    await pool.query("DROP TABLE IF EXISTS bench_raw_ticket, bench_raw_outbox");
    await pool.end();
  }
}
