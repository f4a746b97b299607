import { v7 as uuidv7 } from "uuid";
import { QUEUE } from "../../contracts/queues.ts";
import type { TicketDraft } from "../../domain/conversation/index.ts";
import { formatTicketNumber } from "../../domain/shared/ticket-number.ts";
import type { Cipher } from "../crypto.ts";
import type { Contact, TicketStatus } from "../db.ts";
import { bound } from "../sealed-columns.ts";
import { addOutbox } from "./outbox.store.ts";
import type { Tx } from "./tx.ts";

export const NIK_HASH = "nik";

export class TicketDraftRejected extends Error {
  readonly code = "TICKET_DRAFT_REJECTED";
}

/** Next running number of the year; the row lock serialises concurrent tickets. */
async function nextSequence(tx: Tx, year: number): Promise<number> {
  const rows = await tx.$queryRaw<{ last_value: number }[]>`
    INSERT INTO ticket_sequences (year, last_value) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last_value = ticket_sequences.last_value + 1
    RETURNING last_value`;
  const value = rows[0]?.last_value;
  if (value === undefined) throw new Error("ticket sequence returned no row");
  return Number(value);
}

/** The year of a ticket number follows the WIB calendar, not UTC. */
function wibYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();
}

/**
 * Files the ticket in the caller's transaction: ticket, its documents, the
 * first event and the `ticket.created` outbox row commit together or not at all.
 */
export async function createTicket(
  tx: Tx,
  cipher: Cipher,
  contact: Pick<Contact, "id" | "channel">,
  draft: TicketDraft,
  at: Date,
  /** An agent filed it for the citizen (in person or by e-mail, the web console). */
  filedBy?: { agentId: string; source: "WALK_IN" | "EMAIL" },
): Promise<{ ticketId: string; number: string; outboxId: string }> {
  const year = wibYear(at);
  const number = formatTicketNumber(year, await nextSequence(tx, year));
  // Made here: every sealed answer is bound to this id.
  const id = uuidv7();
  const seal = (column: Parameters<typeof bound>[0], value: string) =>
    cipher.seal(value, bound(column, id));
  const ticket = await tx.ticket.create({
    data: {
      id,
      number,
      contactId: contact.id,
      channel: contact.channel,
      intake: filedBy?.source ?? "CHAT",
      language: draft.language === "en" ? "EN" : "ID",
      category: draft.category,
      applicantNameEnc: seal("tickets.applicant_name_enc", draft.name),
      nikEnc: seal("tickets.nik_enc", draft.nik),
      nikHash: cipher.hash(NIK_HASH, draft.nik),
      role: draft.role,
      organisation: draft.organisation,
      emailEnc: seal("tickets.email_enc", draft.email),
      phoneEnc: seal("tickets.phone_enc", draft.phone),
      tenderCode: draft.tenderCode ?? null,
      bidDeadline: draft.bidDeadline ? new Date(draft.bidDeadline) : null,
      actingForOther: draft.actingForOther,
      descriptionEnc: seal("tickets.description_enc", draft.description),
      consentAt: new Date(draft.consentAt),
      status: "BARU" satisfies TicketStatus,
      createdAt: at,
      events: {
        create: {
          toStatus: "BARU",
          reason: "Permohonan diajukan",
          createdAt: at,
          ...(filedBy
            ? {
                actorType: "AGENT",
                actorId: filedBy.agentId,
                data: { source: filedBy.source, via: "console" },
              }
            : { actorType: "USER", actorId: contact.id }),
        },
      },
    },
    select: { id: true },
  });
  for (const attachment of draft.attachments) {
    const { count } = await tx.attachment.updateMany({
      where: { id: attachment.mediaId, contactId: contact.id, ticketId: null },
      data: { ticketId: ticket.id, kind: attachment.kind },
    });
    // A document the draft names but we do not hold (discarded, or another
    // contact's) must not yield a ticket missing its KTP.
    if (count !== 1)
      throw new TicketDraftRejected(`attachment ${attachment.mediaId} is not available`);
  }
  const outboxId = await addOutbox(tx, QUEUE.tickets, "ticket.created", { ticketId: ticket.id });
  return { ticketId: ticket.id, number, outboxId };
}

/** A ticket's status, only for the contact who filed it. */
export async function findOwnTicket(tx: Tx, contactId: string, number: string) {
  return tx.ticket.findFirst({
    where: { number: number.toUpperCase(), contactId },
    select: { status: true, updatedAt: true, number: true },
  });
}
