// `/agen hapus`: an agent taken off the desk must also stop reading the
// agents group. Telegram has no "remove member": a ban removes them, and an
// immediate unban (only_if_banned, so nobody else is kicked) lets them be
// invited again later.
import type { Api } from "grammy";
import { GrammyError } from "grammy";
import { DESK_PRIVACY_TEXT } from "../../core/content/messages/desk-privacy.messages.ts";

/** True when removed; false when Telegram refuses (not a member, the bot lacks the right). */
export async function removeFromGroup(api: Api, chatId: string, userId: number): Promise<boolean> {
  try {
    await api.banChatMember(chatId, userId, { revoke_messages: false });
  } catch (err) {
    if (err instanceof GrammyError && (err.error_code === 400 || err.error_code === 403)) {
      return false;
    }
    throw err;
  }
  await api.unbanChatMember(chatId, userId, { only_if_banned: true });
  return true;
}

export const agentRemovedText = (name: string, removed: boolean) =>
  removed
    ? DESK_PRIVACY_TEXT.agentRemovedFromGroup(name)
    : DESK_PRIVACY_TEXT.agentRemovedNotInGroup(name);
