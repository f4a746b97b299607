// "Kirim berkas kepada pengguna" on the ticket page: the file is checked by
// its bytes and stored sealed (storeMedia: JPEG, PNG, WebP or a PDF without
// active content, within CONSOLE_UPLOAD_MAX_BYTES), claimed by the ticket and
// queued to the citizen as the desk's file relay queues it (desk.user-reply.ts
// relayFileToUser: a "document" with the attachment's id and the signed
// caption), audited `file.send` with `via: "console"`, and a `console-post`
// desk job (kind "file") posts a notice in the ticket's topic. The uploader's
// file name is never kept: the citizen gets a neutral name from the type.
import { agentSignature } from "../../core/content/messages/desk.messages.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import { FINAL_TICKET_STATUSES } from "../../core/domain/conversation/index.ts";
import type { TicketStatus } from "../../core/domain/ticket/ticket.enums.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import { storeMedia } from "../../core/infra/stores/media.store.ts";
import { queueUserMessage } from "../../core/infra/stores/outbound.store.ts";
import { addOutbox, publishOutbox } from "../../core/infra/stores/outbox.store.ts";
import type { SignedInAgent } from "./access.ts";
import type { ActionOutcome } from "./ticket-actions.ts";
import type { MessageDeps } from "./ticket-messages.ts";

export const FILE_SENT = "Berkas telah dikirim kepada pengguna.";
const MAX_CAPTION_CHARS = 800;

const NAME_OF: Readonly<Record<string, string>> = {
  "application/pdf": "berkas.pdf",
  "image/jpeg": "gambar.jpg",
  "image/png": "gambar.png",
  "image/webp": "gambar.webp",
};

const refused = (status: 400 | 404 | 409, message: string): ActionOutcome => ({
  ok: false,
  status,
  message,
});

export const tooLarge = (maxBytes: number) =>
  `Berkas terlalu besar (paling besar ${Math.floor(maxBytes / (1024 * 1024))} MB).`;
const WHY: Readonly<Record<string, string>> = {
  EMPTY: "Mohon pilih berkas yang akan dikirim.",
  ACTIVE_CONTENT:
    "PDF ini tidak dapat dikirim: berisi skrip, tautan aksi atau berkas lain, atau terenkripsi.",
};
const NOT_ACCEPTED =
  "Berkas ini bukan jenis yang dapat dikirim. Hanya foto (JPEG, PNG, WebP) atau PDF yang diterima.";

export async function sendTicketFile(
  deps: MessageDeps & { maxBytes: number },
  agent: SignedInAgent,
  ticket: { id: string; status: TicketStatus; contactId: string },
  input: { bytes: Buffer | null; caption: string },
): Promise<ActionOutcome> {
  if (FINAL_TICKET_STATUSES.has(ticket.status)) {
    return refused(409, "Tiket ini sudah tidak terbuka; berkas tidak dapat dikirim.");
  }
  if (!input.bytes || input.bytes.length === 0) return refused(400, WHY.EMPTY as string);
  const caption = input.caption.trim();
  if (caption.length > MAX_CAPTION_CHARS) {
    return refused(
      400,
      `Keterangan terlalu panjang (paling banyak ${MAX_CAPTION_CHARS} karakter).`,
    );
  }
  const { prisma, cipher } = deps;
  const contact = await prisma.contact.findUnique({ where: { id: ticket.contactId } });
  if (!contact) return refused(404, "Pengguna tiket ini tidak ditemukan.");
  const stored = await storeMedia(prisma, cipher, {
    contactId: contact.id,
    bytes: input.bytes,
    maxBytes: deps.maxBytes,
  });
  if (!stored.ok) {
    if (stored.reason === "TOO_LARGE") return refused(400, tooLarge(deps.maxBytes));
    return refused(400, WHY[stored.reason] ?? NOT_ACCEPTED);
  }
  const language = contact.language === "EN" ? "en" : "id";
  const signature = agentSignature(deps.signature, agent.name, language);
  const ids = await prisma.$transaction(async (tx) => {
    await tx.attachment.update({ where: { id: stored.mediaId }, data: { ticketId: ticket.id } });
    const queued = await queueUserMessage(tx, cipher, contact, {
      kind: "document",
      attachmentId: stored.mediaId,
      fileName: NAME_OF[stored.mime] ?? "berkas",
      caption: (caption ? `${caption}\n\n${signature}` : signature).slice(0, 1000),
    });
    await recordAudit(tx, {
      actor: { type: "AGENT", agentId: agent.id },
      action: "file.send",
      ticketId: ticket.id,
      contactId: contact.id,
      detail: {
        attachmentId: stored.mediaId,
        outboundMessageId: queued.messageId,
        via: "console",
      },
    });
    const posted = await addOutbox(tx, QUEUE.desk, "console.post", {
      type: "console-post",
      ticketId: ticket.id,
      agentId: agent.id,
      kind: "file",
      refId: queued.messageId,
    });
    return [queued.outboxId, posted];
  });
  await publishOutbox(prisma, deps.queueFor, { ids }).catch((err: unknown) =>
    deps.logger.warn({ err }, "Fast publish failed; the outbox relay will retry"),
  );
  return { ok: true, done: "berkas" };
}
