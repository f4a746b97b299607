// The agents group's side of erasure and retention (core/app/purge-desk.ts
// queues it): the posts recorded for a topic are deleted (deleteMessages in
// batches of 100, one by one when a batch is refused), then the topic itself
// (which takes the members' messages with it), and a tombstone without
// personal data is left in General. A KTP view is deleted when its time is
// up. Telegram being down throws, so the job is retried; messages already
// gone count as deleted.
import type { Api } from "grammy";
import { GrammyError } from "grammy";
import { DESK_PRIVACY_TEXT } from "../../core/content/messages/desk-privacy.messages.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import {
  forgetDeskPosts,
  postsOfTopic,
  recordDeskPost,
} from "../../core/infra/stores/desk-posts.store.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";

/** Telegram's limit on one deleteMessages call. */
const DELETE_BATCH = 100;

/** A 400 about the message itself: gone already, or too old / not the bot's to delete. */
const isMessageRefusal = (err: unknown) => err instanceof GrammyError && err.error_code === 400;

/** The topic is gone already (deleted by a member, or by an earlier try). */
const isTopicMissing = (err: unknown) =>
  err instanceof GrammyError &&
  err.error_code === 400 &&
  /TOPIC_ID_INVALID|message thread not found|TOPIC_DELETED/iu.test(err.description);

export function createDeskErasure(deps: {
  prisma: PrismaClient;
  api: Api;
  chatId: string;
  logger: Logger;
}) {
  const { prisma, api, chatId } = deps;
  const log = deps.logger.child({ component: "agent-desk" });

  /** Deletes messages; returns how many Telegram refused (too old to delete, say). */
  async function deleteMessages(ids: readonly number[]): Promise<number> {
    let refused = 0;
    for (let i = 0; i < ids.length; i += DELETE_BATCH) {
      const batch = ids.slice(i, i + DELETE_BATCH);
      try {
        await api.deleteMessages(chatId, batch);
        continue;
      } catch (err) {
        if (!isMessageRefusal(err)) throw err;
      }
      // A batch is refused whole when none of it can go: find out one by one.
      for (const id of batch) {
        try {
          await api.deleteMessage(chatId, id);
        } catch (err) {
          if (!isMessageRefusal(err)) throw err;
          if (!/not found/iu.test((err as GrammyError).description)) refused++;
        }
      }
    }
    return refused;
  }

  async function purgeTopic(topicId: string) {
    const topic = await prisma.deskTopic.findUnique({ where: { id: topicId } });
    if (!topic) return { skipped: "no topic" };
    if (!topic.purgeRequestedAt || !topic.purgeReason) return { skipped: "not requested" };
    const reason = topic.purgeReason;
    const posts = (await postsOfTopic(prisma, topic)).filter((p) => p.kind !== "TOMBSTONE");
    const refused = await deleteMessages(posts.map((p) => p.messageId));
    try {
      await api.deleteForumTopic(chatId, topic.threadId);
    } catch (err) {
      if (!isTopicMissing(err)) throw err;
    }
    const ticket = topic.ticketId
      ? await prisma.ticket.findUnique({ where: { id: topic.ticketId }, select: { number: true } })
      : null;
    const tombstoned = await prisma.deskPost.findFirst({
      where: { topicId: topic.id, kind: "TOMBSTONE" },
      select: { id: true },
    });
    if (!tombstoned) {
      const what = ticket
        ? DESK_PRIVACY_TEXT.ticketTopic(ticket.number)
        : DESK_PRIVACY_TEXT.chatTopic(topic.contactId.slice(-6));
      const message = await api.sendMessage(
        chatId,
        escapeHtml(DESK_PRIVACY_TEXT.topicTombstone(what, reason)),
        { parse_mode: "HTML" },
      );
      await recordDeskPost(prisma, {
        chatId,
        messageId: message.message_id,
        threadId: null,
        topicId: topic.id,
        ticketId: null,
        kind: "TOMBSTONE",
      });
    }
    await prisma.$transaction(async (tx) => {
      await forgetDeskPosts(
        tx,
        posts.map((p) => p.id),
      );
      await tx.deskTopic.delete({ where: { id: topic.id } });
      if (topic.ticketId) {
        await tx.ticket.updateMany({
          where: { id: topic.ticketId, agentTopicId: topic.threadId },
          data: { agentTopicId: null },
        });
      }
      await recordAudit(tx, {
        actor: { type: "SYSTEM", name: "desk-purge" },
        action: "desk.topic.purged",
        ticketId: topic.ticketId,
        contactId: topic.contactId,
        detail: { topicId: topic.id, reason, posts: posts.length, refused },
      });
    });
    if (refused > 0) {
      log.warn({ topicId: topic.id, refused }, "Telegram refused to delete some desk posts");
    }
    return { purged: topic.id, posts: posts.length, refused };
  }

  /** A KTP view's time is up. */
  async function expirePosts(postIds: readonly string[]) {
    const posts = await prisma.deskPost.findMany({ where: { id: { in: [...postIds] } } });
    if (posts.length === 0) return { skipped: "already gone" };
    const refused = await deleteMessages(posts.map((p) => p.messageId));
    await forgetDeskPosts(
      prisma,
      posts.map((p) => p.id),
    );
    return { expired: posts.length, refused };
  }

  return { purgeTopic, expirePosts };
}

export type DeskErasure = ReturnType<typeof createDeskErasure>;
