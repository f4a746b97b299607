// What a WhatsApp message says, once the containers around it are unwrapped:
// a text, a choice, a file to download, or a kind the engine answers with a
// polite refusal (sticker, voice, video, view once…). Pure; the sender and
// the protocol actions (edits, deletions, the timer) are whatsapp.mapper.ts.
import type { proto } from "@whiskeysockets/baileys";
import type { InboundContent } from "../../core/contracts/messages.ts";
import { clampText, withCaption } from "../channel-inbound.ts";

type MediaKind = Extract<InboundContent, { type: "media" }>["kind"];

/** A file the channel must download (and the core check) before the engine sees it. */
export interface WhatsappFileRef {
  kind: "image" | "document";
  /** What WhatsApp claims; the stored file is judged by its bytes anyway. */
  mime: string | null;
  size: number | null;
  /** What the user wrote with the file. */
  caption?: string;
}

/** What a message carries for the engine; a file is still to be downloaded. */
export type MessageContent = InboundContent | { type: "file"; file: WhatsappFileRef };

/** Files the engine can take; anything else is not downloaded at all. */
const DOWNLOADABLE_MIMES = new Set([
  "image/jpeg",
  "image/jpg",
  "image/png",
  "image/webp",
  "application/pdf",
]);

export const toNumber = (
  value: number | { toNumber(): number } | null | undefined,
): number | null => {
  if (value === null || value === undefined) return null;
  const n = typeof value === "number" ? value : value.toNumber();
  return Number.isFinite(n) && n >= 0 ? n : null;
};

export const unsupported = (
  kind: MediaKind,
  mime: string | null = null,
  size: number | null = null,
) => ({ type: "media", kind, mime, size, mediaId: null }) as const;

/**
 * Unwraps the containers WhatsApp puts around the real content (disappearing
 * messages, captioned documents, view once) and says what it found on the way.
 */
function unwrap(message: proto.IMessage): {
  content: proto.IMessage;
  viewOnce: boolean;
  edit: boolean;
} {
  let content = message;
  let viewOnce = false;
  // An edit that is not a protocol message (no target id) cannot be applied.
  let edit = false;
  for (let i = 0; i < 5; i++) {
    const once =
      content.viewOnceMessage?.message ??
      content.viewOnceMessageV2?.message ??
      content.viewOnceMessageV2Extension?.message;
    if (once) {
      viewOnce = true;
      content = once;
      continue;
    }
    if (content.editedMessage?.message) {
      edit = true;
      content = content.editedMessage.message;
      continue;
    }
    const inner =
      content.ephemeralMessage?.message ?? content.documentWithCaptionMessage?.message ?? null;
    if (!inner) break;
    content = inner;
  }
  return { content, viewOnce, edit };
}

type Mapped = MessageContent | { ignore: string };

/** Images, documents and videos may carry a caption; it goes with the file. */
export function mapContent(message: proto.IMessage): Mapped {
  const { content: m, viewOnce, edit } = unwrap(message);
  const mapped = contentOf(m, viewOnce, edit);
  // A view-once photo is not kept, and neither is what was written on it.
  if ("ignore" in mapped || viewOnce) return mapped;
  const raw = m.imageMessage?.caption ?? m.documentMessage?.caption ?? m.videoMessage?.caption;
  return withCaption(mapped, raw?.trim() ? clampText(raw) : undefined);
}

function contentOf(m: proto.IMessage, viewOnce: boolean, edit: boolean): Mapped {
  if (edit) return { ignore: "edit without a target" };
  if (m.protocolMessage) return { ignore: "protocol message" };
  if (m.reactionMessage || m.encReactionMessage) return { ignore: "reaction" };
  if (m.pollUpdateMessage) return { ignore: "poll vote" };
  if (m.keepInChatMessage || m.pinInChatMessage) return { ignore: "keep or pin" };

  // Companion devices are not sent view-once media (the phone alone shows
  // it), and keeping a photo meant to be seen once would break its promise.
  if (viewOnce) return unsupported("viewOnce");

  if (typeof m.conversation === "string" && m.conversation !== "") {
    return { type: "text", text: clampText(m.conversation) };
  }
  if (typeof m.extendedTextMessage?.text === "string" && m.extendedTextMessage.text !== "") {
    return { type: "text", text: clampText(m.extendedTextMessage.text) };
  }
  // We send numbered lists, never buttons; an old client's replies still count.
  const chosen =
    m.buttonsResponseMessage?.selectedButtonId ??
    m.listResponseMessage?.singleSelectReply?.selectedRowId ??
    m.templateButtonReplyMessage?.selectedId;
  if (chosen) return { type: "choice", optionId: chosen.slice(0, 100) };

  if (m.imageMessage) {
    const image = m.imageMessage;
    return {
      type: "file",
      file: {
        kind: "image",
        mime: image.mimetype?.toLowerCase() ?? "image/jpeg",
        size: toNumber(image.fileLength),
      },
    };
  }
  if (m.documentMessage) {
    const doc = m.documentMessage;
    const mime = doc.mimetype?.toLowerCase() ?? null;
    const size = toNumber(doc.fileLength);
    // A .docx or .zip is refused without downloading it; the engine says what it takes.
    if (mime !== null && !DOWNLOADABLE_MIMES.has(mime)) return unsupported("document", mime, size);
    return {
      type: "file",
      file: { kind: mime?.startsWith("image/") ? "image" : "document", mime, size },
    };
  }
  if (m.stickerMessage || m.lottieStickerMessage) {
    return unsupported("sticker", null, toNumber(m.stickerMessage?.fileLength));
  }
  if (m.audioMessage) {
    return unsupported(m.audioMessage.ptt ? "voice" : "audio", m.audioMessage.mimetype ?? null);
  }
  if (m.videoMessage || m.ptvMessage) return unsupported("video");
  if (m.locationMessage || m.liveLocationMessage) return unsupported("location");
  if (
    m.contactMessage ||
    m.contactsArrayMessage ||
    m.pollCreationMessage ||
    m.pollCreationMessageV2 ||
    m.pollCreationMessageV3 ||
    m.eventMessage ||
    m.groupInviteMessage
  ) {
    return unsupported("other");
  }
  return { ignore: "no readable content" };
}
