// Consumes `ticket.created`: assigns team and priority, starts the helpdesk
// clock and tells the user the ticket is queued; before that it makes the
// request form (the user's PDF receipt). Safe to run twice: routing is guarded
// on the ticket's team, the form on the ticket's row lock
// (core/app/request-form.ts), and a retry after a crash between the two routes.
import { UnrecoverableError } from "bullmq";
import { ticketCreatedJobSchema } from "../../contracts/messages.ts";
import { QUEUE } from "../../contracts/queues.ts";
import { defineWorker } from "../../infra/jobs/define-worker.ts";
import type { RequestFormOutcome } from "../request-form.ts";
import type { TicketWorkflow } from "../ticket-workflow.ts";

export function ticketRoutingWorker(deps: {
  workflow: TicketWorkflow;
  /** ensureRequestForm bound to its deps; without it no form is made. */
  requestForm?: (ticketId: string) => Promise<RequestFormOutcome>;
}) {
  return defineWorker({
    queue: QUEUE.tickets,
    schema: ticketCreatedJobSchema,
    concurrency: 4,
    async handle({ ticketId }) {
      // The form first: routing opens the ticket's topic in the agents group,
      // which then finds the form among the documents it posts there.
      const requestForm = deps.requestForm ? await deps.requestForm(ticketId) : undefined;
      if (requestForm === "not found")
        throw new UnrecoverableError(`ticket ${ticketId} does not exist`);
      const outcome = await deps.workflow.routeTicket(ticketId);
      if (outcome === "not found")
        throw new UnrecoverableError(`ticket ${ticketId} does not exist`);
      return requestForm === undefined ? { outcome } : { outcome, requestForm };
    },
  });
}
