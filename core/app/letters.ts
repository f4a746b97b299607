// The "Surat Keterangan Gangguan LPSE" for a ticket. A preview renders the
// letter with a PRATINJAU / PREVIEW mark and takes no number; issuing takes
// the next number of the year (table letter_sequences), stores the PDF with
// the ticket, records the letter, queues it to the user and writes the audit
// trail in ONE transaction: a failure anywhere rolls the number back, so a
// number is never lost to a half-done issue, and the row lock of the
// sequence's upsert makes concurrent issues take turns, so none is reused.
// A letter issued from the web console also queues, in that transaction, the
// desk's `letter-issued` job, which posts it in the ticket's Telegram topic
// (the desk's /surat posts it there itself).
import { z } from "zod";
import {
  disruptionLetterCaption,
  disruptionLetterFileName,
} from "../content/messages/documents.messages.ts";
import { QUEUE } from "../contracts/queues.ts";
import {
  type DisruptionLetterData,
  renderDisruptionLetter,
} from "../documents/disruption-letter.pdf.ts";
import { formatLetterNumber } from "../documents/letter-number.ts";
import { err, ok, type Result } from "../domain/shared/result.ts";
import { recordAudit } from "../infra/stores/audit.store.ts";
import { storeGeneratedDocument } from "../infra/stores/generated-document.store.ts";
import { queueUserMessage } from "../infra/stores/outbound.store.ts";
import { addOutbox, publishOutbox } from "../infra/stores/outbox.store.ts";
import type { Tx } from "../infra/stores/tx.ts";
import type { DocumentDeps } from "./request-form.ts";

/** The series of disruption letters in letter_sequences. */
export const DISRUPTION_LETTER_SERIES = "SKG";

export const disruptionLetterInputSchema = z
  .object({
    ticketId: z.uuid(),
    tenderCode: z.string().trim().min(1).max(100),
    disruptionStart: z.coerce.date(),
    disruptionEnd: z.coerce.date(),
    affectedParties: z.string().trim().min(1).max(1000),
    /** The agent issuing it (agents.id); null when the system does. */
    agentId: z.uuid().nullable(),
  })
  .refine((v) => v.disruptionEnd.getTime() >= v.disruptionStart.getTime(), {
    message: "disruptionEnd must not be before disruptionStart",
    path: ["disruptionEnd"],
  });
export type DisruptionLetterInput = z.input<typeof disruptionLetterInputSchema>;

export type LetterError =
  | { code: "TICKET_NOT_FOUND"; message: string; messageEn: string }
  | { code: "INVALID_INPUT"; message: string; messageEn: string; issues: string[] };

export interface IssuedLetter {
  letterId: string;
  number: string;
  year: number;
  sequence: number;
  attachmentId: string;
  fileName: string;
  pdf: Buffer;
}

const wibYear = (at: Date) => new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();

const notFound = (): LetterError => ({
  code: "TICKET_NOT_FOUND",
  message: "Tiket tidak ditemukan.",
  messageEn: "Ticket not found.",
});

function parseInput(input: DisruptionLetterInput) {
  const parsed = disruptionLetterInputSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  return err<LetterError>({
    code: "INVALID_INPUT",
    message: `Data surat belum lengkap atau tidak valid: ${issues.join("; ")}`,
    messageEn: `The letter's details are incomplete or invalid: ${issues.join("; ")}`,
    issues,
  });
}

/** Next number of the series in the year; the upsert's row lock serialises issuers. */
async function nextLetterSequence(tx: Tx, series: string, year: number): Promise<number> {
  const rows = await tx.$queryRaw<{ last_value: number }[]>`
    INSERT INTO letter_sequences (series, year, last_value) VALUES (${series}, ${year}, 1)
    ON CONFLICT (series, year) DO UPDATE SET last_value = letter_sequences.last_value + 1
    RETURNING last_value`;
  const value = rows[0]?.last_value;
  if (value === undefined) throw new Error("letter sequence returned no row");
  return Number(value);
}

function letterData(
  deps: Pick<DocumentDeps, "documents">,
  input: z.output<typeof disruptionLetterInputSchema>,
  ticketNumber: string,
  number: string | null,
  issuedAt: Date,
): DisruptionLetterData {
  return {
    office: { name: deps.documents.officeName, address: deps.documents.officeAddress },
    number,
    issuedAt,
    ticketNumber,
    tenderCode: input.tenderCode,
    disruptionStart: input.disruptionStart,
    disruptionEnd: input.disruptionEnd,
    affectedParties: input.affectedParties,
    signer: deps.documents.signer,
  };
}

