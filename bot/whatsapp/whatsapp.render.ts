// Outgoing bodies -> Baileys message content. Choices become a numbered list:
// WhatsApp's buttons and lists are not available to linked devices (and
// break on many clients), and the core reads a bare "1".."n" as that choice.
import { createHash } from "node:crypto";
import type { AnyMessageContent } from "@whiskeysockets/baileys";
import type { TextBody } from "../../core/contracts/messages.ts";
import type { SendableBody } from "../../core/ports/channel.port.ts";

/** WhatsApp cuts captions of documents well before this; keep them readable. */
const MAX_CAPTION = 1024;

export function renderText(body: TextBody): string {
  const lines = [body.text];
  if (body.choices?.length) {
    lines.push("");
    body.choices.forEach((choice, i) => {
      lines.push(`${i + 1}. ${choice.label}`);
    });
  }
  // `requestContact` needs nothing here: WhatsApp already tells us the number.
  return lines.join("\n");
}

export function renderBody(body: SendableBody): AnyMessageContent {
  if (body.kind === "document") {
    // Images go out as documents too: an image message makes Baileys compute
    // a thumbnail with a native image library, and a document keeps the
    // original bytes (a letter, a scan) untouched.
    return {
      document: Buffer.from(body.bytes),
      mimetype: body.mime,
      fileName: body.fileName,
      ...(body.caption ? { caption: body.caption.slice(0, MAX_CAPTION) } : {}),
    };
  }
  return { text: renderText(body) };
}

/**
 * The WhatsApp message id of a send-log row, the same on every attempt.
 * WhatsApp knows a message by its id (its own retry receipts resend under the
 * original one), so a resend after an answer lost on the wire is the same
 * message to the user's phone, not a second one. Shaped like Baileys' own ids.
 */
export function whatsappMessageId(outboundMessageId: string): string {
  const digest = createHash("sha256").update(`lpse-outbound:${outboundMessageId}`).digest("hex");
  return `3EB0${digest.toUpperCase().slice(0, 18)}`;
}
