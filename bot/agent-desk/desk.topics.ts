// Forum topics of the agents group: one per ticket, one per handoff chat of a
// user without a ticket. The topic itself (opening, renaming, sending into it,
// opening it again when a member deleted it) is desk.topic-threads.ts; the
// card and the files posted into it are desk.topic-posting.ts.
// Opening a ticket's topic is a list of steps (topic, card, each file, the
// digest in General), each recorded in desk_posts when posted: a retry after
// a crash or a failed send carries on with the first step not posted.

import type { Api } from "grammy";
import { priorityLabel, teamLabel } from "../../core/content/desk-labels.content.ts";
import { DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { DeskTopic, PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import { categoryLabel } from "./desk.card.ts";
import { loadCardTicket as loadCardTicketOf } from "./desk.card-ticket.ts";
import { createDeskPosts, recordGroupPosts } from "./desk.posts.ts";
import { createTopicPosting } from "./desk.topic-posting.ts";
import { createTopicThreads } from "./desk.topic-threads.ts";

export function createDeskTopics(deps: {
  prisma: PrismaClient;
  cipher: Cipher;
  api: Api;
  chatId: string;
  logger: Logger;
  /** The desk's clock (a topic's opening time); the real one by default. */
  now?: () => Date;
}) {
  const { prisma, cipher, api, chatId } = deps;
  const posts = createDeskPosts({ prisma, chatId });
  recordGroupPosts({ api, prisma, chatId, logger: deps.logger });
  const loadCardTicket = (ticketId: string) => loadCardTicketOf(prisma, cipher, ticketId);
  const threads = createTopicThreads({
    prisma,
    api,
    chatId,
    logger: deps.logger,
    loadCardTicket,
    // Called only once a send found its topic gone, long after `posting` exists.
    postCard: (topic, ticket) => posting.postCard(topic, ticket),
  });
  const posting = createTopicPosting({ prisma, cipher, api, chatId, posts, threads });

  /**
   * The ticket's topic, opened (with its card, documents and a digest line in
   * General) if it has none yet or its opening stopped half-way. `created`:
   * this call opened it or finished opening it.
   */
  async function ensureTicketTopic(
    ticketId: string,
  ): Promise<{ topic: DeskTopic; created: boolean } | null> {
    const existing = await prisma.deskTopic.findUnique({ where: { ticketId } });
    if (existing?.openedAt) return { topic: existing, created: false };
    const ticket = await loadCardTicket(ticketId);
    if (!ticket) return existing ? { topic: existing, created: false } : null;
    const topic = existing ?? (await threads.newTicketTopic(ticket));
    await posts.once(topic, "card", "CARD", () => posting.sendCard(topic, ticket));
    await posting.postDocuments(topic, ticketId);
    await posts.once(
      topic,
      "digest",
      "DIGEST",
      () =>
        threads.sayGeneral(
          escapeHtml(
            DESK_TEXT.newTicketDigest(
              ticket.number,
              categoryLabel(ticket.category),
              priorityLabel(ticket.priority),
              teamLabel(ticket.team),
            ),
          ),
        ),
      "general",
    );
    const opened = await prisma.deskTopic.update({
      where: { id: topic.id },
      data: { openedAt: (deps.now ?? (() => new Date()))() },
    });
    return { topic: opened, created: true };
  }

  return {
    loadCardTicket,
    ensureTicketTopic,
    syncTitle: threads.syncTitle,
    postCard: posting.postCard,
    sendFile: posting.sendFile,
    sendUserFile: posting.sendUserFile,
    inTopic: threads.inTopic,
    say: threads.say,
    sayGeneral: threads.sayGeneral,
    posts,
    createTopic: threads.createTopic,
    topicByThread: threads.topicByThread,
  };
}

export type DeskTopics = ReturnType<typeof createDeskTopics>;
