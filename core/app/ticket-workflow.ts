// The ticket along the official procedure: routing a new ticket (its
// transaction is route-ticket.ts), and every status change by an agent, the
// user or the system. Each step commits its ticket columns, its event, the
// user's notification and the service-time checks together, then publishes
// the jobs.
import type { Logger } from "pino";
import { type Localized, statusChangedNotification } from "../content/index.ts";
import { QUEUE } from "../contracts/queues.ts";
import { err, ok, type Result } from "../domain/shared/result.ts";
import { fromSlaColumns, toSlaColumns } from "../domain/sla/sla.columns.ts";
import { applySlaTransition } from "../domain/sla/sla.transition.ts";
import type { Actor } from "../domain/ticket/ticket.actor.ts";
import type { TicketCommand } from "../domain/ticket/ticket.commands.ts";
import type { TransitionError } from "../domain/ticket/ticket.errors.ts";
import { resumeStatusFromEvents } from "../domain/ticket/ticket.events.ts";
import { transition } from "../domain/ticket/ticket.lifecycle.ts";
import type { LifecyclePolicy } from "../domain/ticket/ticket.policy.ts";
import { queueUserMessage } from "../infra/stores/outbound.store.ts";
import { addOutbox, publishOutbox, type QueueFor } from "../infra/stores/outbox.store.ts";
import { scheduleSlaChecks, slaColumnsChanged } from "../infra/stores/ticket-workflow.store.ts";
import type { Tx } from "../infra/stores/tx.ts";
import { type RoutingDeps, routeInTransaction } from "./route-ticket.ts";

export interface WorkflowDeps extends RoutingDeps {
  queueFor: QueueFor;
  logger: Logger;
  lifecyclePolicy: LifecyclePolicy;
  now?: () => Date;
}

export type StatusChangeError =
  | TransitionError
  | { code: "TICKET_NOT_FOUND"; message: string; messageEn: string }
  | { code: "CONCURRENT_CHANGE"; message: string; messageEn: string };

const textIn = (language: "ID" | "EN", text: Localized) => (language === "EN" ? text.en : text.id);

/**
 * The user's conversation learns the new status (what the user then sends is
 * relayed to an open ticket only); a resolved ticket is asked its satisfaction
 * survey once: the SurveyResponse row is unique per ticket, so resolving again
 * asks nothing. An applicant notified by e-mail is not asked: the e-mail
 * channel only sends, so the survey's answers could never come back.
 */
async function tellConversation(tx: Tx, ticketId: string, status: string): Promise<string[]> {
  const ids = [
    await addOutbox(tx, QUEUE.conversations, "ticket.status", { type: "ticket-status", ticketId }),
  ];
  if (status === "SELESAI" && !(await onlyNotifiedByEmail(tx, ticketId))) {
    const { count } = await tx.surveyResponse.createMany({
      data: [{ ticketId, answers: [] }],
      skipDuplicates: true,
    });
    if (count === 1) {
      ids.push(
        await addOutbox(tx, QUEUE.conversations, "survey.start", {
          type: "survey-start",
          ticketId,
        }),
      );
    }
  }
  return ids;
}

async function onlyNotifiedByEmail(tx: Tx, ticketId: string): Promise<boolean> {
  const ticket = await tx.ticket.findUnique({
    where: { id: ticketId },
    select: { contact: { select: { channel: true } } },
  });
  return ticket?.contact.channel === "EMAIL";
}

