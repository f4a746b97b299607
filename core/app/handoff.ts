// The hand-off to a person, on the app's side: the desk and the staff's
// alert are told when a user asks, a check is scheduled for the end of the
// service time, and the desk hears when the user leaves the wait.
import { QUEUE } from "../contracts/queues.ts";
import type { Effect } from "../domain/conversation/index.ts";
import type { Contact, PrismaClient } from "../infra/db.ts";
import { addOutbox } from "../infra/stores/outbox.store.ts";
import type { Tx } from "../infra/stores/tx.ts";

type HandOff = Extract<Effect, { type: "handOff" }>;
type LeaveHandoff = Extract<Effect, { type: "leaveHandoff" }>;

/** Outbox rows of a hand-off: the desk's topic, the staff's alert, the delayed answer check. */
export async function recordHandoff(
  tx: Tx,
  contact: Pick<Contact, "id">,
  effect: HandOff,
): Promise<string[]> {
  const context = `${effect.reason}:${effect.context}`.slice(0, 200);
  return [
    // For the agent desk (a topic per chat), and an alert so the staff
    // know at once that someone is waiting for a human.
    await addOutbox(tx, QUEUE.handoffs, "handoff.requested", { contactId: contact.id, context }),
    await addOutbox(tx, QUEUE.agentAlerts, "handoff.requested", {
      type: "handoff",
      contactId: contact.id,
      context,
      // When the user asked, not when the alert job happens to run.
      at: effect.since,
    }),
    await addOutbox(
      tx,
      QUEUE.conversations,
      "handoff.check",
      { type: "handoff-check", contactId: contact.id, since: effect.since },
      { deliverAt: new Date(effect.answerBy) },
    ),
  ];
}

export async function recordHandoffLeft(
  tx: Tx,
  contact: Pick<Contact, "id">,
  effect: LeaveHandoff,
): Promise<string> {
  return addOutbox(tx, QUEUE.desk, "handoff.left", {
    type: "handoff-left",
    contactId: contact.id,
    how: effect.how,
  });
}

/** What agents do that answers a user (the desk's audit actions). */
export const AGENT_ANSWER_ACTIONS = ["reply.send", "template.send", "file.send"] as const;

/** Whether an agent has written to the user since `since` (from the desk's audit trail). */
export async function agentAnsweredSince(
  prisma: Pick<PrismaClient, "auditLog">,
  contactId: string,
  since: Date,
): Promise<boolean> {
  const answer = await prisma.auditLog.findFirst({
    where: {
      contactId,
      actorType: "AGENT",
      action: { in: [...AGENT_ANSWER_ACTIONS] },
      at: { gte: since },
    },
    select: { id: true },
  });
  return answer !== null;
}
