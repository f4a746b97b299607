// What one inbound turn is made of: the outcomes a channel gets back and the
// turn a transaction decides. Shared by the handler (handle-inbound.ts) and its attempt
// (inbound-attempt.ts).
import type { InboundMessage } from "../contracts/messages.ts";
import type { ConversationEvent, ConversationState } from "../domain/conversation/index.ts";
import type { Contact } from "../infra/db.ts";
import type { Tx } from "../infra/stores/tx.ts";

export type InboundOutcome =
  | {
      type: "handled";
      contactId: string;
      /** Send-log ids of the replies, in order (a channel may wait for them). */
      replyIds: string[];
      ticketNumber?: string;
    }
  | { type: "duplicate" }
  /** Nothing to decide (a deletion of a message that brought no file). */
  | { type: "unchanged"; contactId: string }
  | { type: "blocked"; contactId: string }
  | { type: "invalid"; problems: string }
  /** Refused by the flood guard (core/app/flood-guard.ts); replyIds holds its notice, if one was due. */
  | { type: "limited"; replyIds: string[] }
  /** Not taken: the line of waiting messages is full; replyIds holds the "busy" notice, if one was due. */
  | { type: "busy"; replyIds: string[] };

/** Whether a file a sender sent may be fetched at all: asked before any download. */
export type MediaAdmission =
  | { ok: true }
  | { ok: false; reason: "BLOCKED" | "RATE_LIMITED" | "BUSY" };

/** What one transaction decides. */
export interface Turn {
  event: ConversationEvent;
  /** A user's text: kept revertible, so that its WhatsApp edit can replace it as input. */
  inputId?: string;
  /**
   * Runs in the transaction once the contact is known, before the engine
   * decides: may start from an earlier state (an edit), change the event, or
   * return null when there is nothing to decide.
   */
  prepare?: (tx: Tx, contact: Contact) => Promise<PreparedTurn | null>;
}

export interface PreparedTurn {
  event: ConversationEvent;
  /** Decide from this state instead of the stored one (the state before an edited message). */
  base?: ConversationState;
  inputId?: string;
}

export type TurnMessage = Pick<InboundMessage, "channel" | "sender"> & { dedupeKey: string | null };
