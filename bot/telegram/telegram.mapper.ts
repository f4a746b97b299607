// Telegram updates -> what the inbound pipeline takes. Pure: no network, no
// clock; files are only named here (the channel downloads them), so the
// mapping can be tested table-driven without a bot.
import type { Message, PhotoSize, Update, User } from "grammy/types";
import type { InboundContent, Sender } from "../../core/contracts/messages.ts";
import { clampText, withCaption } from "../channel-inbound.ts";

type MediaKind = Extract<InboundContent, { type: "media" }>["kind"];

/** A file the channel must fetch (getFile + download) before the engine sees it. */
export interface TelegramFileRef {
  fileId: string;
  kind: "image" | "document";
  /** What Telegram claims; the stored file is judged by its bytes anyway. */
  mime: string | null;
  size: number | null;
  /** What the user wrote with the file. */
  caption?: string;
}

type MessageContent = InboundContent | { type: "file"; file: TelegramFileRef };

export type MappedUpdate =
  | {
      type: "message";
      updateId: number;
      sender: Sender;
      at: string;
      /** Ready for the engine, or a file to fetch first. */
      content: MessageContent;
      /** Set for a button press: Telegram shows a spinner until it is answered. */
      callbackQueryId?: string;
    }
  | {
      type: "ignored";
      updateId: number;
      reason: string;
      /** A button press we do not handle must still be answered. */
      callbackQueryId?: string;
    };

/** Bot commands -> the engine's own words (it folds "/start" too, but not "/batal"). */
export const COMMAND_TEXT: Readonly<Record<string, string>> = {
  start: "menu",
  menu: "menu",
  status: "status",
  batal: "batal",
  cancel: "batal",
  kembali: "kembali",
  bantuan: "bantuan",
  help: "bantuan",
  petugas: "petugas",
  bahasa: "bahasa",
  language: "bahasa",
};

/** Files the engine can take; anything else is not downloaded at all. */
const DOWNLOADABLE_MIMES = new Set([
  "image/jpeg",
  "image/jpg",
  "image/png",
  "image/webp",
  "application/pdf",
]);

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/u;

/** "/status LDK-2026-00001" -> "status LDK-2026-00001"; unknown commands pass as typed. */
export function commandToText(text: string): string {
  const match = COMMAND.exec(text.trim());
  const name = match?.[1]?.toLowerCase();
  const word = name === undefined ? undefined : COMMAND_TEXT[name];
  if (word === undefined) return text;
  const argument = (match?.[2] ?? "").trim();
  // "/start <deep-link payload>" is still just the menu.
  if (word === "status" && argument !== "") return `status ${argument}`;
  return word;
}

export function displayName(user: Pick<User, "first_name" | "last_name"> | undefined) {
  if (!user) return undefined;
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ").trim();
  return name === "" ? undefined : name.slice(0, 200);
}

/** Telegram sends each photo in several sizes; the largest reads best (a KTP). */
export function largestPhoto(sizes: readonly PhotoSize[]): PhotoSize | undefined {
  let best: PhotoSize | undefined;
  for (const size of sizes) {
    if (!best || size.width * size.height > best.width * best.height) best = size;
  }
  return best;
}

/** Telegram gives contact numbers in international form, often without the "+". */
export function contactPhone(phone: string): string {
  const trimmed = phone.trim();
  return /^\d+$/u.test(trimmed) ? `+${trimmed}` : trimmed;
}

const unsupported = (kind: MediaKind, mime: string | null = null, size: number | null = null) =>
  ({ type: "media", kind, mime, size, mediaId: null }) as const;

/** Photos, documents, videos and voice notes may carry a caption; it goes with the file. */
function messageContent(message: Message): MessageContent | null {
  const content = contentOf(message);
  const caption = message.caption?.trim() ? clampText(message.caption) : undefined;
  return content === null ? null : withCaption(content, caption);
}

function contentOf(message: Message): MessageContent | null {
  if (message.text !== undefined) {
    const text = message.text.startsWith("/") ? commandToText(message.text) : message.text;
    return { type: "text", text: clampText(text) };
  }
  if (message.photo && message.photo.length > 0) {
    const photo = largestPhoto(message.photo);
    if (!photo) return null;
    // Telegram re-encodes every photo as JPEG.
    return {
      type: "file",
      file: {
        fileId: photo.file_id,
        kind: "image",
        mime: "image/jpeg",
        size: photo.file_size ?? null,
      },
    };
  }
  if (message.document) {
    const doc = message.document;
    const mime = doc.mime_type?.toLowerCase() ?? null;
    const size = doc.file_size ?? null;
    // A .docx or .zip is refused without downloading it; the engine says what it takes.
    if (mime !== null && !DOWNLOADABLE_MIMES.has(mime)) return unsupported("document", mime, size);
    return {
      type: "file",
      file: {
        fileId: doc.file_id,
        kind: mime?.startsWith("image/") ? "image" : "document",
        mime,
        size,
      },
    };
  }
  if (message.contact) {
    const phone = contactPhone(message.contact.phone_number);
    if (phone.length < 3 || phone.length > 40) return null;
    return { type: "contact", phone };
  }
  if (message.sticker) return unsupported("sticker", null, message.sticker.file_size ?? null);
  if (message.voice) return unsupported("voice", message.voice.mime_type ?? null);
  if (message.audio) return unsupported("audio", message.audio.mime_type ?? null);
  if (message.video || message.video_note || message.animation) return unsupported("video");
  if (message.location || message.venue) return unsupported("location");
  // Polls, dice, games, stories: something the user sent that we cannot read.
  if (message.poll || message.dice || message.game || message.story) return unsupported("other");
  return null;
}

/** Maps one update; `ignored` for what the citizen channel does not handle. */
export function mapUpdate(update: Update, now: Date): MappedUpdate {
  const updateId = update.update_id;
  if (update.callback_query) {
    const query = update.callback_query;
    const chat = query.message?.chat;
    const ignored = (reason: string): MappedUpdate => ({
      type: "ignored",
      updateId,
      reason,
      callbackQueryId: query.id,
    });
    // Only private chats are conversations with a citizen; groups belong to the agent desk.
    if (chat && chat.type !== "private") return ignored("callback outside a private chat");
    if (query.from.is_bot) return ignored("callback from a bot");
    const data = query.data;
    if (data === undefined || data === "") return ignored("callback without data");
    const name = displayName(query.from);
    return {
      type: "message",
      updateId,
      sender: {
        externalId: String(chat?.id ?? query.from.id),
        ...(name ? { displayName: name } : {}),
      },
      // A callback query carries no date of its own.
      at: now.toISOString(),
      content: { type: "choice", optionId: data.slice(0, 100) },
      callbackQueryId: query.id,
    };
  }
  const message = update.message;
  if (!message) return { type: "ignored", updateId, reason: "not a new message" };
  if (message.chat.type !== "private") {
    return { type: "ignored", updateId, reason: "message outside a private chat" };
  }
  if (!message.from || message.from.is_bot) {
    return { type: "ignored", updateId, reason: "message without a human sender" };
  }
  const content = messageContent(message);
  if (!content) return { type: "ignored", updateId, reason: "message without readable content" };
  const name = displayName(message.from);
  return {
    type: "message",
    updateId,
    sender: { externalId: String(message.chat.id), ...(name ? { displayName: name } : {}) },
    at: new Date(message.date * 1000).toISOString(),
    content,
  };
}
