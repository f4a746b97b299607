import { createHash } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import { DEFAULT_MAX_PIXELS, type FileCheck } from "../../domain/media/media-policy.ts";
import type { Cipher } from "../crypto.ts";
import type { PrismaClient } from "../db.ts";
import { checkFile } from "../media/file-type.ts";
import { sharedImageSanitizer } from "../media/image-sanitizer.ts";
import { ATTACHMENT_DATA, bound } from "../sealed-columns.ts";
import type { Tx } from "./tx.ts";

export type StoredMediaResult =
  | { ok: true; mediaId: string; mime: string; size: number; sha256: string }
  | Extract<FileCheck, { ok: false }>
  /** A PDF that can act when opened (scripts, actions, files inside) or is encrypted. */
  | { ok: false; reason: "ACTIVE_CONTENT"; size: number; maxBytes: number }
  /** The sender is over the rate limit (core/app/flood-guard.ts); nothing was stored. */
  | { ok: false; reason: "RATE_LIMITED"; size: number; maxBytes: number };

/**
 * Checks a file by its bytes, rebuilds images without their metadata (EXIF
 * GPS, text chunks; see core/infra/media/) and stores the result encrypted,
 * not yet attached to a ticket (kind OTHER until the ticket claims it with its
 * real kind). A file that is not what its first bytes claim, a decompression
 * bomb or an image that does not decode is refused as UNSUPPORTED_TYPE: the
 * user gets the same "not a file we can take" answer as for any other refused
 * file; a PDF with scripts or files inside as ACTIVE_CONTENT, which has its own.
 */
export async function storeMedia(
  prisma: PrismaClient,
  cipher: Cipher,
  input: {
    contactId: string;
    bytes: Uint8Array;
    maxBytes: number;
    maxPixels?: number;
    /** The channel's id of the message that brought the file (for "delete for everyone"). */
    sourceMessageId?: string;
  },
): Promise<StoredMediaResult> {
  const check = await checkFile(input.bytes, input.maxBytes);
  if (!check.ok) return check;
  const clean = await sharedImageSanitizer().sanitize(
    input.bytes,
    check.mime,
    input.maxPixels ?? DEFAULT_MAX_PIXELS,
  );
  if (!clean.ok) {
    const reason = clean.reason === "ACTIVE_CONTENT" ? "ACTIVE_CONTENT" : "UNSUPPORTED_TYPE";
    return { ok: false, reason, size: check.size, maxBytes: input.maxBytes };
  }
  const bytes = clean.bytes;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const id = uuidv7();
  const envelope = cipher.encryptObject(Buffer.from(bytes), bound(ATTACHMENT_DATA, id));
  const row = await prisma.attachment.create({
    data: {
      id,
      contactId: input.contactId,
      kind: "OTHER",
      mime: clean.mime,
      size: bytes.length,
      sha256,
      keyId: envelope.keyId,
      wrappedKey: envelope.wrappedKey,
      data: envelope.ciphertext,
      sourceMessageId: input.sourceMessageId ?? null,
    },
    select: { id: true },
  });
  return { ok: true, mediaId: row.id, mime: clean.mime, size: bytes.length, sha256 };
}

/**
 * Keeps what the user wrote with a file, sealed, on the file's row: it goes
 * wherever the file goes and is erased with it. Only a file of this contact
 * that no ticket has claimed yet (the message that brought it).
 */
export async function sealMediaCaption(
  tx: Tx,
  cipher: Cipher,
  contactId: string,
  mediaId: string,
  caption: string,
): Promise<void> {
  await tx.attachment.updateMany({
    where: { id: mediaId, contactId, ticketId: null, purgedAt: null },
    data: { captionEnc: cipher.seal(caption, bound("attachments.caption_enc", mediaId)) },
  });
}

/** The file's bytes, and the caption the user wrote with it (null: none). */
export async function readMedia(
  prisma: Tx,
  cipher: Cipher,
  mediaId: string,
): Promise<{ bytes: Buffer; mime: string; caption: string | null } | null> {
  const row = await prisma.attachment.findUnique({ where: { id: mediaId } });
  if (!row?.data || row.purgedAt) return null;
  const bytes = cipher.decryptObject(
    {
      keyId: row.keyId,
      wrappedKey: Buffer.from(row.wrappedKey),
      ciphertext: Buffer.from(row.data),
    },
    bound(ATTACHMENT_DATA, row.id),
  );
  const caption = row.captionEnc
    ? cipher.openText(Buffer.from(row.captionEnc), bound("attachments.caption_enc", row.id))
    : null;
  return { bytes, mime: row.mime, caption };
}

/**
 * Drops files no draft refers to any more; files of a ticket are never
 * touched, and a withdrawn file keeps its (empty) row as the record of it.
 */
export async function discardMedia(
  tx: Tx,
  contactId: string,
  mediaIds: readonly string[],
): Promise<number> {
  if (mediaIds.length === 0) return 0;
  const { count } = await tx.attachment.deleteMany({
    where: { id: { in: [...mediaIds] }, contactId, ticketId: null, withdrawnAt: null },
  });
  return count;
}

/**
 * "Delete for everyone" of the message that brought a file: the row is
 * marked withdrawn and its bytes and caption are erased at once, wherever the
 * file went (a draft, a ticket, the agents). Returns the files it hit.
 */
export async function withdrawMessageMedia(
  tx: Tx,
  contactId: string,
  sourceMessageId: string,
  now: Date,
): Promise<string[]> {
  const rows = await tx.attachment.findMany({
    where: { contactId, sourceMessageId, withdrawnAt: null },
    select: { id: true },
  });
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  await tx.attachment.updateMany({
    where: { id: { in: ids } },
    data: {
      withdrawnAt: now,
      data: null,
      storageKey: null,
      wrappedKey: new Uint8Array(0),
      captionEnc: null,
      purgedAt: now,
    },
  });
  return ids;
}
