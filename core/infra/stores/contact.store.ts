import type { ChannelName, Sender } from "../../contracts/messages.ts";
import type { Cipher } from "../crypto.ts";
import type { Contact } from "../db.ts";
import type { Tx } from "./tx.ts";

const EXTERNAL_ID = "channel-external-id";

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
  const externalIdHash = cipher.hash(EXTERNAL_ID, `${channel}:${sender.externalId}`);
  const found = await tx.contact.findUnique({
    where: { channel_externalIdHash: { channel, externalIdHash } },
  });
  if (found) return found;
  // Two first messages racing: the loser's insert conflicts and re-reads.
  await tx.contact.createMany({
    data: [
      {
        channel,
        externalIdHash,
        externalIdEnc: cipher.seal(sender.externalId),
        phoneEnc: sender.phone ? cipher.seal(sender.phone) : null,
        displayName: sender.displayName ?? null,
      },
    ],
    skipDuplicates: true,
  });
  return tx.contact.findUniqueOrThrow({
    where: { channel_externalIdHash: { channel, externalIdHash } },
  });
}

export function contactExternalId(cipher: Cipher, contact: Pick<Contact, "externalIdEnc">): string {
  return cipher.openText(Buffer.from(contact.externalIdEnc));
}
