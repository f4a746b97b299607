// The request form (Formulir Permohonan Penanganan Masalah Pengguna): once a
// ticket is routed, its answers are rendered into a PDF, stored encrypted with
// the ticket (attachment kind REQUEST_FORM) and sent to the user as their
// receipt, and posted for the agents. Idempotent: the ticket row is locked while we look for an existing
// form, so a retried or duplicated job neither stores nor sends a second one.
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import { DEFAULT_CATEGORIES, ROLES } from "../content/index.ts";
import type { Language } from "../content/language.ts";
import {
  ATTACHMENT_KIND_LABELS,
  requestFormCaption,
  requestFormFileName,
} from "../content/messages/documents.messages.ts";
import { QUEUE } from "../contracts/queues.ts";
import { type RequestFormData, renderRequestForm } from "../documents/request-form.pdf.ts";
import { maskNikForUser, maskPhoneForUser } from "../domain/privacy/mask.ts";
import type { Cipher } from "../infra/crypto.ts";
import type { PrismaClient } from "../infra/db.ts";
import { storeGeneratedDocument } from "../infra/stores/generated-document.store.ts";
import { queueUserMessage } from "../infra/stores/outbound.store.ts";
import { addOutbox, publishOutbox, type QueueFor } from "../infra/stores/outbox.store.ts";
import { openTicketApplicant } from "../infra/stores/ticket-applicant.ts";

export interface DocumentDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  queueFor: QueueFor;
  logger: Logger;
  documents: Config["documents"];
  now?: () => Date;
}

export type RequestFormOutcome = "created" | "exists" | "not found";

/** The order documents are listed in on the form. */
const KIND_ORDER = ["KTP", "SURAT_KUASA", "REQUEST_LETTER", "SCREENSHOT", "OTHER"] as const;

const languageOf = (ticket: { language: "ID" | "EN" }): Language =>
  ticket.language === "EN" ? "en" : "id";

/** The form's content for a ticket; the NIK and phone leave here masked. */
export async function requestFormData(
  deps: Pick<DocumentDeps, "prisma" | "cipher" | "documents">,
  ticketId: string,
): Promise<RequestFormData | null> {
  const ticket = await deps.prisma.ticket.findUnique({
    where: { id: ticketId },
    include: { attachments: { select: { kind: true } } },
  });
  if (!ticket) return null;
  const l = languageOf(ticket);
  const counts = new Map<string, number>();
  for (const { kind } of ticket.attachments) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const applicant = openTicketApplicant(deps.cipher, ticket);
  const nik = applicant.nik === null ? "-" : maskNikForUser(applicant.nik);
  const phone = applicant.phone === null ? "-" : maskPhoneForUser(applicant.phone);
  const category = DEFAULT_CATEGORIES.find((c) => c.id === ticket.category);
  const role = ROLES.find((r) => r.id === ticket.role);
  return {
    language: l,
    office: { name: deps.documents.officeName, address: deps.documents.officeAddress },
    ticketNumber: ticket.number,
    submittedAt: ticket.createdAt,
    applicant: {
      name: applicant.name ?? "-",
      maskedNik: nik,
      role: role ? role.label[l] : (ticket.role ?? "-"),
      organisation: ticket.organisation ?? "-",
      email: applicant.email ?? "-",
      maskedPhone: phone,
    },
    category: category ? category.label[l] : ticket.category,
    tenderCode: ticket.tenderCode,
    bidDeadline: ticket.bidDeadline,
    actingForOther: ticket.actingForOther,
    description: applicant.description ?? "-",
    attachments: KIND_ORDER.filter((kind) => counts.has(kind)).map((kind) => ({
      label: ATTACHMENT_KIND_LABELS[kind]?.[l] ?? kind,
      count: counts.get(kind) ?? 0,
    })),
    consentAt: ticket.consentAt,
  };
}

/**
 * Renders, stores and sends the ticket's request form unless it already has
 * one. Run by the documents worker once the ticket is routed
 * (core/app/jobs/documents.worker.ts); safe to run any number of times.
 */
export async function ensureRequestForm(
  deps: DocumentDeps,
  ticketId: string,
): Promise<RequestFormOutcome> {
  if (await requestFormAttachmentId(deps.prisma, ticketId)) return "exists";
  const data = await requestFormData(deps, ticketId);
  if (!data) return "not found";
  const pdf = await renderRequestForm(data);
  const result = await deps.prisma.$transaction(async (tx) => {
    // The row lock serialises two runs for the same ticket: the second one
    // waits here and then finds the first one's form.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM tickets WHERE id = ${ticketId}::uuid FOR UPDATE`;
    if (locked.length === 0) return { outcome: "not found" as const, ids: [] };
    const existing = await tx.attachment.findFirst({
      where: { ticketId, kind: "REQUEST_FORM" },
      select: { id: true },
    });
    if (existing) return { outcome: "exists" as const, ids: [] };
    const ticket = await tx.ticket.findUniqueOrThrow({
      where: { id: ticketId },
      include: { contact: true },
    });
    const attachmentId = await storeGeneratedDocument(tx, deps.cipher, {
      contactId: ticket.contactId,
      ticketId,
      kind: "REQUEST_FORM",
      bytes: pdf,
    });
    const l = languageOf(ticket);
    const { outboxId } = await queueUserMessage(tx, deps.cipher, ticket.contact, {
      kind: "document",
      attachmentId,
      fileName: requestFormFileName(ticket.number, l),
      caption: requestFormCaption(ticket.number)[l],
    });
    // The agents see it in the ticket's topic: posted there if the topic is
    // open, else by the opening (bot/agent-desk/desk.ticket-events.ts).
    const deskId = await addOutbox(tx, QUEUE.deskBulk, "ticket.document", {
      type: "ticket-document",
      ticketId,
      attachmentId,
    });
    return { outcome: "created" as const, ids: [outboxId, deskId] };
  });
  if (result.ids.length > 0) {
    await publishOutbox(deps.prisma, deps.queueFor, { ids: result.ids }).catch((e) =>
      deps.logger.warn({ err: e, ticketId }, "Fast publish failed; the outbox relay will retry"),
    );
  }
  return result.outcome;
}

/**
 * The id of the ticket's request form (an Attachment of kind REQUEST_FORM),
 * for the agent desk to post in the ticket's topic; null before it exists.
 * Read the bytes with readMedia (core/infra/stores/media.store.ts).
 */
export async function requestFormAttachmentId(
  prisma: PrismaClient,
  ticketId: string,
): Promise<string | null> {
  const row = await prisma.attachment.findFirst({
    where: { ticketId, kind: "REQUEST_FORM", purgedAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return row?.id ?? null;
}
