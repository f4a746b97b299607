// Outgoing bodies -> Baileys message content. Choices become a numbered list:
// WhatsApp's buttons and lists are not available to linked devices (and
// break on many clients), and the core reads a bare "1".."n" as that choice.
import { createHash } from "node:crypto";
import type { AnyMessageContent } from "@whiskeysockets/baileys";
import { type Dialect, renderMarkup } from "../../core/content/markup.render.ts";
import { bold } from "../../core/content/markup.ts";
import type { TextBody } from "../../core/contracts/messages.ts";
import type { SendableBody } from "../../core/ports/channel.port.ts";

/** WhatsApp cuts captions of documents well before this; keep them readable. */
const MAX_CAPTION = 1024;

/** WhatsApp's *bold* holds on one line and must touch its words: spaces stay outside. */
function whatsappBold(inner: string): string {
  return inner
    .split("\n")
    .map((line) => {
      const match = /^(\s*)(.*?)(\s*)$/su.exec(line);
      const [, lead = "", words = "", trail = ""] = match ?? [];
      return words === "" ? line : `${lead}*${words}*${trail}`;
    })
    .join("\n");
}

/**
 * WhatsApp's own markup: *bold*, "- " lists, a reference as the number to
 * type. It has no escape, so text is sent as it is.
 */
export const WHATSAPP_DIALECT: Dialect = {
  bullet: "- ",
  ref: (target, label) => bold(target === null ? label : String(target.number)),
  escape: (text) => text,
  bold: whatsappBold,
};

export function renderText(body: TextBody): string {
  const text = body.markup
    ? renderMarkup(body.text, { style: "numbers", choices: body.choices ?? [] }, WHATSAPP_DIALECT)
    : body.text;
  const lines = [text];
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
