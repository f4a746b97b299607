// Runs the delayed service-time checks: at 80% of a stage's target the agents
// get a reminder, at the due time a breach alert (the supervisor too). A check
// whose clock has moved since it was scheduled (the ticket went on, or waits
// for the user) is stale and does nothing.
import type { Counter } from "prom-client";
import { QUEUE, slaCheckJobSchema } from "../../contracts/queues.ts";
import type { PrismaClient } from "../../infra/db.ts";
import { defineWorker } from "../../infra/jobs/define-worker.ts";
import { addOutbox, publishOutbox, type QueueFor } from "../../infra/stores/outbox.store.ts";

export function slaWorker(deps: {
  prisma: PrismaClient;
  queueFor: QueueFor;
  events?: Counter<"kind" | "stage">;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  return defineWorker({
    queue: QUEUE.sla,
    schema: slaCheckJobSchema,
    concurrency: 4,
    async handle({ ticketId, kind, dueAt }) {
      const result = await deps.prisma.$transaction(async (tx) => {
        const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
        if (!ticket || ticket.slaPausedAt !== null || ticket.slaDueAt?.toISOString() !== dueAt) {
          return { outcome: "stale" as const };
        }
        const column = kind === "reminder" ? "slaRemindedAt" : "slaBreachedAt";
        const { count } = await tx.ticket.updateMany({
          where: { id: ticketId, slaDueAt: ticket.slaDueAt, [column]: null },
          data: { [column]: now() },
        });
        if (count === 0) return { outcome: "already done" as const };
        const alertId = await addOutbox(tx, QUEUE.agentAlerts, `sla.${kind}`, {
          type: "sla",
          ticketId,
          kind,
        });
        return { outcome: kind, alertId, stage: ticket.slaStage ?? "?" };
      });
      if (result.outcome === "reminder" || result.outcome === "breach") {
        deps.events?.inc({ kind: result.outcome, stage: result.stage });
        await publishOutbox(deps.prisma, deps.queueFor, { ids: [result.alertId] });
      }
      return { outcome: result.outcome };
    },
  });
}
