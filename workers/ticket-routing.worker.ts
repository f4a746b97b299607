// Consumes `ticket.created`: assigns team and priority, starts the helpdesk
// clock and tells the user the ticket is queued. Safe to run twice.
import { UnrecoverableError } from "bullmq";
import type { TicketWorkflow } from "../core/app/ticket-workflow.ts";
import { ticketCreatedJobSchema } from "../core/contracts/messages.ts";
import { QUEUE } from "../core/contracts/queues.ts";
import { defineWorker } from "./define-worker.ts";

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
