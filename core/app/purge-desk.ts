// The agents group holds copies of a citizen's data (the ticket card, relayed
// messages, files, KTP views). The purge cannot reach Telegram from inside its
// transaction, so this step marks the subject's topics (or those past the
// retention schedule) and queues one desk job per topic, ids only; the desk
// (bot process) deletes the posts and the topic and leaves a tombstone
// (bot/agent-desk/desk.erasure.ts), retrying while Telegram is unreachable.
// Alerts in General that quote a citizen (a complaint, a handoff's display
// name) are recorded with the contact and deleted the same way.
// An erasure is finished (SELESAI) only once those jobs are done.
// Topic purges go in the desk's bulk lane, the one that opens topics: one job
// at a time there, so a purge never runs while the same topic is still being
// opened (its files and digest would land after the deletion).
import { QUEUE } from "../contracts/queues.ts";
import type { Prisma } from "../infra/db.ts";
import { addOutbox } from "../infra/stores/outbox.store.ts";
import type { Tx } from "../infra/stores/tx.ts";

type Reason = "ERASURE" | "RETENTION";
/** Longer than a desk job's retries take (8 attempts, exponential from 1 s). */
const STUCK_AFTER_MS = 6 * 3600_000;
interface Ctx {
  tx: Tx;
  now: Date;
}

async function requestTopicPurge(tx: Tx, ids: string[], reason: Reason, now: Date) {
  if (ids.length === 0) return 0;
  const { count } = await tx.deskTopic.updateMany({
    where: { id: { in: ids }, purgeRequestedAt: null },
    data: { purgeRequestedAt: now, purgeReason: reason },
  });
  for (const topicId of ids) {
    await addOutbox(tx, QUEUE.deskBulk, "desk.topic-purge", { type: "topic-purge", topicId });
  }
  return count;
}

/** Alerts in General naming these people (or older than a cut-off): queued for deletion. */
async function requestAlertDeletion(tx: Tx, where: Prisma.DeskPostWhereInput) {
  const alerts = await tx.deskPost.findMany({
    where: { kind: "ALERT", ...where },
    select: { id: true },
  });
  for (let i = 0; i < alerts.length; i += 100) {
    const postIds = alerts.slice(i, i + 100).map((a) => a.id);
    await addOutbox(tx, QUEUE.desk, "desk.posts-expire", { type: "posts-expire", postIds });
  }
  return alerts.length;
}

/** The subject's ticket and chat topics, and the alerts that quote them. */
export async function eraseGroupTopics(
  { tx, now }: Ctx,
  subject: { contactIds: readonly string[]; ticketIds: readonly string[] },
) {
  const alerts = await requestAlertDeletion(tx, { contactId: { in: [...subject.contactIds] } });
  const topics = await tx.deskTopic.findMany({
    where: {
      purgeRequestedAt: null,
      OR: [
        { ticketId: { in: [...subject.ticketIds] } },
        { contactId: { in: [...subject.contactIds] } },
      ],
    },
    select: { id: true },
  });
  const ids = topics.map((t) => t.id);
  return alerts + (await requestTopicPurge(tx, ids, "ERASURE", now));
}

/**
 * Kept as long as the relays they copy (RETENTION_MESSAGE_DAYS): a ticket's
 * topic that long after the ticket closed, a chat's after it ended or went quiet.
 */
export async function expireGroupTopics({ tx, now }: Ctx, cutoffs: { messages: Date }) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT t.id::text AS id FROM desk_topics t
      WHERE t.purge_requested_at IS NULL AND (
        (t.kind = 'TICKET' AND t.ticket_id IN
          (SELECT id FROM tickets WHERE closed_at < ${cutoffs.messages}))
        OR (t.kind = 'CHAT' AND NOT t.open AND t.closed_at < ${cutoffs.messages})
        OR (t.kind = 'CHAT' AND t.open AND t.created_at < ${cutoffs.messages}
            AND NOT EXISTS (SELECT 1 FROM desk_posts p
                            WHERE p.topic_id = t.id AND p.posted_at >= ${cutoffs.messages})
            AND NOT EXISTS (SELECT 1 FROM desk_relays r
                            WHERE r.contact_id = t.contact_id AND r.created_at >= ${cutoffs.messages})))`;
  await requeueStuckPurges(tx, now);
  const alerts = await requestAlertDeletion(tx, { postedAt: { lt: cutoffs.messages } });
  const ids = rows.map((r) => r.id);
  return alerts + (await requestTopicPurge(tx, ids, "RETENTION", now));
}

/**
 * A topic whose desk job gave up (Telegram unreachable for longer than the
 * job's retries) is queued again by the daily retention run.
 */
async function requeueStuckPurges(tx: Tx, now: Date) {
  const stuck = await tx.deskTopic.findMany({
    where: { purgeRequestedAt: { lt: new Date(now.getTime() - STUCK_AFTER_MS) } },
    select: { id: true },
  });
  for (const { id } of stuck) {
    await addOutbox(tx, QUEUE.deskBulk, "desk.topic-purge", { type: "topic-purge", topicId: id });
  }
}

/** Topics of these contacts whose deletion in the group is still under way, and alerts naming them. */
export async function groupPurgesPending(tx: Tx, contactIds: readonly string[]) {
  const ids = [...contactIds];
  const topics = await tx.deskTopic.count({
    where: { contactId: { in: ids }, purgeRequestedAt: { not: null } },
  });
  const alerts = await tx.deskPost.count({ where: { kind: "ALERT", contactId: { in: ids } } });
  return topics + alerts;
}
