// Scale-out: the same backlog of new tickets routed by one workers process,
// then by two, each a child process running startWorkers. The backlog waits
// in a paused queue until every process is ready, so the clock measures the
// routing and nothing of the start-up.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { QUEUE } from "../core/contracts/queues.ts";
import type { Database } from "../core/infra/db.ts";
import type { Services } from "../core/infra/services.ts";
import { resolveContact } from "../core/infra/stores/contact.store.ts";
import { publishOutbox } from "../core/infra/stores/outbox.store.ts";
import { createTicket } from "../core/infra/stores/ticket.store.ts";
import type { CapturingChannel } from "./capture.ts";
import { startWorkerChild } from "./children.ts";
import { ROUTED_MARKER } from "./intake.script.ts";
import { perSecond } from "./stats.ts";

export interface ScaleOutRun {
  processes: number;
  routingConcurrency: number;
  tickets: number;
  /** Routed within the run's two minutes (all of them, unless the machine was too slow). */
  routed: number;
  routedPerSecond: number;
  /** Until the routed notification of the last ticket reached the channel (the bot process sends them). */
  notifiedPerSecond: number;
  routedMs: number;
  maxRssBytes: number[];
  cpuMs: number[];
}

async function fileTickets(db: Database, services: Services, count: number, runId: string) {
  const ids: string[] = [];
  const outboxIds: string[] = [];
  const externalIds: string[] = [];
  const at = new Date();
  for (let i = 0; i < count; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, async (_, j) => {
        const externalId = `bench:${runId}:scale:${i + j}`;
        const contact = await db.prisma.$transaction((tx) =>
          resolveContact(tx, services.cipher, "CONSOLE", { externalId }),
        );
        const created = await db.prisma.$transaction((tx) =>
          createTicket(
            tx,
            services.cipher,
            contact,
            {
              category: "GAGAL_UNGGAH_PENAWARAN",
              name: "Siti Aminah",
              nik: "6171054101900001",
              role: "PENYEDIA",
              organisation: "CV Kapuas",
              email: "siti@example.com",
              phone: "+6281234567890",
              tenderCode: "10012345000",
              bidDeadline: new Date(at.getTime() + 4 * 24 * 3600 * 1000).toISOString(),
              description: "Dokumen penawaran gagal diunggah, muncul pesan error saat upload.",
              actingForOther: false,
              attachments: [],
              consentAt: at.toISOString(),
              language: "id",
            },
            at,
          ),
        );
        ids.push(created.ticketId);
        outboxIds.push(created.outboxId);
        externalIds.push(externalId);
      }),
    );
  }
  return { ids, outboxIds, externalIds };
}

export async function runScaleOut(opts: {
  db: Database;
  services: Services;
  capture: CapturingChannel;
  env: Record<string, string>;
  logFd: number;
  processes: number;
  routingConcurrency: number;
  tickets: number;
}): Promise<ScaleOutRun> {
  const { db, services, capture } = opts;
  const batch = await fileTickets(db, services, opts.tickets, randomUUID().slice(0, 8));
  const tickets = services.queueFor(QUEUE.tickets);
  await tickets.pause();
  for (let i = 0; i < batch.outboxIds.length; i += 200) {
    await publishOutbox(db.prisma, services.queueFor, { ids: batch.outboxIds.slice(i, i + 200) });
  }
  const children = await Promise.all(
    Array.from({ length: opts.processes }, () =>
      startWorkerChild(opts.env, opts.routingConcurrency, opts.logFd),
    ),
  );
  const start = performance.now();
  await tickets.resume();
  // A run that cannot finish in two minutes reports the rate it reached.
  const deadline = start + 120_000;
  let routed = 0;
  let routedAt = Number.NaN;
  while (performance.now() < deadline) {
    routed = await db.prisma.ticket.count({
      where: { id: { in: batch.ids }, team: { not: null } },
    });
    routedAt = performance.now();
    if (routed === batch.ids.length) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  let notified = 0;
  let notifiedAt = Number.NaN;
  while (performance.now() < deadline + 30_000) {
    const times = batch.externalIds.flatMap((id) => {
      const at = capture.sentTo(id).find((s) => s.text.includes(ROUTED_MARKER))?.at;
      return at === undefined ? [] : [at];
    });
    notified = times.length;
    notifiedAt = times.length ? Math.max(...times) : Number.NaN;
    if (notified === batch.externalIds.length) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const stopped = await Promise.all(children.map((c) => c.stop()));
  return {
    processes: opts.processes,
    routingConcurrency: opts.routingConcurrency,
    tickets: opts.tickets,
    routed,
    routedPerSecond: perSecond(routed, routedAt - start),
    notifiedPerSecond: perSecond(notified, notifiedAt - start),
    routedMs: routedAt - start,
    maxRssBytes: stopped.map((s) => s.maxRssBytes),
    cpuMs: stopped.map((s) => s.cpuMs),
  };
}
