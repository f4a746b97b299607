// "hapus data saya", decided: a supervisor's approval purges the data
// subject's personal data (purge.ts) in one transaction and tells the user;
// the channel address goes last, once that final notice is out (finishErasure,
// run by a maintenance job and by the daily retention), and once the agents
// group's copies are deleted (purge-desk.ts queues that for the desk, which
// retries while Telegram is unreachable). A rejection keeps everything and
// tells the user why.
//
// The data subject is the person, found by their NIK: the requesting contact
// and every contact that filed a ticket with the same NIK (nik_hash), with all
// their tickets. The supervisor is told how many before deciding (agent desk).
//
// Kept on purpose: the contact rows (ids, channel, language, dates) and the
// tickets, documents' rows, complaints and survey scores as statistics,
// without the personal fields; messages still PENDING keep their body until
// sent, so the final notice and any notification on its way still go out.
import type { Logger } from "pino";
import { deletionCompleted, deletionRejected, type Localized } from "../content/index.ts";
import { QUEUE } from "../contracts/queues.ts";
import type { Cipher } from "../infra/crypto.ts";
import type { Prisma, PrismaClient } from "../infra/db.ts";
import { recordAudit } from "../infra/stores/audit.store.ts";
import { queueUserMessage } from "../infra/stores/outbound.store.ts";
import { addOutbox, publishOutbox, type QueueFor } from "../infra/stores/outbox.store.ts";
import type { Tx } from "../infra/stores/tx.ts";
import { type ErasureSubject, eraseSubject, type PurgeCounts, type PurgeStep } from "./purge.ts";
import { groupPurgesPending } from "./purge-desk.ts";

export interface PrivacyDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  queueFor: QueueFor;
  logger: Logger;
  now?: () => Date;
  /** More purge steps (e.g. the agents group's messages), after the built-in ones. */
  extraSteps?: readonly PurgeStep[];
}

/** A supervisor's reason is told to the user; a reason, not an essay. */
export const MAX_REASON = 500;
/** The first look at whether the final notice went out; the job retries with backoff after. */
const FINISH_DELAY_MS = 30_000;
const PURGE_ACTION = "purge.contact";

const textIn = (language: "ID" | "EN", text: Localized) => (language === "EN" ? text.en : text.id);

export type DeletionDecision =
  | { type: "approved"; requestId: string; counts: PurgeCounts }
  | { type: "rejected"; requestId: string }
  | { type: "already-decided"; requestId: string; status: string }
  | { type: "not-found"; requestId: string };

