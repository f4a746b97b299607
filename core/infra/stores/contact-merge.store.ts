// One person, one contact: a channel may name the same person two ways
// (WhatsApp: a hidden LID first, the phone number later). When the link is
// learned, the contact known by the alias becomes the contact known by the
// primary id, with its conversation, tickets and everything else.
import type { ChannelName, Sender } from "../../contracts/messages.ts";
import type { Cipher } from "../crypto.ts";
import { bound } from "../sealed-columns.ts";
import { recordAudit } from "./audit.store.ts";
import { contactIdHash } from "./contact.store.ts";
import type { Tx } from "./tx.ts";

export type LinkOutcome =
  /** Nobody was known by the alias: nothing to do. */
  | { type: "none" }
  /** The alias contact is now known by the primary id (same contact id). */
  | { type: "rekeyed"; contactId: string }
  /** Both existed: the alias contact was folded into the primary one and deleted. */
  | { type: "merged"; contactId: string; from: string };

interface Row {
  id: string;
  externalIdHash: string;
  blocked: boolean;
  displayName: string | null;
  updatedAt: Date | null;
}

/**
 * Links `alias` (e.g. a LID JID) to `primary` (the phone-number JID) in the
 * caller's transaction. The two contact rows are locked first, so a message
 * of either being handled meanwhile waits, or retries on its version check.
 * When both have a conversation, the one the user touched last is kept: a
 * user mid-intake keeps their draft.
 */
export async function linkContactIdentity(
  tx: Tx,
  cipher: Cipher,
  channel: ChannelName,
  alias: string,
  primary: Sender,
): Promise<LinkOutcome> {
  const aliasHash = contactIdHash(cipher, channel, alias);
  const primaryHash = contactIdHash(cipher, channel, primary.externalId);
  const rows = await tx.$queryRaw<Row[]>`
    SELECT c.id::text AS id, c.external_id_hash AS "externalIdHash", c.blocked,
           c.display_name AS "displayName", v.updated_at AS "updatedAt"
    FROM contacts c LEFT JOIN conversations v ON v.contact_id = c.id
    WHERE c.channel = ${channel}::"Channel" AND c.external_id_hash IN (${aliasHash}, ${primaryHash})
    ORDER BY c.id FOR UPDATE OF c`;
  const from = rows.find((row) => row.externalIdHash === aliasHash);
  const into = rows.find((row) => row.externalIdHash === primaryHash);
  if (!from) return { type: "none" };
  if (!into) {
    await tx.contact.update({
      where: { id: from.id },
      data: {
        externalIdHash: primaryHash,
        externalIdEnc: cipher.seal(primary.externalId, bound("contacts.external_id_enc", from.id)),
        ...(primary.phone
          ? { phoneEnc: cipher.seal(primary.phone, bound("contacts.phone_enc", from.id)) }
          : {}),
      },
    });
    return { type: "rekeyed", contactId: from.id };
  }
  await foldInto(tx, cipher, from, into);
  await recordAudit(tx, {
    actor: { type: "SYSTEM", name: "identity" },
    action: "contact.merge",
    contactId: into.id,
    detail: { from: from.id, channel },
  });
  return { type: "merged", contactId: into.id, from: from.id };
}

/**
 * A conversation's boxes are bound to its contact (sealed-columns.ts): moved
 * to another contact, they are opened under the old binding and sealed anew.
 */
async function moveConversation(tx: Tx, cipher: Cipher, fromId: string, intoId: string) {
  const row = await tx.conversation.findUnique({ where: { contactId: fromId } });
  if (!row) return;
  const reseal = (
    column: "conversations.state_enc" | "conversations.prior_state_enc",
    box: Uint8Array,
  ) => cipher.seal(cipher.open(Buffer.from(box), bound(column, fromId)), bound(column, intoId));
  await tx.conversation.update({
    where: { contactId: fromId },
    data: {
      contactId: intoId,
      stateEnc: reseal("conversations.state_enc", row.stateEnc),
      priorStateEnc: row.priorStateEnc
        ? reseal("conversations.prior_state_enc", row.priorStateEnc)
        : null,
    },
  });
}

async function foldInto(tx: Tx, cipher: Cipher, from: Row, into: Row): Promise<void> {
  const keepFrom =
    from.updatedAt !== null && (into.updatedAt === null || from.updatedAt > into.updatedAt);
  if (keepFrom) {
    await tx.conversation.deleteMany({ where: { contactId: into.id } });
    await moveConversation(tx, cipher, from.id, into.id);
  } else {
    await tx.conversation.deleteMany({ where: { contactId: from.id } });
  }
  const move = { where: { contactId: from.id }, data: { contactId: into.id } };
  await tx.ticket.updateMany(move);
  await tx.complaint.updateMany(move);
  await tx.attachment.updateMany(move);
  await tx.outboundMessage.updateMany(move);
  await tx.deskTopic.updateMany(move);
  await tx.deskRelay.updateMany(move);
  await tx.deskNote.updateMany(move);
  await tx.deletionRequest.updateMany(move);
  const language = keepFrom
    ? (await tx.contact.findUniqueOrThrow({ where: { id: from.id }, select: { language: true } }))
        .language
    : undefined;
  await tx.contact.delete({ where: { id: from.id } });
  await tx.contact.update({
    where: { id: into.id },
    data: {
      // A sender blocked under either name stays blocked.
      blocked: into.blocked || from.blocked,
      ...(into.displayName === null && from.displayName ? { displayName: from.displayName } : {}),
      ...(language ? { language } : {}),
    },
  });
}