export function createTicketWorkflow(deps: WorkflowDeps) {
  const now = deps.now ?? (() => new Date());
  const log = deps.logger.child({ component: "ticket-workflow" });

  async function publish(ids: string[]) {
    await publishOutbox(deps.prisma, deps.queueFor, { ids, now }).catch((e) =>
      log.warn({ err: e }, "Fast publish failed; the outbox relay will retry"),
    );
  }

  /**
   * Assigns team and priority to a new ticket and starts the helpdesk clock
   * from the moment it was filed. Running it again changes nothing.
   */
  async function routeTicket(ticketId: string): Promise<"routed" | "already routed" | "not found"> {
    const result = await routeInTransaction(deps, ticketId, now());
    await publish(result.ids);
    return result.outcome;
  }

  async function loadSnapshot(tx: Tx, ticketId: string) {
    const ticket = await tx.ticket.findUnique({
      where: { id: ticketId },
      include: { contact: true },
    });
    if (!ticket) return null;
    const waiting = ticket.status === "MENUNGGU_PENGGUNA" || ticket.status === "ESKALASI_LKPP";
    const events = waiting
      ? await tx.ticketEvent.findMany({
          where: { ticketId },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { fromStatus: true, toStatus: true },
        })
      : [];
    return {
      ticket,
      snapshot: {
        status: ticket.status,
        contactId: ticket.contactId,
        team: ticket.team,
        resumeStatus: waiting ? resumeStatusFromEvents(events) : null,
        resolvedAt: ticket.resolvedAt,
      },
    };
  }

  /** One step of the procedure; refused steps change nothing and say why. */
  async function changeStatus(input: {
    ticketId: string;
    command: TicketCommand;
    actor: Actor;
  }): Promise<Result<{ status: string; eventId: string }, StatusChangeError>> {
    const at = now();
    const result = await deps.prisma.$transaction(async (tx) => {
      const loaded = await loadSnapshot(tx, input.ticketId);
      if (!loaded) {
        return err<StatusChangeError>({
          code: "TICKET_NOT_FOUND",
          message: "Tiket tidak ditemukan.",
          messageEn: "Ticket not found.",
        });
      }
      const { ticket, snapshot } = loaded;
      const step = transition(snapshot, input.command, input.actor, at, deps.lifecyclePolicy);
      if (!step.ok) return err<StatusChangeError>(step.error);
      const { event, changes, status } = step.value;
      const before = fromSlaColumns(ticket);
      const calendar = deps.calendar.current();
      const sla = applySlaTransition(before, event, calendar, deps.slaPolicy);
      const clockMoved = slaColumnsChanged(before, sla);
      // Guarded on the status we read: a step taken meanwhile by someone else
      // makes this one fail instead of overwriting it.
      const { count } = await tx.ticket.updateMany({
        where: { id: ticket.id, status: ticket.status },
        data: {
          status,
          ...changes,
          ...toSlaColumns(sla),
          ...(clockMoved ? { slaRemindedAt: null } : {}),
        },
      });
      if (count === 0) {
        return err<StatusChangeError>({
          code: "CONCURRENT_CHANGE",
          message: "Tiket baru saja diubah petugas lain; mohon periksa statusnya lalu ulangi.",
          messageEn: "Someone else just changed this ticket; check its status and try again.",
        });
      }
      const saved = await tx.ticketEvent.create({
        data: { ticketId: ticket.id, ...event, data: event.data },
        select: { id: true },
      });
      const notification = statusChangedNotification({
        ticketNumber: ticket.number,
        status,
        reason: event.reason,
        lkppTicketNumber: changes.lkppTicketNumber ?? null,
      });
      const ids = [
        (
          await queueUserMessage(tx, deps.cipher, ticket.contact, {
            kind: "text",
            text: textIn(ticket.language, notification),
          })
        ).outboxId,
        ...(clockMoved
          ? await scheduleSlaChecks(tx, ticket.id, sla, calendar, deps.slaPolicy, at)
          : []),
        // The desk renames the ticket's topic and posts the step there.
        await addOutbox(tx, QUEUE.desk, "ticket.changed", {
          type: "ticket-changed",
          ticketId: ticket.id,
          eventId: saved.id,
        }),
        ...(status === ticket.status ? [] : await tellConversation(tx, ticket.id, status)),
      ];
      return ok({ status, eventId: saved.id, ids });
    });
    if (!result.ok) return result;
    await publish(result.value.ids);
    return ok({ status: result.value.status, eventId: result.value.eventId });
  }

  return { routeTicket, changeStatus, publish };
}

export type TicketWorkflow = ReturnType<typeof createTicketWorkflow>;