/** The person behind a contact: the contacts that filed tickets with one of its NIKs, and their tickets. */
export async function findSubject(tx: Tx, contactId: string): Promise<ErasureSubject> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT t.contact_id::text AS id FROM tickets t
    WHERE t.nik_hash IN (SELECT nik_hash FROM tickets WHERE contact_id = ${contactId}::uuid
                         AND nik_hash IS NOT NULL)`;
  const contactIds = [...new Set([contactId, ...rows.map((r) => r.id)])];
  const tickets = await tx.ticket.findMany({
    where: { contactId: { in: contactIds } },
    select: { id: true },
  });
  return { contactIds, ticketIds: tickets.map((t) => t.id) };
}

/**
 * A supervisor's decision on an erasure request. Approved: the purge, the
 * request DISETUJUI and the user told, in one transaction; SELESAI once the
 * address is forgotten too. Rejected: DITOLAK with the reason, the user told.
 * Deciding again changes nothing.
 */
export async function decideDeletion(
  deps: PrivacyDeps,
  input: { requestId: string; agentId: string; approve: boolean; reason?: string },
): Promise<DeletionDecision> {
  const now = (deps.now ?? (() => new Date()))();
  const reason = input.reason?.trim().slice(0, MAX_REASON) || null;
  const result = await deps.prisma.$transaction(async (tx) => {
    // Claimed by status: of two supervisors pressing at once, one decides.
    const { count } = await tx.deletionRequest.updateMany({
      where: { id: input.requestId, status: "MENUNGGU" },
      data: {
        status: input.approve ? "DISETUJUI" : "DITOLAK",
        decidedAt: now,
        decidedById: input.agentId,
        reason,
      },
    });
    if (count === 0) {
      const row = await tx.deletionRequest.findUnique({
        where: { id: input.requestId },
        select: { status: true },
      });
      return {
        decision: row
          ? ({ type: "already-decided", requestId: input.requestId, status: row.status } as const)
          : ({ type: "not-found", requestId: input.requestId } as const),
        ids: [] as string[],
      };
    }
    const request = await tx.deletionRequest.findUniqueOrThrow({
      where: { id: input.requestId },
    });
    const contact = await tx.contact.findUniqueOrThrow({ where: { id: request.contactId } });
    const audit = (action: string, detail: Prisma.InputJsonObject = {}) =>
      recordAudit(tx, {
        actor: { type: "AGENT", agentId: input.agentId },
        action,
        contactId: contact.id,
        detail: { requestId: request.id, ...detail },
        at: now,
      });
    if (!input.approve) {
      await audit("deletion.rejected");
      const told = await queueUserMessage(tx, deps.cipher, contact, {
        kind: "text",
        text: textIn(contact.language, deletionRejected(reason)),
      });
      return {
        decision: { type: "rejected", requestId: request.id } as const,
        ids: [told.outboxId],
      };
    }
    const subject = await findSubject(tx, contact.id);
    const counts = await eraseSubject({ tx, cipher: deps.cipher, now }, subject, {
      withAddress: false,
      ...(deps.extraSteps ? { extraSteps: deps.extraSteps } : {}),
    });
    await audit("deletion.approved");
    // The ids let finishErasure find the subject again: its NIK hashes are gone now.
    await audit(PURGE_ACTION, { ...counts, contactIds: [...subject.contactIds] });
    // Queued after the purge in the same transaction: the send-log row is new
    // (PENDING, untouched by the purge) and the sender still finds the chat.
    const told = await queueUserMessage(tx, deps.cipher, contact, {
      kind: "text",
      text: textIn(
        contact.language,
        deletionCompleted({ tickets: counts.tickets ?? 0, documents: counts.documents ?? 0 }),
      ),
    });
    const finish = await addOutbox(
      tx,
      QUEUE.maintenance,
      "erasure.finish",
      { type: "erasure-finish", requestId: request.id },
      { deliverAt: new Date(now.getTime() + FINISH_DELAY_MS) },
    );
    return {
      decision: { type: "approved", requestId: request.id, counts } as const,
      ids: [told.outboxId, finish],
    };
  });
  if (result.ids.length > 0) {
    await publishOutbox(deps.prisma, deps.queueFor, { ids: result.ids }).catch((err) =>
      deps.logger.warn({ err }, "Fast publish failed; the outbox relay will retry"),
    );
  }
  return result.decision;
}

export type FinishOutcome = "finished" | "waiting" | "not-approved";

/**
 * The last step of an approved erasure, once no message to the subject is
 * still PENDING: what was sent since is erased, and the channel addresses
 * are forgotten. A contact that wrote again since the purge keeps its
 * address (it is a user again, with new data of its own).
 */
export async function finishErasure(
  deps: Pick<PrivacyDeps, "prisma" | "cipher" | "extraSteps">,
  requestId: string,
  now: Date,
): Promise<FinishOutcome> {
  return deps.prisma.$transaction(async (tx) => {
    const [request] = await tx.$queryRaw<{ status: string }[]>`
      SELECT status::text AS status FROM deletion_requests WHERE id = ${requestId}::uuid FOR UPDATE`;
    if (request?.status !== "DISETUJUI") return "not-approved";
    const purge = await tx.auditLog.findFirst({
      where: { action: PURGE_ACTION, detail: { path: ["requestId"], equals: requestId } },
      select: { detail: true },
    });
    const listed = (purge?.detail as { contactIds?: unknown } | null)?.contactIds;
    const contactIds = Array.isArray(listed) ? listed.map(String) : [];
    const quiet = await tx.contact.findMany({
      where: { id: { in: contactIds }, conversation: null },
      select: { id: true },
    });
    const ids = quiet.map((c) => c.id);
    const pending = await tx.outboundMessage.count({
      where: { contactId: { in: ids }, status: "PENDING" },
    });
    if (pending > 0) return "waiting";
    // The agents group's copies go in the desk's jobs (purge-desk.ts); done when they are.
    if ((await groupPurgesPending(tx, contactIds)) > 0) return "waiting";
    const tickets = await tx.ticket.findMany({
      where: { contactId: { in: ids } },
      select: { id: true },
    });
    const counts = await eraseSubject(
      { tx, cipher: deps.cipher, now },
      { contactIds: ids, ticketIds: tickets.map((t) => t.id) },
      { withAddress: true, ...(deps.extraSteps ? { extraSteps: deps.extraSteps } : {}) },
    );
    await tx.deletionRequest.update({
      where: { id: requestId },
      data: { status: "SELESAI", completedAt: now },
    });
    await recordAudit(tx, {
      actor: { type: "SYSTEM", name: "erasure" },
      action: "deletion.finished",
      detail: { requestId, ...counts, keptActive: contactIds.length - ids.length },
      at: now,
    });
    return "finished";
  });
}

/** Finishes every approved erasure whose notices went out (the daily retention calls it). */
export async function finishErasures(
  deps: Pick<PrivacyDeps, "prisma" | "cipher" | "extraSteps">,
  now: Date,
): Promise<number> {
  const waiting = await deps.prisma.deletionRequest.findMany({
    where: { status: "DISETUJUI" },
    select: { id: true },
  });
  let finished = 0;
  for (const { id } of waiting) {
    if ((await finishErasure(deps, id, now)) === "finished") finished++;
  }
  return finished;
}
