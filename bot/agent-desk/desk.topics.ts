// Forum topics of the agents group: one per ticket, one per handoff chat of a
// user without a ticket. Every send into a topic goes through `inTopic`, which
// notices a topic deleted or closed by a member ("message thread not found"),
// opens a new one, posts the ticket card again and retries the send.

import type { Api } from "grammy";
import { GrammyError, InputFile } from "grammy";
import { DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { DeskTopic, PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { readMedia } from "../../core/infra/stores/media.store.ts";
import { openTicketApplicant } from "../../core/infra/stores/ticket-applicant.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import { type CardTicket, documentFileLabels, renderCard, topicTitle } from "./desk.card.ts";

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

const TERMINAL = new Set(["SELESAI", "DITUTUP", "DITOLAK", "DIBATALKAN"]);
export const isOpenStatus = (status: string) => !TERMINAL.has(status);

export function createDeskTopics(deps: {
  prisma: PrismaClient;
  cipher: Cipher;
  api: Api;
  chatId: string;
  logger: Logger;
}) {
  const { prisma, cipher, api, chatId } = deps;
  const chat = BigInt(chatId);
  const log = deps.logger.child({ component: "agent-desk" });

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

  async function postCard(topic: DeskTopic, ticket: CardTicket) {
    const card = renderCard(ticket, topic.id);
    await api.sendMessage(chatId, card.html, {
      message_thread_id: topic.threadId,
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: card.keyboard },
      link_preview_options: { is_disabled: true },
    });
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
      await sendUserFile(topic, file, name.baseName, name.label);
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
  ) {
    if (file.caption === null) return sendFile(topic, file, baseName, label);
    const full = `${label}\n${DESK_TEXT.userCaption} ${file.caption}`;
    if (full.length <= CAPTION_LIMIT) return sendFile(topic, file, baseName, full);
    await sendFile(topic, file, baseName, label);
    await say(topic, `${escapeHtml(DESK_TEXT.userCaption)}\n${escapeHtml(file.caption)}`, {
      protect_content: true,
    });
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
    await inTopic(topic, (threadId) =>
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

  /** The ticket's topic, opened (with its card and documents) if it has none yet. */
  async function ensureTicketTopic(
    ticketId: string,
  ): Promise<{ topic: DeskTopic; created: boolean } | null> {
    const existing = await prisma.deskTopic.findUnique({ where: { ticketId } });
    if (existing) return { topic: existing, created: false };
    const ticket = await loadCardTicket(ticketId);
    if (!ticket) return null;
    const title = topicTitle(ticket);
    const threadId = await createTopic(title);
    const topic = await prisma.deskTopic.create({
      data: {
        kind: "TICKET",
        chatId: chat,
        threadId,
        ticketId,
        contactId: (await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).contactId,
        title,
      },
    });
    await prisma.ticket.update({ where: { id: ticketId }, data: { agentTopicId: threadId } });
    await postCard(topic, ticket);
    await postDocuments(topic, ticketId);
    return { topic, created: true };
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
    createTopic,
    topicByThread,
  };
}

export type DeskTopics = ReturnType<typeof createDeskTopics>;
