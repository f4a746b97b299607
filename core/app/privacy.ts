// The data rights of UU 27/2022 (PDP) as use cases: a user sees what we hold
// ("data saya"), asks for its erasure ("hapus data saya"), a supervisor
// decides (privacy-erasure.ts: the purge, driven by personal-data.ts); and the
// supervisor's block of a sender. Every step is audited.
import { QUEUE } from "../contracts/queues.ts";
import type { MyDataSnapshot } from "../domain/conversation/index.ts";
import { FINAL_TICKET_STATUSES } from "../domain/conversation/index.ts";
import { maskEmailForUser, maskNikForUser, maskPhoneForUser } from "../domain/privacy/mask.ts";
import { TICKET_STATUSES } from "../domain/ticket/ticket.enums.ts";
import type { Cipher } from "../infra/crypto.ts";
import type { Contact } from "../infra/db.ts";
import { recordAudit } from "../infra/stores/audit.store.ts";
import { contactPhone } from "../infra/stores/contact.store.ts";
import { addOutbox } from "../infra/stores/outbox.store.ts";
import { openTicketApplicant } from "../infra/stores/ticket-applicant.ts";
import type { Tx } from "../infra/stores/tx.ts";
import { MAX_REASON, type PrivacyDeps } from "./privacy-erasure.ts";

export {
  decideDeletion,
  finishErasure,
  type PrivacyDeps,
} from "./privacy-erasure.ts";

/** The "data saya" summary lists this many tickets, newest first. */
const MY_DATA_TICKETS = 10;

const OPEN_STATUSES = TICKET_STATUSES.filter((status) => !FINAL_TICKET_STATUSES.has(status));

/** A value sealed under a retired key: "not shown" rather than fail the whole view. */
function orNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
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
  const [tickets, ticketCount, complaints, pending, linked] = await Promise.all([
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
    linkedTickets(tx, contact.id),
  ]);
  const opened = tickets.map((ticket) => ({
    ticket,
    applicant:
      ticket.anonymisedAt === null ? orNull(() => openTicketApplicant(cipher, ticket)) : null,
  }));
  const phone =
    orNull(() => contactPhone(cipher, contact)) ??
    opened.find((t) => t.applicant?.phone)?.applicant?.phone ??
    null;
  await recordAudit(tx, {
    actor: { type: "USER", contactId: contact.id },
    action: "data.view.self",
    contactId: contact.id,
    detail: { tickets: ticketCount, complaints, linkedTickets: linked },
    at,
  });
  return {
    channel: contact.channel,
    language: contact.language === "EN" ? "en" : "id",
    phoneMasked: phone === null ? null : maskPhoneForUser(phone),
    tickets: opened.map(({ ticket, applicant }) => ({
      number: ticket.number,
      category: ticket.category,
      status: ticket.status,
      createdAt: ticket.createdAt.toISOString(),
      closedAt: ticket.closedAt?.toISOString() ?? null,
      name: applicant?.name ?? null,
      nikMasked: applicant?.nik ? maskNikForUser(applicant.nik) : null,
      emailMasked: applicant?.email ? maskEmailForUser(applicant.email) : null,
      organisation: ticket.anonymisedAt === null ? ticket.organisation : null,
      anonymised: ticket.anonymisedAt !== null,
      documents: ticket.attachments.map((doc) => ({
        kind: doc.kind,
        createdAt: doc.createdAt.toISOString(),
        purged: doc.purgedAt !== null,
      })),
    })),
    moreTickets: Math.max(0, ticketCount - tickets.length),
    linkedTickets: linked,
    complaints,
    deletionPendingSince: pending?.requestedAt.toISOString() ?? null,
  };
}

/**
 * Tickets filed from another contact (another channel or number) with one of
 * this contact's NIKs: counted, never shown (the bot cannot tell who typed a
 * NIK); an approved erasure includes them (privacy-erasure.ts).
 */
export async function linkedTickets(tx: Tx, contactId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM tickets t
    WHERE t.contact_id <> ${contactId}::uuid
      AND t.nik_hash IN (SELECT nik_hash FROM tickets WHERE contact_id = ${contactId}::uuid
                         AND nik_hash IS NOT NULL)`;
  return row?.n ?? 0;
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
