// Consumes `ticket.created`: assigns team and priority, starts the helpdesk
// clock and tells the user the ticket is queued. Database and queue work only:
// the same transaction queues the request form on `documents`
// (documents.worker.ts) and the ticket's topic on the desk. Safe to run twice:
// routing is guarded on the ticket's team.
import { UnrecoverableError } from "bullmq";
import { ticketCreatedJobSchema } from "../../contracts/messages.ts";
import { QUEUE } from "../../contracts/queues.ts";
import { defineWorker } from "../../infra/jobs/define-worker.ts";
import type { TicketWorkflow } from "../ticket-workflow.ts";

export function ticketRoutingWorker(deps: { workflow: TicketWorkflow }) {
  return defineWorker({
    queue: QUEUE.tickets,
    schema: ticketCreatedJobSchema,
    concurrency: 4,
    async handle({ ticketId }) {
      const outcome = await deps.workflow.routeTicket(ticketId);
      if (outcome === "not found")
        throw new UnrecoverableError(`ticket ${ticketId} does not exist`);
      return { outcome };
    },
  });
}
