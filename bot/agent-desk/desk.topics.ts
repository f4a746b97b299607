// Forum topics of the agents group: one per ticket, one per handoff chat of a
// user without a ticket. Every send into a topic goes through `inTopic`, which
// notices a topic deleted or closed by a member ("message thread not found"),
// opens a new one, posts the ticket card again and retries the send.
// Opening a ticket's topic is a list of steps (topic, card, each file, the
// digest in General), each recorded in desk_posts when posted: a retry after
// a crash or a failed send carries on with the first step not posted.

import type { Api } from "grammy";
import { GrammyError, InputFile } from "grammy";
import type { Message } from "grammy/types";
import { priorityLabel, teamLabel } from "../../core/content/desk-labels.content.ts";
import { DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { DeskPostKind, DeskTopic, PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { readMedia } from "../../core/infra/stores/media.store.ts";
import { openTicketApplicant } from "../../core/infra/stores/ticket-applicant.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import {
  type CardTicket,
  categoryLabel,
  documentFileLabels,
  renderCard,
  topicTitle,
} from "./desk.card.ts";
import { neutraliseCommands } from "./desk.citizen-text.ts";
import { createDeskPosts, recordGroupPosts } from "./desk.posts.ts";

/** Telegram's answers for a topic that is gone or closed. */
export function isTopicGone(err: unknown): boolean {
  return (
    err instanceof GrammyError &&
    err.error_code === 400 &&
    /message thread not found|TOPIC_DELETED|TOPIC_CLOSED|TOPIC_ID_INVALID/iu.test(err.description)
  );
}

/** Telegram's limit on a document's caption. */
const CAPTION_LIMIT = 1024;

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
  const chat = BigInt(chatId);
  const log = deps.logger.child({ component: "agent-desk" });
  const posts = createDeskPosts({ prisma, chatId });
  recordGroupPosts({ api, prisma, chatId, logger: deps.logger });

  async function loadCardTicket(ticketId: string): Promise<CardTicket | null> {
    const t = await prisma.ticket.findUnique({
      where: { id: ticketId },
      include: {
        assignee: { select: { name: true } },
        attachments: {
          where: { purgedAt: null },
          select: { kind: true },
          orderBy: { createdAt: "asc" },
        },
      },
    });
    if (!t) return null;
    const applicant = openTicketApplicant(cipher, t);
    return {
      id: t.id,
      number: t.number,
      category: t.category,
      status: t.status,
      priority: t.priority,
      team: t.team,
      channel: t.channel,
      language: t.language,
      applicantName: applicant.name ?? "-",
      nik: applicant.nik,
      phone: applicant.phone,
      role: t.role,
      organisation: t.organisation,
      email: applicant.email,
      tenderCode: t.tenderCode,
      bidDeadline: t.bidDeadline,
      actingForOther: t.actingForOther,
      description: applicant.description ?? "-",
      lkppTicketNumber: t.lkppTicketNumber,
      slaStage: t.slaStage,
      slaDueAt: t.slaDueAt,
      slaPausedAt: t.slaPausedAt,
      createdAt: t.createdAt,
      assigneeName: t.assignee?.name ?? null,
      documents: t.attachments.map((a) => a.kind),
    };
  }

  function sendCard(topic: DeskTopic, ticket: CardTicket) {
    const card = renderCard(ticket, topic.id);
    return api.sendMessage(chatId, card.html, {
      message_thread_id: topic.threadId,
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: card.keyboard },
      link_preview_options: { is_disabled: true },
    });
  }

  async function postCard(topic: DeskTopic, ticket: CardTicket) {
    await posts.record(topic, await sendCard(topic, ticket), "CARD");
  }

  /**
   * The documents of a new ticket, protected from forwarding and saving. The
   * KTP is not among them: it is shown only on an agent's explicit request.
   */
  async function postDocuments(topic: DeskTopic, ticketId: string) {
    const attachments = await prisma.attachment.findMany({
      where: { ticketId, purgedAt: null, kind: { notIn: ["KTP", "RELAY"] } },
      select: { id: true, kind: true },
      orderBy: { createdAt: "asc" },
    });
    const names = documentFileLabels(attachments.map((a) => a.kind));
    for (const [i, a] of attachments.entries()) {
      const file = await readMedia(prisma, cipher, a.id);
      const name = names[i];
      if (!file || !name) continue;
      await sendUserFile(topic, file, name.baseName, name.label, {
        kind: "FILE",
        step: `file:${a.id}`,
      });
    }
  }

  /**
   * A file the user sent, with what they wrote on it: in the file's caption
   * when both fit Telegram's 1024 characters, else in a message right after.
   */
  async function sendUserFile(
    topic: DeskTopic,
    file: { bytes: Buffer; mime: string; caption: string | null },
    baseName: string,
    label: string,
    as: { kind?: DeskPostKind; step?: string } = {},
  ): Promise<string[]> {
    const recorded: string[] = [];
    // Each message recorded as what it is; in an opening, posted once.
    const post = async (part: string, send: () => Promise<Message>) => {
      const kind = as.kind ?? "FILE";
      if (as.step === undefined) {
        recorded.push((await posts.record(topic, await send(), kind)).id);
        return;
      }
      const row = await posts.once(topic, `${as.step}${part}`, kind, send);
      if (row) recorded.push(row.id);
    };
    const caption = file.caption === null ? null : neutraliseCommands(file.caption);
    const full = caption === null ? label : `${label}\n${DESK_TEXT.userCaption} ${caption}`;
    if (caption === null || full.length <= CAPTION_LIMIT) {
      await post("", () => sendFile(topic, file, baseName, full));
      return recorded;
    }
    await post("", () => sendFile(topic, file, baseName, label));
    await post(":caption", () =>
      say(
        topic,
        `${escapeHtml(DESK_TEXT.userCaption)}\n${neutraliseCommands(escapeHtml(file.caption ?? ""))}`,
        { protect_content: true },
      ),
    );
    return recorded;
  }

  const EXTENSIONS: Record<string, string> = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
  };

  /** A stored file into a topic, with protect_content. */
  async function sendFile(
    topic: DeskTopic,
    file: { bytes: Buffer; mime: string },
    baseName: string,
    caption: string,
  ) {
    return inTopic(topic, (threadId) =>
      api.sendDocument(
        chatId,
        new InputFile(file.bytes, `${baseName}.${EXTENSIONS[file.mime] ?? "bin"}`),
        {
          message_thread_id: threadId,
          protect_content: true,
          caption: caption.slice(0, CAPTION_LIMIT),
        },
      ),
    );
  }

  async function createTopic(title: string): Promise<number> {
    const created = await api.createForumTopic(chatId, title);
    return created.message_thread_id;
  }

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
    const topic = existing ?? (await newTicketTopic(ticket));
    await posts.once(topic, "card", "CARD", () => sendCard(topic, ticket));
    await postDocuments(topic, ticketId);
    await posts.once(
      topic,
      "digest",
      "DIGEST",
      () =>
        sayGeneral(
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
    const ticket = topic.ticketId ? await loadCardTicket(topic.ticketId) : null;
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
      await postCard(fresh, ticket);
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
    loadCardTicket,
    ensureTicketTopic,
    syncTitle,
    postCard,
    sendFile,
    sendUserFile,
    inTopic,
    say,
    sayGeneral,
    posts,
    createTopic,
    topicByThread,
  };
}

export type DeskTopics = ReturnType<typeof createDeskTopics>;
