// Who a WhatsApp JID is: a person by phone number (`62…@s.whatsapp.net`), a
// person by LID (`…@lid`), or a chat the bot never takes part in.
import {
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isJidStatusBroadcast,
  jidDecode,
  jidNormalizedUser,
} from "@whiskeysockets/baileys";

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
