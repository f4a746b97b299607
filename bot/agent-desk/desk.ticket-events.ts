// The jobs of a ticket's life: opened (its topic, card, files and the digest
// in General, steps a retry resumes: desk.topics.ts), a document made after
// routing (the request form, posted once), claimed from the web console, and
// changed (the topic's title follows, the change is told in the topic with
// who made it).
import { DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import { readMedia } from "../../core/infra/stores/media.store.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import { documentFileLabels, statusLabel } from "./desk.card.ts";
import type { DeskContext } from "./desk.context.ts";
import { agentLabel } from "./desk.lookups.ts";

type Ctx = Pick<DeskContext, "prisma" | "topics">;
type DocCtx = Ctx & Pick<DeskContext, "cipher">;

export async function ticketOpened(ctx: Ctx, ticketId: string) {
  const opened = await ctx.topics.ensureTicketTopic(ticketId);
  if (!opened?.created) return { skipped: opened ? "topic exists" : "no ticket" };
  return { opened: opened.topic.threadId };
}

/**
 * A document made after routing, for the ticket's topic. Exactly once: the
 * opening of the topic posts every document it finds, each as the step
 * `file:<id>`; this job first waits for (or does) that opening, one per ticket
 * at a time (desk.topic-lock.ts), then posts the document as the same step,
 * which a document the opening already posted has. A form made while the
 * topic was opening is not among what the opening found, and is posted here.
 */
export async function ticketDocument(ctx: DocCtx, ticketId: string, attachmentId: string) {
  const { prisma, topics } = ctx;
  const attachments = await prisma.attachment.findMany({
    where: { ticketId, purgedAt: null, kind: { notIn: ["KTP", "RELAY"] } },
    select: { id: true, kind: true },
    orderBy: { createdAt: "asc" },
  });
  // Named as the opening names it: by its place among the ticket's documents.
  const index = attachments.findIndex((a) => a.id === attachmentId);
  const name = documentFileLabels(attachments.map((a) => a.kind))[index];
  if (!name) return { skipped: "no document" };
  // A form made before routing (not the workers' order) waits for the opening
  // routing queues, which posts it: a topic is not opened without its team.
  const ticket = await prisma.ticket.findUnique({
    where: { id: ticketId },
    select: { team: true },
  });
  if (ticket?.team === null) return { skipped: "not routed" };
  const opened = await topics.ensureTicketTopic(ticketId);
  if (!opened) return { skipped: "no ticket" };
  const file = await readMedia(prisma, ctx.cipher, attachmentId);
  if (!file) return { skipped: "no document" };
  const posted = await topics.sendUserFile(opened.topic, file, name.baseName, name.label, {
    kind: "FILE",
    step: `file:${attachmentId}`,
  });
  return posted.length > 0 ? { posted: attachmentId } : { skipped: "posted with the topic" };
}

/**
 * A claim made outside the topic (the web console): said in the topic as the
 * desk's /ambil says it there. A topic opened by this job shows the assignee
 * on its card already.
 */
export async function ticketClaimed(ctx: Ctx, ticketId: string, agentId: string) {
  const { prisma, topics } = ctx;
  const opened = await topics.ensureTicketTopic(ticketId);
  if (!opened) return { skipped: "no ticket" };
  const agent = await prisma.agent.findUnique({ where: { id: agentId } });
  if (!agent) return { skipped: "no agent" };
  if (opened.created) return { skipped: "posted with the topic" };
  await topics.say(opened.topic, escapeHtml(DESK_TEXT.claimed(agentLabel(agent))));
  return { claimed: agentId };
}

export async function ticketChanged(ctx: Ctx, ticketId: string, eventId: string) {
  const { prisma, topics } = ctx;
  const opened = await topics.ensureTicketTopic(ticketId);
  if (!opened) return { skipped: "no ticket" };
  const ticket = await topics.loadCardTicket(ticketId);
  if (!ticket) return { skipped: "no ticket" };
  let topic = await topics.syncTitle(opened.topic, ticket);
  const event = await prisma.ticketEvent.findUnique({ where: { id: eventId } });
  if (event && !opened.created) {
    let who = event.actorId ?? "sistem";
    if (event.actorType === "AGENT" && event.actorId) {
      const agent = await prisma.agent.findUnique({ where: { id: event.actorId } });
      if (agent) who = `oleh ${agentLabel(agent)}`;
    } else if (event.actorType === "USER") {
      who = "oleh pengguna";
    }
    const from = event.fromStatus ? statusLabel(event.fromStatus) : "-";
    const reason = event.reason ? `\nKeterangan: ${event.reason}` : "";
    // syncTitle may have recreated the topic: post into the current one.
    topic = await prisma.deskTopic.findUniqueOrThrow({ where: { id: topic.id } });
    await topics.say(
      topic,
      escapeHtml(
        `${DESK_TEXT.statusChangedBySystem(from, statusLabel(event.toStatus), who)}${reason}`,
      ),
    );
  }
  return { changed: ticket.status };
}
