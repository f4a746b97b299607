// "Bicara dengan petugas": the user's chat goes to a topic, its open chat
// topic or the topic of its newest open ticket, else a new chat topic that
// starts with who the user is (channel, language, tickets).
import { DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import type { DeskTopic } from "../../core/infra/db.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import { statusLabel } from "./desk.card.ts";
import type { DeskContext } from "./desk.context.ts";
import { openCaseOf } from "./desk.lookups.ts";

type Ctx = Pick<DeskContext, "prisma" | "topics" | "chatId">;

/** The topic a contact's messages go to: its open chat, else its newest open ticket's. */
export async function topicForContact(ctx: Ctx, contactId: string, ticketId: string | null) {
  const { prisma, topics } = ctx;
  if (ticketId) return (await topics.ensureTicketTopic(ticketId))?.topic ?? null;
  const open = await openCaseOf(prisma, contactId);
  if (!open) return null;
  if ("chat" in open) return open.chat;
  return (await topics.ensureTicketTopic(open.ticketId))?.topic ?? null;
}

export async function openChatTopic(ctx: Ctx, contactId: string, context: string) {
  const { prisma, topics } = ctx;
  const e = escapeHtml;
  const contact = await prisma.contact.findUniqueOrThrow({ where: { id: contactId } });
  const title = DESK_TEXT.chatTopicTitle(contactId.slice(-6), contact.channel);
  const threadId = await topics.createTopic(title);
  const topic: DeskTopic = await prisma.deskTopic.create({
    data: { kind: "CHAT", chatId: BigInt(ctx.chatId), threadId, contactId, title },
  });
  const tickets = await prisma.ticket.findMany({
    where: { contactId },
    orderBy: { createdAt: "desc" },
    take: 5,
    select: { number: true, status: true },
  });
  const lines = [
    e(DESK_TEXT.handoffOpened(context)),
    `Saluran: ${e(contact.channel)} · Bahasa: ${contact.language === "EN" ? "Inggris" : "Indonesia"}`,
    `Nama tampilan: ${e(contact.displayName ?? "-")}`,
    `Tiket: ${tickets.length ? tickets.map((t) => `${t.number} (${statusLabel(t.status)})`).join(", ") : "belum ada"}`,
  ];
  await topics.say(topic, lines.join("\n"));
  return topic;
}

/** The handoff job: a topic for the chat. */
export async function handoff(ctx: Ctx, contactId: string, context: string) {
  const { prisma, topics } = ctx;
  const contact = await prisma.contact.findUnique({ where: { id: contactId } });
  if (!contact) return { skipped: "no contact" };
  const existing = await topicForContact(ctx, contactId, null);
  const topic = existing ?? (await openChatTopic(ctx, contactId, context));
  if (existing) await topics.say(topic, escapeHtml(DESK_TEXT.handoffOpened(context)));
  if (existing && existing.kind === "CHAT" && !existing.open) {
    await prisma.deskTopic.update({ where: { id: existing.id }, data: { open: true } });
  }
  // The user heard from the bot already who answers when (office hours, next opening).
  return { topic: topic.threadId };
}
