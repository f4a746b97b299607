import { createHash } from "node:crypto";
import { checkFile, type FileCheck } from "../../domain/media/file-type.ts";
import { DEFAULT_MAX_PIXELS } from "../../domain/media/image-sanitize.ts";
import type { Cipher } from "../crypto.ts";
import type { PrismaClient } from "../db.ts";
import { sharedImageSanitizer } from "../image-sanitizer.ts";
import type { Tx } from "./tx.ts";

export type StoredMediaResult =
  | { ok: true; mediaId: string; mime: string; size: number; sha256: string }
  | Extract<FileCheck, { ok: false }>
  /** The sender is over the rate limit (core/app/flood-guard.ts); nothing was stored. */
  | { ok: false; reason: "RATE_LIMITED"; size: number; maxBytes: number };

/**
 * Checks a file by its bytes, rebuilds images without their metadata (EXIF
 * GPS, text chunks; see image-sanitize.ts) and stores the result encrypted,
 * not yet attached to a ticket (kind OTHER until the ticket claims it with its
 * real kind). A file that is not what its first bytes claim, a decompression
 * bomb or a PDF with scripts is refused as UNSUPPORTED_TYPE: the user gets the
 * same "not a file we can take" answer as for any other refused file.
 */
export async function storeMedia(
  prisma: PrismaClient,
  cipher: Cipher,
  input: { contactId: string; bytes: Uint8Array; maxBytes: number; maxPixels?: number },
): Promise<StoredMediaResult> {
  const check = checkFile(input.bytes, input.maxBytes);
  if (!check.ok) return check;
  const clean = await sharedImageSanitizer().sanitize(
    input.bytes,
    check.mime,
    input.maxPixels ?? DEFAULT_MAX_PIXELS,
  );
  if (!clean.ok) {
    return { ok: false, reason: "UNSUPPORTED_TYPE", size: check.size, maxBytes: input.maxBytes };
  }
  const bytes = clean.bytes;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const envelope = cipher.encryptObject(Buffer.from(bytes));
  const row = await prisma.attachment.create({
    data: {
      contactId: input.contactId,
      kind: "OTHER",
      mime: check.mime,
      size: bytes.length,
      sha256,
      keyId: envelope.keyId,
      wrappedKey: envelope.wrappedKey,
      data: envelope.ciphertext,
    },
    select: { id: true },
  });
  return { ok: true, mediaId: row.id, mime: check.mime, size: bytes.length, sha256 };
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
