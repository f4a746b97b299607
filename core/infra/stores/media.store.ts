import { createHash } from "node:crypto";
import { checkFile, type FileCheck } from "../../domain/media/file-type.ts";
import type { Cipher } from "../crypto.ts";
import type { PrismaClient } from "../db.ts";
import type { Tx } from "./tx.ts";

export type StoredMediaResult =
  | { ok: true; mediaId: string; mime: string; size: number; sha256: string }
  | Extract<FileCheck, { ok: false }>;

/**
 * Checks a file by its bytes and stores it encrypted, not yet attached to a
 * ticket (kind OTHER until the ticket claims it with its real kind).
 */
export async function storeMedia(
  prisma: PrismaClient,
  cipher: Cipher,
  input: { contactId: string; bytes: Uint8Array; maxBytes: number },
): Promise<StoredMediaResult> {
  const check = checkFile(input.bytes, input.maxBytes);
  if (!check.ok) return check;
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const envelope = cipher.encryptObject(Buffer.from(input.bytes));
  const row = await prisma.attachment.create({
    data: {
      contactId: input.contactId,
      kind: "OTHER",
      mime: check.mime,
      size: check.size,
      sha256,
      keyId: envelope.keyId,
      wrappedKey: envelope.wrappedKey,
      data: envelope.ciphertext,
    },
    select: { id: true },
  });
  return { ok: true, mediaId: row.id, mime: check.mime, size: check.size, sha256 };
}

export async function readMedia(
  prisma: PrismaClient,
  cipher: Cipher,
  mediaId: string,
): Promise<{ bytes: Buffer; mime: string } | null> {
  const row = await prisma.attachment.findUnique({ where: { id: mediaId } });
  if (!row?.data || row.purgedAt) return null;
  const bytes = cipher.decryptObject({
    keyId: row.keyId,
    wrappedKey: Buffer.from(row.wrappedKey),
    ciphertext: Buffer.from(row.data),
  });
  return { bytes, mime: row.mime };
}

/** Drops files no draft refers to any more; files of a ticket are never touched. */
export async function discardMedia(
  tx: Tx,
  contactId: string,
  mediaIds: readonly string[],
): Promise<number> {
  if (mediaIds.length === 0) return 0;
  const { count } = await tx.attachment.deleteMany({
    where: { id: { in: [...mediaIds] }, contactId, ticketId: null },
  });
  return count;
}
