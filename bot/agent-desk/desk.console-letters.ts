// A Surat Keterangan Gangguan LPSE issued from the web console, posted in the
// ticket's topic as the desk's /surat posts one issued there: a notice with
// the number and who issued it, then the letter's PDF (protected from
// forwarding and saving). Both are steps of the topic (desk_posts.step), so a
// retried job posts each once, and the PDF is not posted again when the
// topic's opening (this job's, if the ticket had no topic yet) posted it
// among the ticket's documents. The job carries ids only; the number, the
// agent and the file are read here.
import { DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import { disruptionLetterFileName } from "../../core/content/messages/documents.messages.ts";
import { readMedia } from "../../core/infra/stores/media.store.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import type { DeskContext } from "./desk.context.ts";
import { agentLabel } from "./desk.lookups.ts";

type Ctx = Pick<DeskContext, "prisma" | "cipher" | "topics">;

export async function letterIssued(ctx: Ctx, ticketId: string, letterId: string) {
  const { prisma, topics } = ctx;
  const letter = await prisma.disruptionLetter.findUnique({ where: { id: letterId } });
  // Erased with its ticket since: nothing to show.
  if (!letter || letter.ticketId !== ticketId) return { skipped: "gone" };
  const opened = await topics.ensureTicketTopic(ticketId);
  if (!opened) return { skipped: "no ticket" };
  // A topic opened just now shows the card and the letter; the notice is still posted under it.
  const agent = letter.issuedById
    ? await prisma.agent.findUnique({ where: { id: letter.issuedById } })
    : null;
  const who = agent ? agentLabel(agent) : "petugas";
  const notice = DESK_TEXT.consoleLetter(letter.number, who);
  await topics.posts.once(opened.topic, `letter:${letter.id}`, "MESSAGE", () =>
    topics.say(opened.topic, escapeHtml(notice)),
  );
  const file = letter.attachmentId
    ? await readMedia(prisma, ctx.cipher, letter.attachmentId)
    : null;
  if (!file || !letter.attachmentId) return { posted: "notice" };
  const baseName = disruptionLetterFileName(letter.number).replace(/\.pdf$/u, "");
  const posted = await topics.sendUserFile(
    opened.topic,
    { ...file, caption: null },
    baseName,
    `Surat Keterangan Gangguan LPSE ${letter.number}`,
    { kind: "FILE", step: `file:${letter.attachmentId}` },
  );
  return { posted: posted.length > 0 ? "notice and letter" : "notice" };
}
