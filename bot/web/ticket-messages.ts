// "Balas ke pengguna" and "Catatan internal" on the ticket page, through the
// desk's own code: a reply (typed, or a canned answer) as a topic reply is
// sent (desk.user-reply.ts: signed, queued on the citizen's channel with its
// send-log row, audited `reply.send` / `template.send`), a note as /catatan
// keeps it (desk.notes.ts: sealed, audited `note.add`), both with
// `via: "console"`. In the same transaction a `console-post` desk job posts
// it in the ticket's Telegram topic "oleh <agent>". Only while the ticket is
// open; any agent may, as in the topic.
import { z } from "zod";
import { findDeskTemplate } from "../../core/app/desk-templates.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import { FINAL_TICKET_STATUSES } from "../../core/domain/conversation/index.ts";
import type { TicketStatus } from "../../core/domain/ticket/ticket.enums.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { MAX_NOTE_CHARS } from "../../core/infra/stores/desk-notes.store.ts";
import { addOutbox, publishOutbox, type QueueFor } from "../../core/infra/stores/outbox.store.ts";
import type { Tx } from "../../core/infra/stores/tx.ts";
import { saveDeskNote } from "../agent-desk/desk.notes.ts";
import { replyToUser } from "../agent-desk/desk.user-reply.ts";
import type { SignedInAgent } from "./access.ts";
import type { ActionOutcome } from "./ticket-actions.ts";

export interface MessageDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  queueFor: QueueFor;
  logger: Logger;
  /** DESK_SIGNATURE: how a reply is signed, as in the desk. */
  signature: "office" | "agent";
}

/** Path segment → what it does, and the confirmation after the redirect. */
export const TICKET_MESSAGES = {
  balas: "Balasan telah dikirim kepada pengguna.",
  catatan: "Catatan internal disimpan (tidak dikirim kepada pengguna).",
} as const;

const MAX_REPLY_CHARS = 3500;
const Body = z.object({
  pesan: z
    .preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string())
    .optional()
    .default(""),
  templat: z.string().optional().default(""),
});

type Ticket = { id: string; status: TicketStatus; contactId: string };

const refused = (status: 400 | 404 | 409, message: string): ActionOutcome => ({
  ok: false,
  status,
  message,
});

function announce(ticket: Ticket, agent: SignedInAgent, kind: "reply" | "note") {
  return (tx: Tx, refId: string) =>
    addOutbox(tx, QUEUE.desk, "console.post", {
      type: "console-post",
      ticketId: ticket.id,
      agentId: agent.id,
      kind,
      refId,
    });
}

export async function runTicketMessage(
  deps: MessageDeps,
  agent: SignedInAgent,
  ticket: Ticket,
  kind: keyof typeof TICKET_MESSAGES,
  body: unknown,
): Promise<ActionOutcome> {
  if (FINAL_TICKET_STATUSES.has(ticket.status)) {
    return refused(
      409,
      "Tiket ini sudah tidak terbuka; balasan dan catatan tidak dapat ditambahkan.",
    );
  }
  const parsed = Body.safeParse(body ?? {});
  const input = parsed.success ? parsed.data : { pesan: "", templat: "" };
  const where = { ticketId: ticket.id, contactId: ticket.contactId };
  if (kind === "catatan") {
    if (!input.pesan) return refused(400, "Mohon tuliskan catatannya.");
    if (input.pesan.length > MAX_NOTE_CHARS) {
      return refused(400, `Catatan terlalu panjang (paling banyak ${MAX_NOTE_CHARS} karakter).`);
    }
    const ids = await deps.prisma.$transaction(async (tx) => {
      const noteId = await saveDeskNote(tx, deps.cipher, agent.id, where, input.pesan, "console");
      return [await announce(ticket, agent, "note")(tx, noteId)];
    });
    await publishOutbox(deps.prisma, deps.queueFor, { ids }).catch((err: unknown) =>
      deps.logger.warn({ err }, "Fast publish failed; the outbox relay will retry"),
    );
    return { ok: true, done: kind };
  }
  const template = input.templat ? await findDeskTemplate(deps.prisma, input.templat) : null;
  if (input.templat && !template) return refused(400, "Templat jawaban tidak ditemukan.");
  if (template && input.pesan) {
    return refused(400, "Pilih salah satu: tulis balasan atau pilih templat, tidak keduanya.");
  }
  const text = template?.text ?? input.pesan;
  if (!text) return refused(400, "Mohon tuliskan balasan atau pilih templat jawaban.");
  if (text.length > MAX_REPLY_CHARS) {
    return refused(400, `Balasan terlalu panjang (paling banyak ${MAX_REPLY_CHARS} karakter).`);
  }
  const ctx = { prisma: deps.prisma, cipher: deps.cipher, deps, log: deps.logger };
  const sent = await replyToUser(
    ctx,
    agent,
    where,
    text,
    template ? "template.send" : "reply.send",
    undefined,
    { via: "console", announce: announce(ticket, agent, "reply") },
  );
  return sent ? { ok: true, done: kind } : refused(404, "Pengguna tiket ini tidak ditemukan.");
}
