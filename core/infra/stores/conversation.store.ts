import {
  type ConversationState,
  conversationStateSchema,
} from "../../domain/conversation/index.ts";
import type { Cipher } from "../crypto.ts";
import { bound } from "../sealed-columns.ts";
import type { Tx } from "./tx.ts";

export interface StoredConversation {
  state: ConversationState;
  /** null: no row yet. */
  version: number | null;
}

/** The state is sealed at rest: a draft holds the user's NIK, name and phone. */
export interface LoadedConversation {
  state: ConversationState | null;
  version: number | null;
  unreadable: boolean;
}

export async function loadConversation(
  tx: Tx,
  cipher: Cipher,
  contactId: string,
): Promise<LoadedConversation> {
  return openConversation(cipher, await tx.conversation.findUnique({ where: { contactId } }));
}

/** A stored row (or none) as the engine's state, read by whichever query fetched it. */
export function openConversation(
  cipher: Cipher,
  row: { contactId: string; stateEnc: Uint8Array; version: number } | null,
): LoadedConversation {
  if (!row) return { state: null, version: null, unreadable: false };
  const parsed = conversationStateSchema.safeParse(
    JSON.parse(
      cipher.openText(Buffer.from(row.stateEnc), bound("conversations.state_enc", row.contactId)),
    ),
  );
  // A state written by an older engine that no longer parses: start over
  // rather than lock the user out; the caller logs it.
  return parsed.success
    ? { state: parsed.data, version: row.version, unreadable: false }
    : { state: null, version: row.version, unreadable: true };
}

/**
 * The user message that made the saved state and the state before it, while
 * that message can still be taken back (see handle-inbound's edits).
 */
export interface RevertibleInput {
  messageId: string;
  prior: ConversationState;
}

/** The state before `messageId`, if that message is still the one that can be taken back. */
export async function loadPriorState(
  tx: Tx,
  cipher: Cipher,
  contactId: string,
  messageId: string,
): Promise<ConversationState | null> {
  const row = await tx.conversation.findUnique({
    where: { contactId },
    select: { lastInputId: true, priorStateEnc: true },
  });
  if (!row?.priorStateEnc || row.lastInputId !== messageId) return null;
  const parsed = conversationStateSchema.safeParse(
    JSON.parse(
      cipher.openText(
        Buffer.from(row.priorStateEnc),
        bound("conversations.prior_state_enc", contactId),
      ),
    ),
  );
  return parsed.success ? parsed.data : null;
}
