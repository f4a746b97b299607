// Storing a PDF the bot made (request form, disruption letter): encrypted
// like every other file (one data key per object, see core/infra/crypto.ts),
// attached to its ticket, in the caller's transaction.
import { createHash } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import type { Cipher } from "../crypto.ts";
import type { AttachmentKind } from "../db.ts";
import { ATTACHMENT_DATA, bound } from "../sealed-columns.ts";
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
  const id = uuidv7();
  const envelope = cipher.encryptObject(input.bytes, bound(ATTACHMENT_DATA, id));
  const row = await tx.attachment.create({
    data: {
      id,
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
