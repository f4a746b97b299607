// Every message the bot posts in the agents group is recorded in desk_posts
// (ids only): erasure and retention delete them again (desk.erasure.ts), a
// KTP view expires, and opening a ticket's topic resumes where it stopped.
// A grammY transformer catches every send into a topic, whoever makes it;
// the desk adds what it knows (card, file, relay, KTP, a step of opening).
import type { Api } from "grammy";
import type { Message } from "grammy/types";
import type { DeskPostKind, DeskTopic, PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { recordDeskPost, stepPosted } from "../../core/infra/stores/desk-posts.store.ts";

/** Bot API methods that post a message (or several) into a chat. */
const POSTING = new Set([
  "sendMessage",
  "sendDocument",
  "sendPhoto",
  "sendVideo",
  "sendAudio",
  "sendVoice",
  "sendAnimation",
  "sendMediaGroup",
  "copyMessage",
  "forwardMessage",
]);

const installed = new WeakMap<Api, Set<string>>();

function messageIds(result: unknown): number[] {
  const list = Array.isArray(result) ? result : [result];
  return list
    .map((m) => (m as { message_id?: unknown } | null)?.message_id)
    .filter((id): id is number => typeof id === "number");
}

/** Records every post into a topic of the group (once per api and group). */
export function recordGroupPosts(deps: {
  api: Api;
  prisma: PrismaClient;
  chatId: string;
  logger: Logger;
}) {
  const { api, prisma, chatId } = deps;
  const groups = installed.get(api) ?? new Set<string>();
  if (groups.has(chatId)) return;
  groups.add(chatId);
  installed.set(api, groups);
  const chat = BigInt(chatId);
  api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    const params = payload as { chat_id?: unknown; message_thread_id?: unknown } | undefined;
    if (!result.ok || !POSTING.has(method) || String(params?.chat_id) !== chatId) return result;
    const threadId =
      typeof params?.message_thread_id === "number" ? params.message_thread_id : null;
    // General holds staff chatter and alerts; what names a ticket there is recorded by the desk.
    if (threadId === null) return result;
    try {
      const topic = await prisma.deskTopic.findUnique({
        where: { chatId_threadId: { chatId: chat, threadId } },
        select: { id: true, ticketId: true },
      });
      for (const messageId of messageIds(result.result)) {
        await recordDeskPost(prisma, {
          chatId,
          messageId,
          threadId,
          topicId: topic?.id ?? null,
          ticketId: topic?.ticketId ?? null,
          kind: "MESSAGE",
        });
      }
    } catch (err) {
      deps.logger.warn({ err, method }, "Could not record a post in the agents group");
    }
    return result;
  });
}

export function createDeskPosts(deps: { prisma: PrismaClient; chatId: string }) {
  const { prisma, chatId } = deps;

  /** Records a post the desk made in a topic, with what it was. */
  async function record(
    topic: Pick<DeskTopic, "id" | "ticketId" | "threadId">,
    message: Pick<Message, "message_id">,
    kind: DeskPostKind,
  ) {
    return recordDeskPost(prisma, {
      chatId,
      messageId: message.message_id,
      threadId: topic.threadId,
      topicId: topic.id,
      ticketId: topic.ticketId,
      kind,
    });
  }

  /**
   * One step of opening a topic: skipped when it was posted before (a retry
   * after a crash or a failed send), else posted and recorded.
   */
  async function once(
    topic: Pick<DeskTopic, "id" | "ticketId" | "threadId">,
    step: string,
    kind: DeskPostKind,
    post: () => Promise<Pick<Message, "message_id">>,
    where: "topic" | "general" = "topic",
  ) {
    if (await stepPosted(prisma, topic.id, step)) return null;
    const message = await post();
    return recordDeskPost(prisma, {
      chatId,
      messageId: message.message_id,
      threadId: where === "topic" ? topic.threadId : null,
      topicId: topic.id,
      ticketId: topic.ticketId,
      kind,
      step,
    });
  }

  return { record, once };
}
