// Outgoing bodies as terminal text: plain, choices as a numbered list that
// the engine reads back from a typed number, as on WhatsApp.
import { type Dialect, renderMarkup } from "../../core/content/markup.render.ts";
import type { SendableBody } from "../../core/ports/channel.port.ts";

/** No markup in a terminal: bold is dropped, a reference is the number to type. */
export const CONSOLE_DIALECT: Dialect = {
  bullet: "- ",
  ref: (target, label) => (target === null ? `"${label}"` : String(target.number)),
  escape: (text) => text,
  bold: (inner) => inner,
};

export function renderForTerminal(body: SendableBody): string {
  if (body.kind === "document") {
    const caption = body.caption ? `${body.caption}\n` : "";
    return `${caption}  [dokumen / document: ${body.fileName}, ${body.bytes.length} byte]`;
  }
  const text = body.markup
    ? renderMarkup(body.text, { style: "numbers", choices: body.choices ?? [] }, CONSOLE_DIALECT)
    : body.text;
  const lines = [text];
  body.choices?.forEach((choice, i) => {
    lines.push(`  ${i + 1}. ${choice.label}`);
  });
  if (body.requestContact) lines.push("  (ketik nomor HP Anda / type your phone number)");
  return lines.join("\n");
}
