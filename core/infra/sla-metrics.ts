// Service-time figures for /metrics: reminders and breaches as they happen,
// and how many open tickets run, wait or are overdue, counted at scrape time
// (at most once per `cacheMs`: three counts over the tickets table).
import { Counter, Gauge, type Registry } from "prom-client";
import type { PrismaClient } from "./db.ts";
import type { Logger } from "./logger.ts";
import { cachedRefresh } from "./metrics-cache.ts";

export type SlaEvents = Counter<"kind" | "stage">;

export function registerSlaMetrics(opts: {
  registry: Registry;
  prisma: PrismaClient;
  logger: Logger;
  /** Recount at most this often (0: on every scrape). */
  cacheMs?: number;
  now?: () => Date;
}): SlaEvents {
  const { registry, prisma, logger } = opts;
  const clock = opts.now ?? (() => new Date());
  const gauge = new Gauge({
    name: "helpdesk_tickets_sla",
    help: "Open tickets by service-time clock: running, paused (waiting for the user or LKPP), overdue",
    labelNames: ["state"],
    registers: [registry],
    collect: () => recount(),
  });
  const recount = cachedRefresh(opts.cacheMs ?? 0, async () => {
    try {
      const now = clock();
      const [running, paused, overdue] = await Promise.all([
        prisma.ticket.count({ where: { slaPausedAt: null, slaDueAt: { gte: now } } }),
        prisma.ticket.count({ where: { slaStage: { not: null }, slaPausedAt: { not: null } } }),
        prisma.ticket.count({ where: { slaPausedAt: null, slaDueAt: { lt: now } } }),
      ]);
      gauge.set({ state: "running" }, running);
      gauge.set({ state: "paused" }, paused);
      gauge.set({ state: "overdue" }, overdue);
    } catch (err) {
      logger.warn({ err }, "Could not count tickets for the SLA gauge");
    }
  });
  return new Counter({
    name: "helpdesk_sla_events_total",
    help: "Service-time reminders (80% of the target) and breaches, by stage",
    labelNames: ["kind", "stage"],
    registers: [registry],
  });
}
