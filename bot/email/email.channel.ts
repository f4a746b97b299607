// The e-mail channel: notices to applicants who chose e-mail on a ticket
// filed in the web console, sent with nodemailer over SMTP (SMTP_URL) by the
// outbound sender like any channel's messages: at least once, a row already
// SENT or accepted by the server is never sent again (outbound-send.worker.ts),
// and the send-log row's id is the message's Message-ID, so a mail client or
// server can drop a duplicate a crash let through.
import nodemailer from "nodemailer";
import { toPlainText } from "../../core/content/markup.render.ts";
import type { OutboundChannel } from "../../core/ports/channel.port.ts";

export const EMAIL_SUBJECT = "Helpdesk LPSE Kabupaten Landak";

export function createEmailChannel(opts: { url: string; from: string }): OutboundChannel {
  const transport = nodemailer.createTransport(opts.url);
  return {
    channel: "EMAIL",
    async send(recipient, body, messageId) {
      // A mail has no buttons: references to choices read as their labels.
      const text =
        body.kind === "text"
          ? body.markup
            ? toPlainText(body.text)
            : body.text
          : (body.caption ?? "");
      const info = await transport.sendMail({
        from: opts.from,
        to: recipient.externalId,
        subject: EMAIL_SUBJECT,
        messageId: `<${messageId}@helpdesk.lpse-landak>`,
        text,
        ...(body.kind === "document"
          ? {
              attachments: [
                {
                  filename: body.fileName,
                  content: Buffer.from(body.bytes),
                  contentType: body.mime,
                },
              ],
            }
          : {}),
      });
      return { providerId: info.messageId };
    },
  };
}
