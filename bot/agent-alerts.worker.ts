// Delivers alerts to the helpdesk staff (SLA reminders and breaches, complaints
// for the service analyst, dead letters). Runs in the process that holds the
// Telegram connection, like every other outgoing message.
import { UnrecoverableError } from "bullmq";
import {
  complaintAlertText,
  deadLetterAlertText,
  handoffAlertText,
  holidayAlertText,
  slaAlertText,
  whatsappStateAlertText,
} from "../core/content/index.ts";
import { agentAlertJobSchema, QUEUE } from "../core/contracts/queues.ts";
import { assertNever } from "../core/domain/shared/assert-never.ts";
import type { PrismaClient } from "../core/infra/db.ts";
import { defineWorker } from "../core/infra/jobs/define-worker.ts";
import { recordDeskPost } from "../core/infra/stores/desk-posts.store.ts";
import type { AgentNotifier, NotifiedPost } from "../core/ports/agent-notifier.port.ts";

/**
 * An alert that quotes a citizen (their complaint, their display name) is
 * recorded with the contact, so erasure and retention delete it from the group.
 */
async function rememberAlert(
  prisma: PrismaClient,
  post: NotifiedPost | undefined | void,
  contactId: string,
) {
  if (!post) return;
  await recordDeskPost(prisma, {
    chatId: post.chatId,
    messageId: post.messageId,
    threadId: null,
    topicId: null,
    ticketId: null,
    contactId,
    kind: "ALERT",
  });
}

export function agentAlertsWorker(deps: {
  prisma: PrismaClient;
  notifier: AgentNotifier;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  return defineWorker({
    queue: QUEUE.agentAlerts,
    schema: agentAlertJobSchema,
    async handle(alert) {
      switch (alert.type) {
        case "sla": {
          const ticket = await deps.prisma.ticket.findUnique({ where: { id: alert.ticketId } });
          if (!ticket) throw new UnrecoverableError(`ticket ${alert.ticketId} does not exist`);
          const text = slaAlertText({
            kind: alert.kind,
            ticketNumber: ticket.number,
            stage: ticket.slaStage,
            dueAt: ticket.slaDueAt,
            category: ticket.category,
            priority: ticket.priority,
            team: ticket.team,
          });
          // A breach goes to the supervisor too; a reminder only to the agents.
          await deps.notifier.notify({ text, supervisor: alert.kind === "breach" });
          return { sent: alert.kind };
        }
        case "complaint": {
          const complaint = await deps.prisma.complaint.findUnique({
            where: { id: alert.complaintId },
          });
          if (!complaint)
            throw new UnrecoverableError(`complaint ${alert.complaintId} does not exist`);
          const post = await deps.notifier.notify({
            text: complaintAlertText({
              number: complaint.number,
              channel: complaint.channel,
              text: complaint.text,
              at: complaint.createdAt,
              dueAt: complaint.dueAt,
            }),
            supervisor: false,
          });
          await rememberAlert(deps.prisma, post, complaint.contactId);
          return { sent: "complaint" };
        }
        case "handoff": {
          const contact = await deps.prisma.contact.findUnique({ where: { id: alert.contactId } });
          if (!contact) throw new UnrecoverableError(`contact ${alert.contactId} does not exist`);
          const post = await deps.notifier.notify({
            text: handoffAlertText({
              channel: contact.channel,
              displayName: contact.displayName,
              context: alert.context,
              at: alert.at ? new Date(alert.at) : now(),
            }),
            supervisor: false,
          });
          await rememberAlert(deps.prisma, post, contact.id);
          return { sent: "handoff" };
        }
        case "dead-letter": {
          const letter = await deps.prisma.deadLetter.findUnique({
            where: { id: alert.deadLetterId },
          });
          if (!letter)
            throw new UnrecoverableError(`dead letter ${alert.deadLetterId} does not exist`);
          await deps.notifier.notify({ text: deadLetterAlertText(letter), supervisor: false });
          return { sent: "dead-letter" };
        }
        case "holidays": {
          // The supervisor fixes configuration; the agents should know their deadlines are off.
          await deps.notifier.notify({ text: holidayAlertText(alert.years), supervisor: true });
          return { sent: "holidays" };
        }
        case "whatsapp-state": {
          await deps.notifier.notify({
            text: whatsappStateAlertText({
              state: alert.state,
              ...(alert.failures !== undefined ? { failures: alert.failures } : {}),
              at: new Date(alert.at),
            }),
            // Losing the helpdesk number concerns the supervisor too.
            supervisor: alert.state !== "reconnecting",
          });
          return { sent: `whatsapp-${alert.state}` };
        }
        default:
          return assertNever(alert, "agent alert");
      }
    },
  });
}
