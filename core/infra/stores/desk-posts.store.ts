// What the bot posted in the agents group (desk_posts): Telegram's ids only,
// so erasure and retention can delete the messages there, a KTP view can
// expire, and a retried opening of a ticket's topic posts each step once.
import type { DeskPostKind } from "../db.ts";
import type { Tx } from "./tx.ts";

interface DeskPostInput {
  chatId: string;
  messageId: number;
  threadId: number | null;
  topicId: string | null;
  ticketId: string | null;
  /** The citizen an alert in General is about. */
  contactId?: string;
  kind: DeskPostKind;
  step?: string;
  postedAt?: Date;
}

/**
 * Records one post. A message already recorded (by the group-wide recorder)
 * gets the more precise kind and step the caller knows.
 */
export async function recordDeskPost(tx: Tx, post: DeskPostInput) {
  const data = {
    threadId: post.threadId,
    topicId: post.topicId,
    ticketId: post.ticketId,
    ...(post.contactId === undefined ? {} : { contactId: post.contactId }),
    kind: post.kind,
    ...(post.step === undefined ? {} : { step: post.step }),
    ...(post.postedAt ? { postedAt: post.postedAt } : {}),
  };
  const chatId = BigInt(post.chatId);
  return tx.deskPost.upsert({
    where: { chatId_messageId: { chatId, messageId: post.messageId } },
    create: { chatId, messageId: post.messageId, ...data },
    // The recorder knows less: it never overwrites a kind or step given here.
    update: post.kind === "MESSAGE" && post.step === undefined ? {} : data,
  });
}

/** Whether a step of opening this topic was posted already. */
export async function stepPosted(tx: Tx, topicId: string, step: string): Promise<boolean> {
  const row = await tx.deskPost.findUnique({
    where: { topicId_step: { topicId, step } },
    select: { id: true },
  });
  return row !== null;
}

/** The posts of a topic and those in General about its ticket, oldest first. */
export async function postsOfTopic(tx: Tx, topic: { id: string; ticketId: string | null }) {
  return tx.deskPost.findMany({
    where: {
      OR: [{ topicId: topic.id }, ...(topic.ticketId ? [{ ticketId: topic.ticketId }] : [])],
    },
    orderBy: { messageId: "asc" },
  });
}

export async function forgetDeskPosts(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return 0;
  const { count } = await tx.deskPost.deleteMany({ where: { id: { in: [...ids] } } });
  return count;
}
