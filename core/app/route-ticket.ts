// Routing a new ticket: team and priority from the routing rules, the
// helpdesk clock started from the moment it was filed, the routing event, the
// user's notification, the service-time checks and the desk's topic, in one
// transaction. The workflow (ticket-workflow.ts) publishes the jobs.
import { routedNotification } from "../content/index.ts";
import { QUEUE } from "../contracts/queues.ts";
import { route } from "../domain/routing/routing.rules.ts";
import type { RoutingConfig } from "../domain/routing/routing.schema.ts";
import type { CalendarSource } from "../domain/sla/calendar-overrides.ts";
import { startSla } from "../domain/sla/sla.clock.ts";
import { toSlaColumns } from "../domain/sla/sla.columns.ts";
import type { SlaPolicy } from "../domain/sla/sla.policy.ts";
import { UserRoleSchema } from "../domain/ticket/ticket.catalog.ts";
import type { Cipher } from "../infra/crypto.ts";
import type { PrismaClient } from "../infra/db.ts";
import { queueUserMessage } from "../infra/stores/outbound.store.ts";
import { addOutbox } from "../infra/stores/outbox.store.ts";
import { scheduleSlaChecks } from "../infra/stores/ticket-workflow.store.ts";

export interface RoutingDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  /** Read once per step: a calendar changed in the console applies from the next step on. */
  calendar: CalendarSource;
  slaPolicy: SlaPolicy;
  routing: RoutingConfig;
}

/** Routes the ticket at `at` unless it is routed already; the outbox ids to publish. */
export function routeInTransaction(
  deps: RoutingDeps,
  ticketId: string,
  at: Date,
): Promise<{ outcome: "routed" | "already routed" | "not found"; ids: string[] }> {
  return deps.prisma.$transaction(async (tx) => {
    const ticket = await tx.ticket.findUnique({
      where: { id: ticketId },
      include: { contact: true },
    });
    if (!ticket) return { outcome: "not found" as const, ids: [] };
    if (ticket.team !== null) return { outcome: "already routed" as const, ids: [] };
    const role = UserRoleSchema.safeParse(ticket.role);
    const decision = route(
      {
        category: ticket.category,
        userRole: role.success ? role.data : null,
        bidDeadline: ticket.bidDeadline,
      },
      deps.routing,
      at,
    );
    const calendar = deps.calendar.current();
    const sla = startSla("HELPDESK", ticket.createdAt, calendar, deps.slaPolicy);
    // Guarded on team IS NULL: a concurrent duplicate job routes nothing twice.
    const { count } = await tx.ticket.updateMany({
      where: { id: ticket.id, team: null },
      data: { team: decision.team, priority: decision.priority, ...toSlaColumns(sla) },
    });
    if (count === 0) return { outcome: "already routed" as const, ids: [] };
    await tx.ticketEvent.create({
      data: {
        ticketId: ticket.id,
        fromStatus: ticket.status,
        toStatus: ticket.status,
        actorType: "SYSTEM",
        actorId: "routing",
        reason: decision.reason,
        data: {
          command: "ROUTE",
          team: decision.team,
          priority: decision.priority,
          ruleId: decision.ruleId,
        },
        createdAt: at,
      },
    });
    const notice = routedNotification({
      ticketNumber: ticket.number,
      priority: decision.priority,
    });
    const ids = [
      (
        await queueUserMessage(tx, deps.cipher, ticket.contact, {
          kind: "text",
          text: ticket.language === "EN" ? notice.en : notice.id,
        })
      ).outboxId,
      ...(await scheduleSlaChecks(tx, ticket.id, sla, calendar, deps.slaPolicy, at)),
      // The request form is rendered off the routing path, on its own queue
      // (core/app/jobs/documents.worker.ts); the desk posts it when it is made.
      await addOutbox(tx, QUEUE.documents, "request-form", {
        type: "request-form",
        ticketId: ticket.id,
      }),
      // The agent desk opens the ticket's topic once it knows team and
      // priority, in its bulk lane: a burst of new tickets must not hold up
      // live conversations.
      await addOutbox(tx, QUEUE.deskBulk, "ticket.opened", {
        type: "ticket-opened",
        ticketId: ticket.id,
      }),
    ];
    return { outcome: "routed" as const, ids };
  });
}
