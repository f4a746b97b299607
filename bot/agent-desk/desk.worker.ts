// The desk's queues, consumed by the process holding the Telegram bot. Two
// lanes, each one job at a time (a contact's relays are batched in order):
// `agent-desk` for live conversation (relays, changes, hand-offs) and
// `agent-desk-bulk` for opening new tickets' topics (and posting a request
// form made after the opening), whose sends also yield to live ones in the
// group's budget (group-budget.ts). A ticket's topic is opened once whichever
// lane gets to it first (desk.topic-lock.ts).
import { UnrecoverableError } from "bullmq";
import { handoffRequestedJobSchema } from "../../core/contracts/messages.ts";
import { type DeskJob, deskJobSchema, QUEUE } from "../../core/contracts/queues.ts";
import { assertNever } from "../../core/domain/shared/assert-never.ts";
import { defineWorker } from "../../core/infra/jobs/define-worker.ts";
import { inSendLane } from "../telegram/send-lane.ts";
import type { AgentDesk } from "./agent-desk.ts";
import type { DeskErasure } from "./desk.erasure.ts";

function runDeskJob(desk: AgentDesk, erasure: DeskErasure, job: DeskJob): Promise<unknown> {
  switch (job.type) {
    case "ticket-opened":
      return desk.ticketOpened(job.ticketId);
    case "ticket-document":
      return desk.ticketDocument(job.ticketId, job.attachmentId);
    case "ticket-changed":
      return desk.ticketChanged(job.ticketId, job.eventId);
    case "ticket-claimed":
      return desk.ticketClaimed(job.ticketId, job.agentId);
    case "relay":
      return desk.relay(job.relayId);
    case "console-post":
      return desk.consolePost(job);
    case "letter-issued":
      return desk.letterIssued(job.ticketId, job.letterId);
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
}

export function deskWorker(desk: AgentDesk, erasure: DeskErasure) {
  return defineWorker({
    queue: QUEUE.desk,
    schema: deskJobSchema,
    handle: (job) => runDeskJob(desk, erasure, job),
  });
}

/** New tickets' topics, posted in the group's bulk lane. */
export function deskBulkWorker(desk: AgentDesk, erasure: DeskErasure) {
  return defineWorker({
    queue: QUEUE.deskBulk,
    schema: deskJobSchema,
    handle: (job) => inSendLane("bulk", () => runDeskJob(desk, erasure, job)),
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
