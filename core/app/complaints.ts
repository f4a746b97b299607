// Service complaints (pengaduan layanan): filed from the chat with a yearly
// number (ADU-2026-00001) and a due date, looked up by their owner, and
// answered by the service analyst, whose answer reaches the user on their
// channel. The answer is sealed: it may name the user and their case.

import { complaintAnswered } from "../content/index.ts";
import { QUEUE } from "../contracts/queues.ts";
import { formatComplaintNumber } from "../domain/shared/complaint-number.ts";
import type { Cipher } from "../infra/crypto.ts";
import type { Contact, PrismaClient } from "../infra/db.ts";
import type { Logger } from "../infra/logger.ts";
import { bound } from "../infra/sealed-columns.ts";
import { recordAudit } from "../infra/stores/audit.store.ts";
import { queueUserMessage } from "../infra/stores/outbound.store.ts";
import { addOutbox, publishOutbox, type QueueFor } from "../infra/stores/outbox.store.ts";
import type { Tx } from "../infra/stores/tx.ts";

/** Next running number of the year; the row lock makes concurrent complaints take turns. */
async function nextComplaintSequence(tx: Tx, year: number): Promise<number> {
  const rows = await tx.$queryRaw<{ last_value: number }[]>`
    INSERT INTO complaint_sequences (year, last_value) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last_value = complaint_sequences.last_value + 1
    RETURNING last_value`;
  const value = rows[0]?.last_value;
  if (value === undefined) throw new Error("complaint sequence returned no row");
  return Number(value);
}

/** The year of a complaint number follows the WIB calendar, not UTC. */
const wibYear = (at: Date) => new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();

/** Files a complaint in the caller's transaction, with its alert for the analyst. */
export async function fileComplaint(
  tx: Tx,
  contact: Pick<Contact, "id" | "channel">,
  input: { text: string; language: "id" | "en"; dueAt: string; at: Date },
): Promise<{ complaintId: string; number: string; outboxId: string }> {
  const year = wibYear(input.at);
  const sequence = await nextComplaintSequence(tx, year);
  const number = formatComplaintNumber(year, sequence);
  const complaint = await tx.complaint.create({
    data: {
      number,
      year,
      sequence,
      contactId: contact.id,
      channel: contact.channel,
      language: input.language === "en" ? "EN" : "ID",
      text: input.text,
      dueAt: new Date(input.dueAt),
    },
    select: { id: true },
  });
  // Routed to the service analyst through the agents' alert queue.
  const outboxId = await addOutbox(tx, QUEUE.agentAlerts, "complaint.filed", {
    type: "complaint",
    complaintId: complaint.id,
  });
  return { complaintId: complaint.id, number, outboxId };
}

/** A contact's own complaint, for "status ADU-…"; null when not theirs or not there. */
export async function findOwnComplaint(
  tx: Tx,
  cipher: Cipher,
  contactId: string,
  number: string,
): Promise<{
  status: "BARU" | "DITANGGAPI" | "SELESAI";
  dueAt: Date | null;
  outcome: string | null;
} | null> {
  const row = await tx.complaint.findFirst({ where: { number, contactId } });
  if (row === null) return null;
  return {
    status: row.status,
    dueAt: row.dueAt,
    outcome:
      row.outcomeEnc === null
        ? null
        : cipher.openText(Buffer.from(row.outcomeEnc), bound("complaints.outcome_enc", row.id)),
  };
}

export interface ComplaintAnswerDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  queueFor: QueueFor;
  logger: Logger;
  now?: () => Date;
}

export type ComplaintAnswerResult =
  | { type: "answered"; number: string; status: "DITANGGAPI" | "SELESAI" }
  | { type: "notFound" }
  /** Closed already: a closed complaint's answer is not rewritten. */
  | { type: "alreadyClosed"; number: string };

/**
 * The analyst's answer to a complaint: stored sealed, the status moved
 * (SELESAI closes it; DITANGGAPI answers while it is still followed up), the
 * user told on their channel in their language, the act audited. One
 * transaction: the answer is never recorded without the user's message.
 */
export async function answerComplaint(
  deps: ComplaintAnswerDeps,
  input: { number: string; outcome: string; close: boolean; agentId: string },
): Promise<ComplaintAnswerResult> {
  const now = deps.now ?? (() => new Date());
  const status = input.close ? ("SELESAI" as const) : ("DITANGGAPI" as const);
  const result = await deps.prisma.$transaction(async (tx) => {
    // Locked: two analysts answering at once take turns, and the second sees the first.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM complaints WHERE number = ${input.number} FOR UPDATE`;
    const id = locked[0]?.id;
    if (id === undefined) return { type: "notFound" } as const;
    const row = await tx.complaint.findUniqueOrThrow({ where: { id }, include: { contact: true } });
    if (row.status === "SELESAI") return { type: "alreadyClosed", number: row.number } as const;
    const at = now();
    await tx.complaint.update({
      where: { id },
      data: {
        status,
        outcomeEnc: deps.cipher.seal(input.outcome, bound("complaints.outcome_enc", id)),
        answeredAt: at,
        answeredById: input.agentId,
      },
    });
    const language = row.language === "EN" ? "en" : "id";
    const queued = await queueUserMessage(tx, deps.cipher, row.contact, {
      kind: "text",
      text: complaintAnswered(row.number, status, input.outcome)[language],
      markup: true,
    });
    await recordAudit(tx, {
      actor: { type: "AGENT", agentId: input.agentId },
      action: input.close ? "complaint.close" : "complaint.answer",
      contactId: row.contactId,
      detail: {
        complaintId: id,
        outboundMessageId: queued.messageId,
        length: input.outcome.length,
      },
    });
    return { type: "answered", number: row.number, status, outboxId: queued.outboxId } as const;
  });
  if (result.type !== "answered") return result;
  await publishOutbox(deps.prisma, deps.queueFor, { ids: [result.outboxId] }).catch((err) =>
    deps.logger.warn({ err }, "Fast publish failed; the outbox relay will retry"),
  );
  return { type: "answered", number: result.number, status: result.status };
}
