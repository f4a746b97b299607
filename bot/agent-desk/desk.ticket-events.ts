// The jobs of a ticket's life: opened (its topic, card, files and the digest
// in General, steps a retry resumes: desk.topics.ts) and changed (the topic's
// title follows, the change is told in the topic with who made it).
import { DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import { statusLabel } from "./desk.card.ts";
import type { DeskContext } from "./desk.context.ts";
import { agentLabel } from "./desk.lookups.ts";

type Ctx = Pick<DeskContext, "prisma" | "topics">;

export async function ticketOpened(ctx: Ctx, ticketId: string) {
  const opened = await ctx.topics.ensureTicketTopic(ticketId);
  if (!opened?.created) return { skipped: opened ? "topic exists" : "no ticket" };
  return { opened: opened.topic.threadId };
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
