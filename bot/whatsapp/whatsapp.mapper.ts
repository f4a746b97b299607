// Baileys messages -> what the inbound pipeline takes. Pure: no socket, no
// database, no clock; media is only named here (the channel downloads it) and
// who the sender is by phone number is worked out by the channel, which may
// have to look a LID up. What the message says is whatsapp.content.ts; who a
// JID is, whatsapp.jids.ts.
import {
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isJidStatusBroadcast,
  type WAMessage,
} from "@whiskeysockets/baileys";
import { type MessageContent, mapContent, toNumber, unsupported } from "./whatsapp.content.ts";
import { isPersonJid, lidJidOf, phoneJidOf } from "./whatsapp.jids.ts";
import { type ChatTimer, chatTimerOf, protocolAction } from "./whatsapp.protocol.ts";

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
      content: MessageContent;
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

const ignored = (reason: string): MappedMessage => ({ type: "ignored", reason });

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
