// Delivers system events into users' conversations: a ticket's new status
// (so the engine knows which ticket is open and relays to it), the start of
// a resolved ticket's satisfaction survey, and the end of a hand-off's
// service time (has an agent answered?). The job id (the outbox row id) is
// the dedupe key, so a redelivered job reaches the conversation once.
import { UnrecoverableError } from "bullmq";
import { conversationJobSchema, QUEUE } from "../../contracts/queues.ts";
import type { Cipher } from "../../infra/crypto.ts";
import type { PrismaClient } from "../../infra/db.ts";
import { defineWorker } from "../../infra/jobs/define-worker.ts";
import { contactExternalId } from "../../infra/stores/contact.store.ts";
import type { InboundHandler } from "../handle-inbound.ts";
import { agentAnsweredSince } from "../handoff.ts";

export function conversationsWorker(deps: {
  prisma: PrismaClient;
  cipher: Cipher;
  inbound: Pick<InboundHandler, "deliver">;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  return defineWorker({
    queue: QUEUE.conversations,
    schema: conversationJobSchema,
    concurrency: 4,
    async handle(job, bullJob) {
      const dedupeKey = `conversation-job:${bullJob.id ?? job.type}`;
      const at = now().toISOString();
      if (job.type === "handoff-check") {
        const person = await deps.prisma.contact.findUnique({ where: { id: job.contactId } });
        if (!person) throw new UnrecoverableError(`contact ${job.contactId} does not exist`);
        const answered = await agentAnsweredSince(deps.prisma, person.id, new Date(job.since));
        const outcome = await deps.inbound.deliver(
          {
            channel: person.channel,
            sender: { externalId: contactExternalId(deps.cipher, person) },
          },
          { type: "handoffCheck", at, since: job.since, answered },
          dedupeKey,
        );
        return { outcome: outcome.type, answered };
      }
      const ticket = await deps.prisma.ticket.findUnique({
        where: { id: job.ticketId },
        include: { contact: true },
      });
      if (!ticket) throw new UnrecoverableError(`ticket ${job.ticketId} does not exist`);
      const contact = {
        channel: ticket.contact.channel,
        sender: { externalId: contactExternalId(deps.cipher, ticket.contact) },
      };
      if (job.type === "ticket-status") {
        // The status as it is now: two quick changes both tell the latest.
        const outcome = await deps.inbound.deliver(
          contact,
          { type: "ticketStatusChanged", at, ticketNumber: ticket.number, status: ticket.status },
          dedupeKey,
        );
        return { outcome: outcome.type };
      }
      const survey = await deps.prisma.surveyResponse.findUnique({
        where: { ticketId: ticket.id },
        select: { status: true },
      });
      if (survey?.status !== "DITANYAKAN") return { outcome: "not asked" };
      const outcome = await deps.inbound.deliver(
        contact,
        { type: "surveyStart", at, ticketId: ticket.id, ticketNumber: ticket.number },
        dedupeKey,
      );
      return { outcome: outcome.type };
    },
  });
}
