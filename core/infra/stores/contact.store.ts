import { v7 as uuidv7 } from "uuid";
import type { ChannelName, Sender } from "../../contracts/messages.ts";
import type { Cipher } from "../crypto.ts";
import { type Contact, Prisma } from "../db.ts";
import { bound } from "../sealed-columns.ts";
import type { Tx } from "./tx.ts";

const EXTERNAL_ID = "channel-external-id";

/** The keyed hash a contact is found by: one per channel identity. */
export function contactIdHash(cipher: Cipher, channel: ChannelName, externalId: string): string {
  return cipher.hash(EXTERNAL_ID, `${channel}:${externalId}`);
}

/**
 * Finds the contact behind a channel identity, creating it on first contact.
 * The channel id is stored sealed (a WhatsApp JID is a phone number) and found
 * again through its keyed hash.
 */
export async function resolveContact(
  tx: Tx,
  cipher: Cipher,
  channel: ChannelName,
  sender: Sender,
): Promise<Contact> {
  const externalIdHash = contactIdHash(cipher, channel, sender.externalId);
  const found = await tx.contact.findUnique({
    where: { channel_externalIdHash: { channel, externalIdHash } },
  });
  if (found) return found;
  // Two first messages racing: the loser's insert conflicts and re-reads.
  // The id is made here: the sealed fields are bound to it.
  const id = uuidv7();
  await tx.contact.createMany({
    data: [
      {
        id,
        channel,
        externalIdHash,
        externalIdEnc: cipher.seal(sender.externalId, bound("contacts.external_id_enc", id)),
        phoneEnc: sender.phone ? cipher.seal(sender.phone, bound("contacts.phone_enc", id)) : null,
        displayName: sender.displayName ?? null,
      },
    ],
    skipDuplicates: true,
  });
  return tx.contact.findUniqueOrThrow({
    where: { channel_externalIdHash: { channel, externalIdHash } },
  });
}

/** A contact row's columns as Prisma names them, read from `contacts c` by raw SQL. */
export const CONTACT_COLUMNS = Prisma.sql`c.id::text AS id, c.channel::text AS channel,
  c.external_id_hash AS "externalIdHash", c.external_id_enc AS "externalIdEnc",
  c.phone_enc AS "phoneEnc", c.display_name AS "displayName", c.language::text AS language,
  c.blocked, c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

export function contactExternalId(
  cipher: Cipher,
  contact: Pick<Contact, "id" | "externalIdEnc">,
): string {
  return cipher.openText(
    Buffer.from(contact.externalIdEnc),
    bound("contacts.external_id_enc", contact.id),
  );
}

/** The phone number the channel told us (WhatsApp), or null. */
export function contactPhone(cipher: Cipher, contact: Pick<Contact, "id" | "phoneEnc">) {
  return contact.phoneEnc === null
    ? null
    : cipher.openText(Buffer.from(contact.phoneEnc), bound("contacts.phone_enc", contact.id));
}