/** The letter as it would be issued now, marked PRATINJAU / PREVIEW and unnumbered. */
export async function previewDisruptionLetter(
  deps: Pick<DocumentDeps, "prisma" | "documents" | "now">,
  input: DisruptionLetterInput,
): Promise<Result<{ pdf: Buffer; fileName: string }, LetterError>> {
  const parsed = parseInput(input);
  if (!parsed.ok) return parsed;
  const ticket = await deps.prisma.ticket.findUnique({
    where: { id: parsed.value.ticketId },
    select: { number: true },
  });
  if (!ticket) return err(notFound());
  const at = (deps.now ?? (() => new Date()))();
  const pdf = await renderDisruptionLetter(letterData(deps, parsed.value, ticket.number, null, at));
  return ok({ pdf, fileName: disruptionLetterFileName(null) });
}

/**
 * Issues the letter: numbered, stored (attachment DISRUPTION_LETTER and a
 * disruption_letters row), sent to the user as a document and audited
 * ("letter.issue"), all or nothing. `via` names where it was issued from
 * when not the desk (the web console), in the audit entry; a letter from the
 * console is also posted in the ticket's topic by the desk (ids only).
 */
export async function issueDisruptionLetter(
  deps: DocumentDeps,
  input: DisruptionLetterInput,
  opts: { via?: "console" } = {},
): Promise<Result<IssuedLetter, LetterError>> {
  const parsed = parseInput(input);
  if (!parsed.ok) return parsed;
  const letter = parsed.value;
  const at = (deps.now ?? (() => new Date()))();
  const year = wibYear(at);
  const result = await deps.prisma.$transaction(
    async (tx) => {
      const ticket = await tx.ticket.findUnique({
        where: { id: letter.ticketId },
        include: { contact: true },
      });
      if (!ticket) return null;
      const sequence = await nextLetterSequence(tx, DISRUPTION_LETTER_SERIES, year);
      const number = formatLetterNumber(deps.documents.letterNumberFormat, sequence, year);
      const pdf = await renderDisruptionLetter(letterData(deps, letter, ticket.number, number, at));
      const attachmentId = await storeGeneratedDocument(tx, deps.cipher, {
        contactId: ticket.contactId,
        ticketId: ticket.id,
        kind: "DISRUPTION_LETTER",
        bytes: pdf,
      });
      const row = await tx.disruptionLetter.create({
        data: {
          number,
          series: DISRUPTION_LETTER_SERIES,
          year,
          sequence,
          ticketId: ticket.id,
          tenderCode: letter.tenderCode,
          disruptionStart: letter.disruptionStart,
          disruptionEnd: letter.disruptionEnd,
          affectedParties: letter.affectedParties,
          signerName: deps.documents.signer.name,
          signerPosition: deps.documents.signer.position,
          signerNip: deps.documents.signer.nip,
          issuedById: letter.agentId,
          attachmentId,
          issuedAt: at,
        },
        select: { id: true },
      });
      const fileName = disruptionLetterFileName(number);
      const language = ticket.language === "EN" ? "en" : "id";
      const { outboxId } = await queueUserMessage(tx, deps.cipher, ticket.contact, {
        kind: "document",
        attachmentId,
        fileName,
        caption: disruptionLetterCaption(number, ticket.number)[language],
      });
      await recordAudit(tx, {
        actor: letter.agentId
          ? { type: "AGENT", agentId: letter.agentId }
          : { type: "SYSTEM", name: "letters" },
        action: "letter.issue",
        ticketId: ticket.id,
        contactId: ticket.contactId,
        detail: {
          letterId: row.id,
          number,
          attachmentId,
          tenderCode: letter.tenderCode,
          ...(opts.via ? { via: opts.via } : {}),
        },
        at,
      });
      const deskId =
        opts.via === "console"
          ? await addOutbox(tx, QUEUE.desk, "letter.issued", {
              type: "letter-issued",
              ticketId: ticket.id,
              letterId: row.id,
            })
          : null;
      return {
        letter: { letterId: row.id, number, year, sequence, attachmentId, fileName, pdf },
        outboxIds: deskId ? [outboxId, deskId] : [outboxId],
      };
    },
    // Issuers queue on the sequence's row lock while each renders its PDF.
    { maxWait: 60_000, timeout: 60_000 },
  );
  if (!result) return err(notFound());
  await publishOutbox(deps.prisma, deps.queueFor, { ids: result.outboxIds }).catch((e) =>
    deps.logger.warn(
      { err: e, letterId: result.letter.letterId },
      "Fast publish failed; the outbox relay will retry",
    ),
  );
  return ok(result.letter);
}
