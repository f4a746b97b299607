// Consumes `documents`: renders a routed ticket's request form (a PDF), stores
// it, sends it to the user and has the agent desk post it in the ticket's
// topic. Off the routing path, so routing is database and queue work only.
// Safe to run twice: the form is made once under the ticket's row lock
// (core/app/request-form.ts); a second run finds it and does nothing.
import { UnrecoverableError } from "bullmq";
import { documentJobSchema, QUEUE } from "../../contracts/queues.ts";
import { defineWorker } from "../../infra/jobs/define-worker.ts";
import type { RequestFormOutcome } from "../request-form.ts";

export function documentsWorker(deps: {
  /** ensureRequestForm bound to its deps. */
  requestForm: (ticketId: string) => Promise<RequestFormOutcome>;
  /** Rendering is CPU work: a few at a time leave the event loop to the other workers. */
  concurrency?: number;
}) {
  return defineWorker({
    queue: QUEUE.documents,
    schema: documentJobSchema,
    concurrency: deps.concurrency ?? 2,
    async handle(job) {
      const requestForm = await deps.requestForm(job.ticketId);
      if (requestForm === "not found")
        throw new UnrecoverableError(`ticket ${job.ticketId} does not exist`);
      return { requestForm };
    },
  });
}
