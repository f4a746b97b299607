// What a user's change to an earlier message means to their conversation
// (WhatsApp's edit and "delete for everyone"), worked out inside the inbound
// transaction (handle-inbound's `amend`).
import type { InboundMessage } from "../contracts/messages.ts";
import { MAX_INBOUND_TEXT } from "../contracts/messages.ts";
import { sanitizeUserText } from "../domain/privacy/sanitize.ts";
import type { Cipher } from "../infra/crypto.ts";
import { loadPriorState } from "../infra/stores/conversation.store.ts";
import { withdrawMessageMedia } from "../infra/stores/media.store.ts";
import type { InboundHandler } from "./handle-inbound.ts";
import type { InboundOutcome } from "./inbound-turn.ts";

type Origin = Pick<InboundMessage, "channel" | "sender" | "messageId" | "at">;

/**
 * An edit of `target`. While `target` is the latest input of the
 * conversation and caused nothing but replies (no ticket, no handoff, no file
 * dropped), the edited text is decided on the state before it: "1" edited to
 * "2" picks 2, a NIK with a typo fixed replaces the NIK. Any other edit (an
 * older message, one that filed something, a caption) gets "edits are not
 * read, please send it again".
 */
export function applyEdit(
  deps: { inbound: Pick<InboundHandler, "amend">; cipher: Cipher },
  message: Origin & { target: string; text: string | null },
): Promise<InboundOutcome> {
  const at = new Date(message.at).toISOString();
  const notRead = { type: "editNotRead", at } as const;
  return deps.inbound.amend(
    message,
    async (tx, contact) => {
      if (message.text === null) return { event: notRead };
      const prior = await loadPriorState(tx, deps.cipher, contact.id, message.target);
      if (prior === null) return { event: notRead };
      return {
        base: prior,
        event: { type: "text", at, text: sanitizeUserText(message.text, MAX_INBOUND_TEXT) },
        // Edited again later: still the same message to take back.
        inputId: message.target,
      };
    },
    notRead,
  );
}

/**
 * "Delete for everyone" of `target`: the files it brought are marked
 * withdrawn and erased in the same transaction in which the engine drops them
 * from the draft and tells the user what to send instead. A deleted text
 * changes nothing.
 */
export function withdrawMessage(
  deps: { inbound: Pick<InboundHandler, "amend">; now: () => Date },
  message: Origin & { target: string },
): Promise<InboundOutcome> {
  const at = new Date(message.at).toISOString();
  return deps.inbound.amend(
    message,
    async (tx, contact) => {
      const mediaIds = await withdrawMessageMedia(tx, contact.id, message.target, deps.now());
      if (mediaIds.length === 0) return null;
      return { event: { type: "mediaWithdrawn", at, mediaIds } };
    },
    { type: "editNotRead", at },
  );
}
