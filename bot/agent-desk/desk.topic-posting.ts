// What goes into a ticket's topic besides the agents' words: the ticket card,
// the ticket's documents, and a file the user sent with what they wrote on it.
// Files are protected from forwarding and saving.
import type { Api } from "grammy";
import { InputFile } from "grammy";
import type { Message } from "grammy/types";
import { DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { DeskPostKind, DeskTopic, PrismaClient } from "../../core/infra/db.ts";
import { readMedia } from "../../core/infra/stores/media.store.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import { type CardTicket, documentFileLabels, renderCard } from "./desk.card.ts";
import { neutraliseCommands } from "./desk.citizen-text.ts";
import type { createDeskPosts } from "./desk.posts.ts";
import type { TopicThreads } from "./desk.topic-threads.ts";

/** Telegram's limit on a document's caption. */
const CAPTION_LIMIT = 1024;

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "application/pdf": "pdf",
};

export function createTopicPosting(deps: {
  prisma: PrismaClient;
  cipher: Cipher;
  api: Api;
  chatId: string;
  posts: ReturnType<typeof createDeskPosts>;
  threads: Pick<TopicThreads, "inTopic" | "say">;
}) {
  const { prisma, cipher, api, chatId, posts } = deps;
  const { inTopic, say } = deps.threads;

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

  return { sendCard, postCard, postDocuments, sendUserFile, sendFile };
}
