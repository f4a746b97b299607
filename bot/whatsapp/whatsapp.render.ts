// Outgoing bodies -> Baileys message content. Choices become a numbered list:
// WhatsApp's buttons and lists are not available to linked devices (and
// break on many clients), and the core reads a bare "1".."n" as that choice.
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
