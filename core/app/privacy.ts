// The data rights of UU 27/2022 (PDP) as use cases: a user sees what we hold
// ("data saya"), asks for its erasure ("hapus data saya"), a supervisor
// decides; and the supervisor's block of a sender. Every step is audited.
//
// What an approved erasure keeps, and why:
// - the Contact row with its externalIdHash: dedupe and statistics keep
//   working, and the user is the same contact if they write again;
// - its externalIdEnc (sealed): the channel address is what the final "your
//   data has been erased" message is sent to, after this transaction, by the
//   outbound worker; and the user's next message would bring it again anyway.
//   The phone number and display name are cleared;
// - tickets, documents' rows, complaints and survey scores as statistics
//   (category, status, dates, kind, size), without the personal fields;
// - messages not yet sent (PENDING) keep their body, so the final message
//   and any notification already on its way still go out.
import type { Logger } from "pino";
import { deletionCompleted, deletionRejected, type Localized } from "../content/index.ts";
import { QUEUE } from "../contracts/queues.ts";
import type { MyDataSnapshot } from "../domain/conversation/index.ts";
import { FINAL_TICKET_STATUSES } from "../domain/conversation/index.ts";
import { maskEmailForUser, maskNikForUser, maskPhoneForUser } from "../domain/privacy/mask.ts";
import { TICKET_STATUSES } from "../domain/ticket/ticket.enums.ts";
import type { Cipher } from "../infra/crypto.ts";
import type { Contact, Prisma, PrismaClient } from "../infra/db.ts";
import { recordAudit } from "../infra/stores/audit.store.ts";
import { queueUserMessage } from "../infra/stores/outbound.store.ts";
import { addOutbox, publishOutbox, type QueueFor } from "../infra/stores/outbox.store.ts";
import type { Tx } from "../infra/stores/tx.ts";
import { anonymiseTickets, purgeAttachmentData, REMOVED } from "./retention.ts";

export interface PrivacyDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  queueFor: QueueFor;
  logger: Logger;
  now?: () => Date;
}

/** The "data saya" summary lists this many tickets, newest first. */
const MY_DATA_TICKETS = 10;
/** A supervisor's reason is told to the user; a reason, not an essay. */
const MAX_REASON = 500;

const OPEN_STATUSES = TICKET_STATUSES.filter((status) => !FINAL_TICKET_STATUSES.has(status));

const textIn = (language: "ID" | "EN", text: Localized) => (language === "EN" ? text.en : text.id);

function openSealed(cipher: Cipher, sealed: Uint8Array | null): string | null {
  if (sealed === null) return null;
  try {
    return cipher.openText(Buffer.from(sealed));
  } catch {
    // A value sealed under a retired key: say "not shown" rather than fail the whole view.
    return null;
  }
}

/** The contact's latest ticket still being worked on, if any. */
export async function findOpenTicket(tx: Tx, contactId: string) {
  return tx.ticket.findFirst({
    where: { contactId, status: { in: OPEN_STATUSES } },
    orderBy: { createdAt: "desc" },
    select: { id: true, number: true, status: true },
  });
}

/**
 * Everything we hold about one contact, masked, for the contact themselves;
 * the view is audited as "data.view.self".
 */
