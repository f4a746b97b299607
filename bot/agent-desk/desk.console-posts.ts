// The console's ticket page replies to the citizen and writes notes through
// the desk's own code (desk.user-reply.ts, desk.notes.ts); this job then
// posts them in the ticket's topic "oleh <agent>", so the agents in the group
// see what was said from the web; a file sent from the web is announced by
// its type (bot/web/ticket-file.ts). The text is read from its sealed row
// (the send-log row or the note), never carried in the job.
import type { z } from "zod";
import { DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import type { deskJobSchema } from "../../core/contracts/queues.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import type { DeskContext } from "./desk.context.ts";
import { agentLabel } from "./desk.lookups.ts";

export type ConsolePostJob = Extract<z.infer<typeof deskJobSchema>, { type: "console-post" }>;

const FILE_TYPE: Readonly<Record<string, string>> = {
  "application/pdf": "PDF",
  "image/jpeg": "gambar (JPEG)",
  "image/png": "gambar (PNG)",
  "image/webp": "gambar (WebP)",
};

/** Room under Telegram's 4096 for the header line. */
const MAX_CHARS = 3800;

async function postedText(ctx: Pick<DeskContext, "prisma" | "cipher">, job: ConsolePostJob) {
  const { prisma, cipher } = ctx;
  if (job.kind === "note") {
    const note = await prisma.deskNote.findUnique({ where: { id: job.refId } });
    return note
      ? cipher.openText(Buffer.from(note.bodyEnc), bound("desk_notes.body_enc", note.id))
      : null;
  }
  const message = await prisma.outboundMessage.findUnique({ where: { id: job.refId } });
  if (!message?.bodyEnc) return null;
  const body = JSON.parse(
    cipher.openText(Buffer.from(message.bodyEnc), bound("outbound_messages.body_enc", message.id)),
  ) as { text?: string; attachmentId?: string };
  if (job.kind !== "file") return body.text ?? null;
  // A file sent to the citizen: only a notice of its type (never its name).
  const file = body.attachmentId
    ? await prisma.attachment.findUnique({ where: { id: body.attachmentId } })
    : null;
  return file ? (FILE_TYPE[file.mime] ?? "lain") : null;
}

export async function consolePosted(
  ctx: Pick<DeskContext, "prisma" | "cipher" | "topics">,
  job: ConsolePostJob,
) {
  const opened = await ctx.topics.ensureTicketTopic(job.ticketId);
  if (!opened) return { skipped: "no ticket" };
  // A topic opened just now shows the card; the reply or note is still posted under it.
  const [agent, text] = await Promise.all([
    ctx.prisma.agent.findUnique({ where: { id: job.agentId } }),
    postedText(ctx, job),
  ]);
  // Erased or expired since: nothing to show.
  if (text === null) return { skipped: "gone" };
  const who = agent ? agentLabel(agent) : "petugas";
  const cut = text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text;
  const line =
    job.kind === "note"
      ? DESK_TEXT.consoleNote(who, cut)
      : job.kind === "file"
        ? DESK_TEXT.consoleFile(who, text)
        : DESK_TEXT.consoleReply(who, cut);
  await ctx.topics.say(opened.topic, escapeHtml(line));
  return { posted: job.kind };
}
