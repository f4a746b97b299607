// Storing a PDF the bot made (request form, disruption letter): encrypted
// like every other file (one data key per object, see core/infra/crypto.ts),
// attached to its ticket, in the caller's transaction.
import { createHash } from "node:crypto";
import type { Cipher } from "../crypto.ts";
import type { AttachmentKind } from "../db.ts";
import type { Tx } from "./tx.ts";

export async function storeGeneratedDocument(
  tx: Tx,
  cipher: Cipher,
  input: {
    contactId: string;
    ticketId: string;
    kind: Extract<AttachmentKind, "REQUEST_FORM" | "DISRUPTION_LETTER">;
    bytes: Buffer;
    mime?: string;
  },
): Promise<string> {
  const envelope = cipher.encryptObject(input.bytes);
  const row = await tx.attachment.create({
    data: {
      contactId: input.contactId,
      ticketId: input.ticketId,
      kind: input.kind,
      mime: input.mime ?? "application/pdf",
      size: input.bytes.length,
      sha256: createHash("sha256").update(input.bytes).digest("hex"),
      keyId: envelope.keyId,
      wrappedKey: envelope.wrappedKey,
      data: envelope.ciphertext,
    },
    select: { id: true },
  });
  return row.id;
}
