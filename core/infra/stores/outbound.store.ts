import { v7 as uuidv7 } from "uuid";
import type { OutboundBody } from "../../contracts/messages.ts";
import { outboundQueue } from "../../contracts/queues.ts";
import type { Cipher } from "../crypto.ts";
import type { Channel } from "../db.ts";
import { bound } from "../sealed-columns.ts";
import { addOutbox } from "./outbox.store.ts";
import type { Tx } from "./tx.ts";

/**
 * Puts one message to a user in the send-log (sealed: it may repeat their
 * data) and its send job in the outbox, in the caller's transaction.
 */
export async function queueUserMessage(
  tx: Tx,
  cipher: Cipher,
  contact: { id: string; channel: Channel },
  body: OutboundBody,
): Promise<{ messageId: string; outboxId: string }> {
  const id = uuidv7();
  const message = await tx.outboundMessage.create({
    data: {
      id,
      contactId: contact.id,
      channel: contact.channel,
      bodyEnc: cipher.seal(JSON.stringify(body), bound("outbound_messages.body_enc", id)),
    },
    select: { id: true },
  });
  const outboxId = await addOutbox(tx, outboundQueue(contact.channel), "outbound.send", {
    outboundMessageId: message.id,
  });
  return { messageId: message.id, outboxId };
}
