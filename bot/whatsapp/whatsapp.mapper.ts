// Baileys messages -> what the inbound pipeline takes. Pure: no socket, no
// database, no clock; media is only named here (the channel downloads it) and
// who the sender is by phone number is worked out by the channel, which may
// have to look a LID up.
import {
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isJidStatusBroadcast,
  jidDecode,
  jidNormalizedUser,
  type proto,
  type WAMessage,
} from "@whiskeysockets/baileys";
import type { InboundContent } from "../../core/contracts/messages.ts";
import { clampText, withCaption } from "../channel-inbound.ts";
import { type ChatTimer, chatTimerOf, protocolAction } from "./whatsapp.protocol.ts";

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

/** Who sent a message and when; every kind the channel acts on has it. */
export interface MessageOrigin {
  /** The message key id: claimed once by the core (processed_messages). */
  messageId: string;
  /** The sender's phone-number JID (`62…@s.whatsapp.net`), when WhatsApp gave it. */
  phoneJid: string | null;
  /** The sender's LID (`…@lid`), when the chat is LID-addressed or WhatsApp gave both. */
  lidJid: string | null;
  displayName: string | null;
  at: string;
}

export type MappedMessage =
  | { type: "ignored"; reason: string }
  | (MessageOrigin & {
      type: "message";
      content: InboundContent | { type: "file"; file: WhatsappFileRef };
      /** The chat's disappearing-messages timer, when the message carries it. */
      timer: ChatTimer | null;
    })
  /** The user edited an earlier message (`target`); `text` null: not a text any more. */
  | (MessageOrigin & { type: "edit"; target: string; text: string | null })
  /** "Delete for everyone" of an earlier message. */
  | (MessageOrigin & { type: "revoke"; target: string })
  /** Disappearing messages switched on or off. */
  | (MessageOrigin & { type: "timer"; timer: ChatTimer });

export type MappedInput = Extract<MappedMessage, { type: "message" }>;

/** Files the engine can take; anything else is not downloaded at all. */
const DOWNLOADABLE_MIMES = new Set([
  "image/jpeg",
  "image/jpg",
  "image/png",
  "image/webp",
  "application/pdf",
]);

const PN_SERVERS = new Set(["s.whatsapp.net", "c.us", "hosted"]);
const LID_SERVERS = new Set(["lid", "hosted.lid"]);

/** `62811…:12@s.whatsapp.net` -> `62811…@s.whatsapp.net`; null for anything else. */
export function phoneJidOf(jid: string | null | undefined): string | null {
  const decoded = jid ? jidDecode(jid) : undefined;
  if (!decoded?.user || !PN_SERVERS.has(decoded.server) || !/^\d{5,20}$/u.test(decoded.user)) {
    return null;
  }
  return `${decoded.user}@s.whatsapp.net`;
}

export function lidJidOf(jid: string | null | undefined): string | null {
  const decoded = jid ? jidDecode(jid) : undefined;
  if (!decoded?.user || !LID_SERVERS.has(decoded.server)) return null;
  return jidNormalizedUser(jid ?? "");
}

/** A person's own chat (not a group, broadcast, status or newsletter). */
export function isPersonJid(jid: string): boolean {
  return phoneJidOf(jid) !== null || lidJidOf(jid) !== null;
}

/**
 * Chats the bot never takes part in (Baileys' shouldIgnoreJid): groups,
 * status updates, broadcast lists and newsletters are not even decrypted.
 */
export function isIgnoredJid(jid: string): boolean {
  return (
    isJidGroup(jid) === true ||
    isJidStatusBroadcast(jid) === true ||
    isJidBroadcast(jid) === true ||
    isJidNewsletter(jid) === true
  );
}

/** `628115799941@s.whatsapp.net` -> `+628115799941`. */
export function phoneOf(phoneJid: string): string {
  return `+${phoneJid.slice(0, phoneJid.indexOf("@"))}`;
}

const toNumber = (value: number | { toNumber(): number } | null | undefined): number | null => {
  if (value === null || value === undefined) return null;
  const n = typeof value === "number" ? value : value.toNumber();
  return Number.isFinite(n) && n >= 0 ? n : null;
};

const unsupported = (kind: MediaKind, mime: string | null = null, size: number | null = null) =>
  ({ type: "media", kind, mime, size, mediaId: null }) as const;

const ignored = (reason: string): MappedMessage => ({ type: "ignored", reason });

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

type Mapped = Extract<MappedMessage, { type: "message" }>["content"] | { ignore: string };

/** Images, documents and videos may carry a caption; it goes with the file. */
function mapContent(message: proto.IMessage): Mapped {
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

/**
 * Maps one message of a `messages.upsert`. The sender is named by phone
 * number where WhatsApp says it (a LID chat carries it in `key.remoteJidAlt`,
 * a number chat carries the LID there; older builds called it `senderPn`).
 */
export function mapMessage(msg: WAMessage, now: Date): MappedMessage {
  const key = msg.key;
  const remoteJid = key.remoteJid ?? "";
  if (key.fromMe) return ignored("our own message");
  if (!key.id) return ignored("message without an id");
  if (remoteJid === "" || isJidStatusBroadcast(remoteJid)) return ignored("status update");
  if (isJidGroup(remoteJid)) return ignored("group message");
  if (isJidNewsletter(remoteJid)) return ignored("newsletter");
  if (isJidBroadcast(remoteJid)) return ignored("broadcast list");
  if (!isPersonJid(remoteJid)) return ignored("not a person's chat");

  const alt = key.remoteJidAlt ?? (key as { senderPn?: string | null }).senderPn ?? null;
  const seconds = toNumber(msg.messageTimestamp as number | { toNumber(): number } | null);
  const name = msg.pushName?.trim().slice(0, 200);
  const origin: MessageOrigin = {
    messageId: key.id,
    phoneJid: phoneJidOf(remoteJid) ?? phoneJidOf(alt),
    lidJid: lidJidOf(remoteJid) ?? lidJidOf(alt),
    displayName: name ? name : null,
    at: (seconds ? new Date(seconds * 1000) : now).toISOString(),
  };
  // A linked device gets a view-once photo as a bare stub: key.isViewOnce, no content.
  if (!msg.message && key.isViewOnce) {
    return { type: "message", ...origin, content: unsupported("viewOnce"), timer: null };
  }
  if (!msg.message) return ignored("no content (stub or undecryptable)");

  const action = protocolAction(msg.message);
  if (action !== null) {
    switch (action.type) {
      case "edit":
        return { type: "edit", ...origin, target: action.target, text: action.text };
      case "revoke":
        return { type: "revoke", ...origin, target: action.target };
      case "timer":
        return {
          type: "timer",
          ...origin,
          timer: { expiration: action.expiration, setAt: seconds },
        };
      case "ignore":
        return ignored(action.reason);
    }
  }
  const content = mapContent(msg.message);
  if ("ignore" in content) return ignored(content.ignore);
  return { type: "message", ...origin, content, timer: chatTimerOf(msg.message) };
}
