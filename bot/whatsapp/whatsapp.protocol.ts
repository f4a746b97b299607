// The protocol messages a user's phone sends about earlier messages (edits,
// "delete for everyone", the disappearing-messages timer) and the timer each
// message carries. Pure, like the mapper that calls it.
import { proto } from "@whiskeysockets/baileys";

const ProtocolType = proto.Message.ProtocolMessage.Type;

export type ProtocolAction =
  /** `text` is null when the new version is not a text (a caption, a poll). */
  | { type: "edit"; target: string; text: string | null }
  | { type: "revoke"; target: string }
  /** Disappearing messages turned on (seconds) or off (0) for the chat. */
  | { type: "timer"; expiration: number }
  | { type: "ignore"; reason: string };

/** Takes off the containers `inner` names, a few levels at most (a hostile message may nest more). */
function unwrap(
  message: proto.IMessage,
  inner: (m: proto.IMessage) => proto.IMessage | null | undefined,
): proto.IMessage {
  let m = message;
  for (let i = 0; i < 3; i++) {
    const next = inner(m);
    if (!next) break;
    m = next;
  }
  return m;
}

const textOf = (m: proto.IMessage | null | undefined): string | null => {
  const text = m?.conversation ?? m?.extendedTextMessage?.text ?? null;
  return typeof text === "string" && text.trim() !== "" ? text : null;
};

/**
 * What a protocol message asks, or null when the message is none. Phones wrap
 * an edit as `editedMessage { protocolMessage }`; Baileys' own sender (and
 * older clients) send the protocolMessage bare: both arrive in rc14's upsert.
 */
export function protocolAction(message: proto.IMessage): ProtocolAction | null {
  const m = unwrap(message, (c) => c.ephemeralMessage?.message ?? c.editedMessage?.message);
  const p = m.protocolMessage;
  if (!p) return null;
  const target = p.key?.id ?? "";
  switch (p.type) {
    case ProtocolType.MESSAGE_EDIT:
      return target ? { type: "edit", target, text: textOf(p.editedMessage) } : ignore("edit");
    case ProtocolType.REVOKE:
      return target ? { type: "revoke", target } : ignore("deletion");
    case ProtocolType.EPHEMERAL_SETTING:
      return { type: "timer", expiration: seconds(p.ephemeralExpiration) ?? 0 };
    default:
      return ignore("protocol message");
  }
}

const ignore = (reason: string): ProtocolAction => ({ type: "ignore", reason });

function seconds(value: number | { toNumber(): number } | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === "number" ? value : value.toNumber();
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}

export interface ChatTimer {
  /** Seconds after which WhatsApp deletes the chat's messages; 0 = off. */
  expiration: number;
  /** When the user last changed it (seconds), to let a newer setting win over an older message. */
  setAt: number | null;
}

type WithContext = { contextInfo?: proto.IContextInfo | null };

/**
 * The disappearing-messages timer a message carries in its contextInfo (rc14
 * gives `expiration` and `ephemeralSettingTimestamp` there, on whatever kind
 * of message it is). Null when the message says nothing about it.
 */
export function chatTimerOf(message: proto.IMessage): ChatTimer | null {
  const m = unwrap(
    message,
    (c) => c.ephemeralMessage?.message ?? c.documentWithCaptionMessage?.message,
  );
  for (const value of Object.values(m)) {
    if (typeof value !== "object" || value === null) continue;
    const info = (value as WithContext).contextInfo;
    const expiration = seconds(info?.expiration);
    if (info && expiration !== null && expiration > 0) {
      return { expiration, setAt: seconds(info.ephemeralSettingTimestamp) };
    }
  }
  return null;
}
