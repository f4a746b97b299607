// The desk's queues, consumed by the process holding the Telegram bot: one job
// at a time, so a ticket's topic is never opened twice and the group's
// pacing (about 20 messages a minute) holds.
import { UnrecoverableError } from "bullmq";
import { handoffRequestedJobSchema } from "../../core/contracts/messages.ts";
import { deskJobSchema, QUEUE } from "../../core/contracts/queues.ts";
import { assertNever } from "../../core/domain/shared/assert-never.ts";
import { defineWorker } from "../../workers/define-worker.ts";
import type { AgentDesk } from "./agent-desk.ts";
import type { DeskErasure } from "./desk.erasure.ts";

export function deskWorker(desk: AgentDesk, erasure: DeskErasure) {
  return defineWorker({
    queue: QUEUE.desk,
    schema: deskJobSchema,
    async handle(job) {
      switch (job.type) {
        case "ticket-opened":
          return desk.ticketOpened(job.ticketId);
        case "ticket-changed":
          return desk.ticketChanged(job.ticketId, job.eventId);
        case "relay":
          return desk.relay(job.relayId);
        case "deletion-requested":
          return desk.deletionRequested(job.requestId);
        case "handoff-left":
          return desk.handoffLeft(job.contactId, job.how);
        case "topic-purge":
          return erasure.purgeTopic(job.topicId);
        case "posts-expire":
          return erasure.expirePosts(job.postIds);
        default:
          return assertNever(job, "desk job");
      }
    },
  });
}

export function handoffWorker(desk: AgentDesk) {
  return defineWorker({
    queue: QUEUE.handoffs,
    schema: handoffRequestedJobSchema,
    async handle(job) {
      const result = await desk.handoff(job.contactId, job.context);
      if ("skipped" in result) throw new UnrecoverableError(`handoff: ${result.skipped}`);
      return result;
    },
  });
}
