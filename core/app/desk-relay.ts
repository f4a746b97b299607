// A user's message for the agents (while an agent has the chat, or about an
// open ticket): kept sealed in a DeskRelay row, announced to the desk with
// the row's id only. A file stays where storeMedia put it, its caption sealed
// on it by the inbound pipeline; it is marked as sent to the agents, and
// while the ticket waits for the user's documents (MENUNGGU_PENGGUNA, an
// agent asked with /minta) it joins the ticket.
import { v7 as uuidv7 } from "uuid";
import { unsupportedRelayNote } from "../content/index.ts";
import { QUEUE } from "../contracts/queues.ts";
import type { RelayContent } from "../domain/conversation/index.ts";
import type { Cipher } from "../infra/crypto.ts";
import type { AttachmentKind, Contact } from "../infra/db.ts";
import { bound } from "../infra/sealed-columns.ts";
import { addOutbox } from "../infra/stores/outbox.store.ts";
import type { Tx } from "../infra/stores/tx.ts";

function attachmentKind(ticketStatus: string | null, mime: string | null): AttachmentKind {
  if (ticketStatus !== "MENUNGGU_PENGGUNA") return "RELAY";
  return mime?.startsWith("image/") ? "SCREENSHOT" : "OTHER";
}

/**
 * Writes the relay and its desk job in the caller's transaction. Returns the
 * outbox id, or null when a file named by the message is not this contact's.
 */
export async function recordRelay(
  tx: Tx,
  cipher: Cipher,
  contact: Pick<Contact, "id">,
  relay: { content: RelayContent; ticketNumber: string | null },
): Promise<{ relayId: string; outboxId: string } | null> {
  const ticket =
    relay.ticketNumber === null
      ? null
      : await tx.ticket.findFirst({
          where: { number: relay.ticketNumber, contactId: contact.id },
          select: { id: true, status: true },
        });
  let attachmentId: string | null = null;
  let text = "";
  switch (relay.content.kind) {
    case "text":
      text = relay.content.text;
      break;
    case "unsupported": {
      const note = unsupportedRelayNote(relay.content.mediaKind);
      text = relay.content.caption === undefined ? note : `${note}\n${relay.content.caption}`;
      break;
    }
    case "media": {
      const { count } = await tx.attachment.updateMany({
        // Only a file this contact sent and no ticket has claimed yet.
        where: { id: relay.content.mediaId, contactId: contact.id, ticketId: null },
        data: {
          kind: attachmentKind(ticket?.status ?? null, relay.content.mime),
          ticketId: ticket?.id ?? null,
        },
      });
      if (count !== 1) return null;
      attachmentId = relay.content.mediaId;
      break;
    }
  }
  const id = uuidv7();
  const row = await tx.deskRelay.create({
    data: {
      id,
      contactId: contact.id,
      ticketId: ticket?.id ?? null,
      bodyEnc: cipher.seal(text, bound("desk_relays.body_enc", id)),
      attachmentId,
    },
    select: { id: true },
  });
  const outboxId = await addOutbox(tx, QUEUE.desk, "desk.relay", {
    type: "relay",
    relayId: row.id,
  });
  return { relayId: row.id, outboxId };
}