export async function collectMyData(
  tx: Tx,
  cipher: Cipher,
  contact: Contact,
  at: Date,
): Promise<MyDataSnapshot> {
  const [tickets, ticketCount, complaints, pending] = await Promise.all([
    tx.ticket.findMany({
      where: { contactId: contact.id },
      orderBy: { createdAt: "desc" },
      take: MY_DATA_TICKETS,
      include: {
        attachments: {
          select: { kind: true, createdAt: true, purgedAt: true },
          orderBy: { createdAt: "asc" },
        },
      },
    }),
    tx.ticket.count({ where: { contactId: contact.id } }),
    tx.complaint.count({ where: { contactId: contact.id } }),
    tx.deletionRequest.findFirst({
      where: { contactId: contact.id, status: "MENUNGGU" },
      orderBy: { requestedAt: "asc" },
      select: { requestedAt: true },
    }),
  ]);
  const phone =
    openSealed(cipher, contact.phoneEnc) ??
    openSealed(cipher, tickets.find((t) => t.phoneEnc !== null)?.phoneEnc ?? null);
  await recordAudit(tx, {
    actor: { type: "USER", contactId: contact.id },
    action: "data.view.self",
    contactId: contact.id,
    detail: { tickets: ticketCount, complaints },
    at,
  });
  return {
    channel: contact.channel,
    language: contact.language === "EN" ? "en" : "id",
    phoneMasked: phone === null ? null : maskPhoneForUser(phone),
    tickets: tickets.map((ticket) => {
      const anonymised = ticket.anonymisedAt !== null;
      const nik = anonymised ? null : openSealed(cipher, ticket.nikEnc);
      return {
        number: ticket.number,
        category: ticket.category,
        status: ticket.status,
        createdAt: ticket.createdAt.toISOString(),
        closedAt: ticket.closedAt?.toISOString() ?? null,
        name: anonymised ? null : ticket.applicantName,
        nikMasked: nik === null ? null : maskNikForUser(nik),
        emailMasked: anonymised || ticket.email === null ? null : maskEmailForUser(ticket.email),
        organisation: anonymised ? null : ticket.organisation,
        anonymised,
        documents: ticket.attachments.map((doc) => ({
          kind: doc.kind,
          createdAt: doc.createdAt.toISOString(),
          purged: doc.purgedAt !== null,
        })),
      };
    }),
    moreTickets: Math.max(0, ticketCount - tickets.length),
    complaints,
    deletionPendingSince: pending?.requestedAt.toISOString() ?? null,
  };
}

/**
 * "hapus data saya", confirmed: one pending request per contact, sent to the
 * desk for a supervisor. Runs in the inbound transaction.
 */
export async function requestDeletion(
  tx: Tx,
  contact: Contact,
  at: Date,
): Promise<{
  outcome: "requested" | "alreadyPending";
  openTicketNumber: string | null;
  outboxIds: string[];
}> {
  const open = await findOpenTicket(tx, contact.id);
  const openTicketNumber = open?.number ?? null;
  // The contact row lock serialises two confirmations racing in two processes.
  await tx.$queryRaw`SELECT id FROM contacts WHERE id = ${contact.id}::uuid FOR UPDATE`;
  const pending = await tx.deletionRequest.findFirst({
    where: { contactId: contact.id, status: "MENUNGGU" },
    select: { id: true },
  });
  if (pending) return { outcome: "alreadyPending", openTicketNumber, outboxIds: [] };
  const request = await tx.deletionRequest.create({
    data: { contactId: contact.id, requestedAt: at },
    select: { id: true },
  });
  await recordAudit(tx, {
    actor: { type: "USER", contactId: contact.id },
    action: "deletion.requested",
    contactId: contact.id,
    detail: { requestId: request.id, openTicket: openTicketNumber },
    at,
  });
  const outboxId = await addOutbox(tx, QUEUE.desk, "deletion.requested", {
    type: "deletion-requested",
    requestId: request.id,
  });
  return { outcome: "requested", openTicketNumber, outboxIds: [outboxId] };
}

export interface PurgeCounts {
  tickets: number;
  documents: number;
  complaints: number;
  messages: number;
  relays: number;
  surveyComments: number;
  conversations: number;
}

export type DeletionDecision =
  | { type: "approved"; requestId: string; counts: PurgeCounts }
  | { type: "rejected"; requestId: string }
  | { type: "already-decided"; requestId: string; status: string }
  | { type: "not-found"; requestId: string };

