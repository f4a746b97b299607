// The forum topics themselves: opening one (createForumTopic) and recording
// it, renaming it, and sending into it. Every send into a topic goes through
// `inTopic`, which notices a topic deleted or closed by a member ("message
// thread not found"), opens a new one, posts the ticket card again and
// retries the send.
import type { Api } from "grammy";
import { GrammyError } from "grammy";
import { DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import type { DeskTopic, PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { type CardTicket, topicTitle } from "./desk.card.ts";

/** Telegram's answers for a topic that is gone or closed. */
export function isTopicGone(err: unknown): boolean {
  return (
    err instanceof GrammyError &&
    err.error_code === 400 &&
    /message thread not found|TOPIC_DELETED|TOPIC_CLOSED|TOPIC_ID_INVALID/iu.test(err.description)
  );
}

export function createTopicThreads(deps: {
  prisma: PrismaClient;
  api: Api;
  chatId: string;
  logger: Logger;
  loadCardTicket: (ticketId: string) => Promise<CardTicket | null>;
  /** Posts the ticket's card into a topic opened again. */
  postCard: (topic: DeskTopic, ticket: CardTicket) => Promise<void>;
}) {
  const { prisma, api, chatId } = deps;
  const chat = BigInt(chatId);
  const log = deps.logger.child({ component: "agent-desk" });

  async function createTopic(title: string): Promise<number> {
    const created = await api.createForumTopic(chatId, title);
    return created.message_thread_id;
  }

  /** Opens the ticket's topic and records it (the ticket points at its thread). */
  async function newTicketTopic(ticket: CardTicket): Promise<DeskTopic> {
    const title = topicTitle(ticket);
    const threadId = await createTopic(title);
    const topic = await prisma.deskTopic.create({
      data: {
        kind: "TICKET",
        chatId: chat,
        threadId,
        ticketId: ticket.id,
        contactId: (await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).contactId,
        title,
      },
    });
    await prisma.ticket.update({ where: { id: ticket.id }, data: { agentTopicId: threadId } });
    return topic;
  }

  /** Renames the topic when the ticket's number, category or status changed. */
  async function syncTitle(topic: DeskTopic, ticket: CardTicket) {
    const title = topicTitle(ticket);
    if (title === topic.title) return topic;
    await inTopic(topic, (threadId) => api.editForumTopic(chatId, threadId, { name: title }));
    return prisma.deskTopic.update({ where: { id: topic.id }, data: { title } });
  }

  /** Opens a fresh topic in place of one a member deleted or closed. */
  async function recreate(topic: DeskTopic): Promise<DeskTopic> {
    const ticket = topic.ticketId ? await deps.loadCardTicket(topic.ticketId) : null;
    const title = ticket ? topicTitle(ticket) : topic.title;
    const threadId = await createTopic(title);
    const fresh = await prisma.deskTopic.update({
      where: { id: topic.id },
      data: { threadId, title },
    });
    log.warn({ topicId: topic.id, threadId }, "Desk topic was gone; opened a new one");
    if (ticket) {
      await prisma.ticket.update({ where: { id: ticket.id }, data: { agentTopicId: threadId } });
      await api.sendMessage(chatId, DESK_TEXT.topicRecreated(ticket.number), {
        message_thread_id: threadId,
      });
      await deps.postCard(fresh, ticket);
    } else {
      await api.sendMessage(chatId, DESK_TEXT.handoffOpened("topik dibuat ulang"), {
        message_thread_id: threadId,
      });
    }
    return fresh;
  }

  /** Runs a send into the topic; a topic found gone is recreated once and the send retried. */
  async function inTopic<T>(topic: DeskTopic, send: (threadId: number) => Promise<T>): Promise<T> {
    try {
      return await send(topic.threadId);
    } catch (err) {
      if (!isTopicGone(err)) throw err;
      // Another send may have recreated it already.
      const current = await prisma.deskTopic.findUniqueOrThrow({ where: { id: topic.id } });
      const target = current.threadId !== topic.threadId ? current : await recreate(current);
      Object.assign(topic, target);
      return send(target.threadId);
    }
  }

  /** An HTML text into a topic. */
  async function say(topic: DeskTopic, html: string, extra: Record<string, unknown> = {}) {
    return inTopic(topic, (threadId) =>
      api.sendMessage(chatId, html, {
        message_thread_id: threadId,
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...extra,
      }),
    );
  }

  /** A text into the General topic. */
  async function sayGeneral(html: string, extra: Record<string, unknown> = {}) {
    return api.sendMessage(chatId, html, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...extra,
    });
  }

  async function topicByThread(threadId: number) {
    return prisma.deskTopic.findUnique({ where: { chatId_threadId: { chatId: chat, threadId } } });
  }

  return {
    createTopic,
    newTicketTopic,
    syncTitle,
    inTopic,
    say,
    sayGeneral,
    topicByThread,
  };
}

export type TopicThreads = ReturnType<typeof createTopicThreads>;
