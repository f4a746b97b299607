// A document on file for a ticket, stored as the intake stores one: sealed
// with the test cipher, bound to its row.
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../core/infra/db.ts";
import { ATTACHMENT_DATA, bound } from "../../core/infra/sealed-columns.ts";
import { testCipher } from "./app.ts";

/** Stores `bytes` as a JPEG of `kind` on the ticket; returns the attachment's id. */
export async function attachFile(
  db: Database,
  ticket: { ticketId: string; contactId: string },
  kind: "KTP" | "SCREENSHOT",
  bytes: Buffer,
  sha256 = "0".repeat(64),
) {
  const id = uuidv7();
  const envelope = testCipher.encryptObject(bytes, bound(ATTACHMENT_DATA, id));
  await db.prisma.attachment.create({
    data: {
      id,
      contactId: ticket.contactId,
      ticketId: ticket.ticketId,
      kind,
      mime: "image/jpeg",
      size: bytes.length,
      sha256,
      keyId: envelope.keyId,
      wrappedKey: envelope.wrappedKey,
      data: envelope.ciphertext,
    },
  });
  return id;
}