/** Erases the contact's personal data in the caller's transaction (see the file's head). */
async function purgeContact(
  tx: Tx,
  cipher: Cipher,
  contactId: string,
  now: Date,
): Promise<PurgeCounts> {
  const ticketIds = (await tx.ticket.findMany({ where: { contactId }, select: { id: true } })).map(
    (t) => t.id,
  );
  const documents = await purgeAttachmentData(tx, { contactId }, now);
  const tickets = await anonymiseTickets(tx, { contactId }, now);
  const { count: conversations } = await tx.conversation.deleteMany({ where: { contactId } });
  const { count: complaints } = await tx.complaint.updateMany({
    where: { contactId, text: { not: REMOVED } },
    data: { text: REMOVED },
  });
  const blank = cipher.seal(JSON.stringify({ kind: "text", text: REMOVED }));
  const { count: messages } = await tx.outboundMessage.updateMany({
    where: { contactId, status: { not: "PENDING" } },
    data: { bodyEnc: blank },
  });
  const { count: relays } = await tx.deskRelay.updateMany({
    where: { contactId },
    data: { bodyEnc: cipher.seal(REMOVED) },
  });
  const { count: surveyComments } = await tx.surveyResponse.updateMany({
    where: { ticketId: { in: ticketIds }, comment: { not: null } },
    data: { comment: null },
  });
  await tx.contact.update({
    where: { id: contactId },
    data: { phoneEnc: null, displayName: null },
  });
  return { tickets, documents, complaints, messages, relays, surveyComments, conversations };
}

/**
 * A supervisor's decision on an erasure request. Approved: the purge, the
 * request SELESAI and the user told, in one transaction. Rejected: DITOLAK
 * with the reason, the user told. Deciding again changes nothing.
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
    const counts = await purgeContact(tx, deps.cipher, contact.id, now);
    await tx.deletionRequest.update({
      where: { id: request.id },
      data: { status: "SELESAI", completedAt: now },
    });
    await audit("deletion.approved");
    await audit("purge.contact", { ...counts });
    // Queued after the purge in the same transaction: the send-log row is new
    // (PENDING, untouched by the purge) and the sender finds the chat through
    // externalIdEnc, which the purge keeps.
    const told = await queueUserMessage(tx, deps.cipher, contact, {
      kind: "text",
      text: textIn(
        contact.language,
        deletionCompleted({ tickets: counts.tickets, documents: counts.documents }),
      ),
    });
    return {
      decision: { type: "approved", requestId: request.id, counts } as const,
      ids: [told.outboxId],
    };
  });
  if (result.ids.length > 0) {
    await publishOutbox(deps.prisma, deps.queueFor, { ids: result.ids }).catch((err) =>
      deps.logger.warn({ err }, "Fast publish failed; the outbox relay will retry"),
    );
  }
  return result.decision;
}

export type BlockOutcome =
  | { type: "changed"; blocked: boolean }
  | { type: "unchanged"; blocked: boolean }
  | { type: "not-found" };

/**
 * A supervisor blocks (or unblocks) a sender: a blocked contact's messages
 * are dropped unanswered by the inbound pipeline. Audited with the reason.
 */
export async function setBlocked(
  deps: Pick<PrivacyDeps, "prisma" | "now">,
  input: { contactId: string; agentId: string; blocked: boolean; reason?: string },
): Promise<BlockOutcome> {
  const now = (deps.now ?? (() => new Date()))();
  return deps.prisma.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({
      where: { id: input.contactId },
      select: { blocked: true },
    });
    if (!contact) return { type: "not-found" } as const;
    if (contact.blocked === input.blocked) {
      return { type: "unchanged", blocked: input.blocked } as const;
    }
    await tx.contact.update({ where: { id: input.contactId }, data: { blocked: input.blocked } });
    await recordAudit(tx, {
      actor: { type: "AGENT", agentId: input.agentId },
      action: input.blocked ? "contact.block" : "contact.unblock",
      contactId: input.contactId,
      detail: { reason: input.reason?.trim().slice(0, MAX_REASON) ?? null },
      at: now,
    });
    return { type: "changed", blocked: input.blocked } as const;
  });
}
