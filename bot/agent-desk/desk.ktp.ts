// /ktp and the card's KTP button: the applicant's KTP photo, shown only to
// the agent handling the ticket and to supervisors, protected from
// forwarding, audited (refusals too), and deleted from the group again after
// DESK_KTP_VIEW_MINUTES by a delayed job that survives restarts.

import { DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import { DESK_PRIVACY_TEXT } from "../../core/content/messages/desk-privacy.messages.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { Agent, DeskTopic, PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import { readMedia } from "../../core/infra/stores/media.store.ts";
import { addOutbox, publishOutbox, type QueueFor } from "../../core/infra/stores/outbox.store.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import type { DeskTopics } from "./desk.topics.ts";

/** DESK_KTP_VIEW_MINUTES' default, for a desk built without the setting. */
const DEFAULT_KTP_VIEW_MINUTES = 10;

export function createKtpViews(deps: {
  prisma: PrismaClient;
  cipher: Cipher;
  queueFor: QueueFor;
  logger: Logger;
  topics: DeskTopics;
  viewMinutes?: number;
  now: () => Date;
}) {
  const { prisma, cipher, topics } = deps;
  const minutes = deps.viewMinutes ?? DEFAULT_KTP_VIEW_MINUTES;
  const e = escapeHtml;

  return async function showKtp(agent: Agent, topic: DeskTopic) {
    if (!topic.ticketId) return topics.say(topic, e(DESK_TEXT.notInTicketTopic));
    const ticket = await prisma.ticket.findUnique({
      where: { id: topic.ticketId },
      select: { assigneeId: true },
    });
    const actor = { type: "AGENT" as const, agentId: agent.id };
    if (agent.role !== "SUPERVISOR" && ticket?.assigneeId !== agent.id) {
      await recordAudit(prisma, {
        actor,
        action: "ktp.view.refused",
        ticketId: topic.ticketId,
        contactId: topic.contactId,
        detail: { role: agent.role },
      });
      return topics.say(topic, e(DESK_PRIVACY_TEXT.ktpNotAllowed));
    }
    const ktp = await prisma.attachment.findFirst({
      where: { ticketId: topic.ticketId, kind: "KTP", purgedAt: null },
      orderBy: { createdAt: "desc" },
    });
    const file = ktp ? await readMedia(prisma, cipher, ktp.id) : null;
    if (!ktp || !file) return topics.say(topic, e(DESK_TEXT.ktpMissing));
    // Written before the photo is shown: a view that failed half-way is still on record.
    await recordAudit(prisma, {
      actor,
      action: "ktp.view",
      ticketId: topic.ticketId,
      contactId: topic.contactId,
      detail: { attachmentId: ktp.id, minutes },
    });
    const label = `${DESK_TEXT.ktpWarning}\n${DESK_PRIVACY_TEXT.ktpExpires(minutes)}`;
    const postIds = await topics.sendUserFile(topic, file, "ktp", label, { kind: "KTP" });
    if (postIds.length === 0) return;
    const expiresAt = new Date(deps.now().getTime() + minutes * 60_000);
    const outboxId = await addOutbox(
      prisma,
      QUEUE.desk,
      "desk.posts-expire",
      { type: "posts-expire", postIds },
      { deliverAt: expiresAt },
    );
    await publishOutbox(prisma, deps.queueFor, { ids: [outboxId], now: deps.now }).catch(
      (err: unknown) =>
        deps.logger.warn({ err }, "Fast publish failed; the outbox relay will retry"),
    );
  };
}
