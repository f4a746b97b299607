// The user left the wait for an agent ("menu", "batal", "selesai", or chose
// a ticket when no one answered in time): the topic the hand-off went to is
// told, and a chat topic is closed so a later "petugas" opens it again.
import { deskHandoffLeft } from "../../core/content/index.ts";
import type { DeskTopic, PrismaClient } from "../../core/infra/db.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import { openCaseOf } from "./desk.lookups.ts";

type How = Parameters<typeof deskHandoffLeft>[0];

export function createHandoffLeft(deps: {
  prisma: PrismaClient;
  topics: { say(topic: DeskTopic, html: string): Promise<unknown> };
  now: () => Date;
}) {
  const { prisma } = deps;

  /** The topic a hand-off of this contact went to: its open chat, else its newest open ticket's. */
  async function handoffTopic(contactId: string): Promise<DeskTopic | null> {
    const open = await openCaseOf(prisma, contactId);
    if (!open) return null;
    if ("chat" in open) return open.chat;
    return prisma.deskTopic.findUnique({ where: { ticketId: open.ticketId } });
  }

  return async function handoffLeft(contactId: string, how: How) {
    const topic = await handoffTopic(contactId);
    if (!topic) return { skipped: "no topic" };
    // Said before the topic is closed: a retry after a crash says it again rather than never.
    await deps.topics.say(topic, escapeHtml(deskHandoffLeft(how)));
    if (topic.kind === "CHAT") {
      await prisma.deskTopic.update({
        where: { id: topic.id },
        data: { open: false, closedAt: deps.now() },
      });
    }
    return { posted: topic.threadId };
  };
}
