// Re-encrypts what is stored under an old master key with the active one, and
// binds every box to its row: documents only get their data key re-wrapped
// (61 bytes each, the photo itself is untouched); sealed fields are opened and
// sealed again; ticket answers stored in plain text before sealing are sealed.
// Safe to run twice and to stop half-way: every row is done in its own small
// update, guarded on the value it read.
//
// Boxes written before binding (v1) open under the "accept" policy only until
// a run has bound every stored box: that run appends "crypto.bound" to the
// append-only audit log, and from then on every process refuses unbound boxes
// (see readUnboundPolicy, used where the cipher is built).
import type { Cipher, UnboundPolicy } from "../infra/crypto.ts";
import { BOUND_BOX_VERSION, UNBOUND_WRAPPED_KEY_BYTES } from "../infra/crypto-format.ts";
import type { PrismaClient } from "../infra/db.ts";
import {
  ATTACHMENT_DATA,
  bound,
  SEALED_COLUMNS,
  type SealedColumn,
} from "../infra/sealed-columns.ts";
import { recordAudit } from "../infra/stores/audit.store.ts";

export interface RotationReport {
  attachments: number;
  sealedFields: Record<string, number>;
  /** Tickets whose plain-text name, e-mail or description were sealed. */
  plainTicketFields: number;
  /** Every stored box is bound and under the active key. */
  complete: boolean;
}

/** The audit action that closes the door on unbound boxes. */
export const BOUND_MARKER = "crypto.bound";
const BATCH = 200;

/** "refuse" once a rotation has bound every box, else "accept" (an upgraded database). */
export async function readUnboundPolicy(prisma: PrismaClient): Promise<UnboundPolicy> {
  const marker = await prisma.auditLog.findFirst({
    where: { action: BOUND_MARKER },
    select: { id: true },
  });
  return marker ? "refuse" : "accept";
}

async function rewrapAttachments(prisma: PrismaClient, cipher: Cipher): Promise<number> {
  let done = 0;
  for (;;) {
    // Stale: under an old key, or wrapped before binding (v1 keys are 60 bytes).
    const rows = await prisma.$queryRaw<{ id: string; keyId: string; wrappedKey: Uint8Array }[]>`
      SELECT id::text AS id, key_id AS "keyId", wrapped_key AS "wrappedKey" FROM attachments
      WHERE purged_at IS NULL AND length(wrapped_key) > 0
        AND (key_id <> ${cipher.activeKeyId} OR length(wrapped_key) = ${UNBOUND_WRAPPED_KEY_BYTES})
      LIMIT ${BATCH}`;
    if (rows.length === 0) return done;
    for (const row of rows) {
      const wrappedKey = Buffer.from(row.wrappedKey);
      const rewrapped = cipher.rewrap(
        { keyId: row.keyId, wrappedKey },
        bound(ATTACHMENT_DATA, row.id),
      );
      // Guarded on the old wrapped key: a concurrent rotation does not wrap twice.
      await prisma.attachment.updateMany({
        where: { id: row.id, keyId: row.keyId, wrappedKey },
        data: rewrapped,
      });
      done++;
    }
  }
}

async function resealColumn(prisma: PrismaClient, cipher: Cipher, name: SealedColumn) {
  const [table, column] = name.split(".") as [string, string];
  const rowId = SEALED_COLUMNS[name];
  const active = Buffer.from(cipher.activeKeyId);
  let done = 0;
  for (;;) {
    // Box layout: [version, id length, id bytes, ...]; stale = unbound or another key.
    // Rows are found again by their physical id (some tables have composite
    // keys); the value guard makes a row changed meanwhile a no-op.
    const rows = await prisma.$queryRawUnsafe<{ ctid: string; rowId: string; value: Uint8Array }[]>(
      `SELECT ctid::text AS ctid, (${rowId}) AS "rowId", ${column} AS value FROM ${table}
       WHERE ${column} IS NOT NULL AND length(${column}) > 2
         AND (get_byte(${column}, 0) <> $2
              OR substring(${column} from 3 for get_byte(${column}, 1)) <> $1)
       LIMIT ${BATCH}`,
      active,
      BOUND_BOX_VERSION,
    );
    if (rows.length === 0) return done;
    for (const row of rows) {
      const sealed = Buffer.from(row.value);
      const where = bound(name, row.rowId);
      const resealed = cipher.seal(cipher.open(sealed, where), where);
      await prisma.$executeRawUnsafe(
        `UPDATE ${table} SET ${column} = $1 WHERE ctid = $2::tid AND ${column} = $3`,
        resealed,
        row.ctid,
        sealed,
      );
      done++;
    }
  }
}

/** Tickets filed before name, e-mail and description were sealed. */
async function sealPlainTicketFields(prisma: PrismaClient, cipher: Cipher): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await prisma.ticket.findMany({
      where: {
        OR: [
          { applicantName: { not: null } },
          { email: { not: null } },
          { description: { not: null } },
        ],
      },
      select: { id: true, applicantName: true, email: true, description: true, anonymisedAt: true },
      take: BATCH,
    });
    if (rows.length === 0) return done;
    for (const row of rows) {
      // An anonymised ticket's plain columns hold "[dihapus]" or nothing: just cleared.
      const seal = (column: SealedColumn, value: string | null) =>
        value === null || row.anonymisedAt !== null
          ? undefined
          : cipher.seal(value, bound(column, row.id));
      await prisma.ticket.updateMany({
        where: {
          id: row.id,
          applicantName: row.applicantName,
          email: row.email,
          description: row.description,
        },
        data: {
          applicantName: null,
          email: null,
          description: null,
          applicantNameEnc: seal("tickets.applicant_name_enc", row.applicantName),
          emailEnc: seal("tickets.email_enc", row.email),
          descriptionEnc: seal("tickets.description_enc", row.description),
        },
      });
      done++;
    }
  }
}

export async function rotateKeys(
  prisma: PrismaClient,
  cipher: Cipher,
  onProgress: (done: number, what: string) => void = () => {},
): Promise<RotationReport> {
  const attachments = await rewrapAttachments(prisma, cipher);
  onProgress(attachments, "attachments");
  const plainTicketFields = await sealPlainTicketFields(prisma, cipher);
  onProgress(plainTicketFields, "tickets (plain text sealed)");
  const sealedFields: Record<string, number> = {};
  for (const name of Object.keys(SEALED_COLUMNS) as SealedColumn[]) {
    sealedFields[name] = await resealColumn(prisma, cipher, name);
    onProgress(sealedFields[name], name);
  }
  // Rows written meanwhile are written bound; a last look confirms none is left.
  const complete =
    (await rewrapAttachments(prisma, cipher)) === 0 &&
    (await sealPlainTicketFields(prisma, cipher)) === 0 &&
    (
      await Promise.all(
        (Object.keys(SEALED_COLUMNS) as SealedColumn[]).map((n) => resealColumn(prisma, cipher, n)),
      )
    ).every((n) => n === 0);
  if (complete && (await readUnboundPolicy(prisma)) === "accept") {
    await recordAudit(prisma, {
      actor: { type: "SYSTEM", name: "keys-rotate" },
      action: BOUND_MARKER,
      detail: { activeKeyId: cipher.activeKeyId },
    });
  }
  return { attachments, sealedFields, plainTicketFields, complete };
}
