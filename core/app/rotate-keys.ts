// Re-encrypts what is stored under an old master key with the active one:
// documents only get their data key re-wrapped (60 bytes each, the photo itself
// is untouched); sealed fields are opened and sealed again. Safe to run twice
// and to stop half-way: every row is done in its own small update.
import type { Cipher } from "../infra/crypto.ts";
import type { PrismaClient } from "../infra/db.ts";

export interface RotationReport {
  attachments: number;
  sealedFields: Record<string, number>;
}

/** Every sealed column. */
export const SEALED_COLUMNS = [
  { table: "attachments", column: "caption_enc" },
  { table: "contacts", column: "external_id_enc" },
  { table: "contacts", column: "phone_enc" },
  { table: "conversations", column: "state_enc" },
  { table: "conversations", column: "prior_state_enc" },
  { table: "tickets", column: "nik_enc" },
  { table: "tickets", column: "phone_enc" },
  { table: "outbound_messages", column: "body_enc" },
  { table: "desk_relays", column: "body_enc" },
  { table: "whatsapp_auth_state", column: "value" },
  { table: "whatsapp_lid_mappings", column: "pn_enc" },
  { table: "whatsapp_sent_messages", column: "message_enc" },
  { table: "telegram_inbox", column: "update_enc" },
] as const;

export async function rotateKeys(
  prisma: PrismaClient,
  cipher: Cipher,
  onProgress: (done: number, what: string) => void = () => {},
): Promise<RotationReport> {
  const report: RotationReport = { attachments: 0, sealedFields: {} };
  for (;;) {
    const batch = await prisma.attachment.findMany({
      where: { keyId: { not: cipher.activeKeyId }, purgedAt: null },
      select: { id: true, keyId: true, wrappedKey: true },
      take: 200,
    });
    if (batch.length === 0) break;
    for (const row of batch) {
      const rewrapped = cipher.rewrap({
        keyId: row.keyId,
        wrappedKey: Buffer.from(row.wrappedKey),
      });
      // Guarded on the old key id: a concurrent rotation does not wrap twice.
      await prisma.attachment.updateMany({
        where: { id: row.id, keyId: row.keyId },
        data: rewrapped,
      });
      report.attachments++;
    }
    onProgress(report.attachments, "attachments");
  }
  const active = Buffer.from(cipher.activeKeyId);
  for (const { table, column } of SEALED_COLUMNS) {
    let done = 0;
    // Sealed box layout: [version, id length, id bytes, ...]; compare the id in SQL.
    for (;;) {
      // Rows are found again by their physical id (some tables have composite
      // keys); the value guard below makes a row changed meanwhile a no-op.
      const rows = await prisma.$queryRawUnsafe<{ id: string; value: Uint8Array }[]>(
        `SELECT ctid::text AS id, ${column} AS value FROM ${table}
         WHERE ${column} IS NOT NULL
           AND substring(${column} from 3 for get_byte(${column}, 1)) <> $1
         LIMIT 200`,
        active,
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const sealed = Buffer.from(row.value);
        const resealed = cipher.seal(cipher.open(sealed));
        await prisma.$executeRawUnsafe(
          `UPDATE ${table} SET ${column} = $1 WHERE ctid = $2::tid AND ${column} = $3`,
          resealed,
          row.id,
          sealed,
        );
        done++;
      }
      onProgress(done, `${table}.${column}`);
    }
    report.sealedFields[`${table}.${column}`] = done;
  }
  return report;
}
