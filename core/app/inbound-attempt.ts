// One attempt at an inbound turn: claim the message, load the conversation,
// let the engine decide, run its effects and save the new state, all in one
// transaction. A VersionConflict means another process saved the
// conversation first; the handler decides again on the fresh state.
import type { Logger } from "pino";
import {
  type ConversationSettings,
  type ConversationState,
  type Decide,
  initialState,
  nextTimeoutAt,
} from "../domain/conversation/index.ts";
import type { Cipher } from "../infra/crypto.ts";
import type { PrismaClient } from "../infra/db.ts";
import { claimAndLoad, replyOutboxRows, saveTurn } from "../infra/stores/inbound-turn.store.ts";
import { sealMediaCaption } from "../infra/stores/media.store.ts";
import { decideAndRun } from "./effects/decision-chain.ts";
import type { PreparedTurn, Turn, TurnMessage } from "./inbound-turn.ts";

export class VersionConflict extends Error {}

export interface AttemptDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  decide: Decide;
  settings: ConversationSettings;
}

/** Everything the event causes, in one transaction. */
export function createTurnAttempt(deps: AttemptDeps, log: Logger) {
  return (message: TurnMessage, turn: Turn) =>
    deps.prisma.$transaction(async (tx) => {
      // Claim and read in one statement (the hot path: see inbound-turn.store.ts).
      const claimed = await claimAndLoad(
        tx,
        deps.cipher,
        message.channel,
        message.sender,
        message.dedupeKey,
      );
      if (claimed.duplicate) return { type: "duplicate" } as const;
      const { contact, conversation: loaded } = claimed;
      if (contact.blocked) return { type: "blocked", contactId: contact.id } as const;
      const prepared: PreparedTurn | null = turn.prepare
        ? await turn.prepare(tx, contact)
        : { event: turn.event, ...(turn.inputId !== undefined ? { inputId: turn.inputId } : {}) };
      if (prepared === null) return { type: "unchanged", contactId: contact.id } as const;
      const { event } = prepared;

      // The caption is kept with the file before the engine decides where the file goes.
      if (event.type === "media" && event.mediaId !== null && event.caption !== undefined) {
        await sealMediaCaption(tx, deps.cipher, contact.id, event.mediaId, event.caption);
      }
      if (loaded.unreadable)
        log.warn({ contactId: contact.id }, "Stored conversation state unreadable; starting over");
      const before: ConversationState =
        prepared.base ??
        loaded.state ??
        initialState({
          channel: message.channel,
          language: contact.language === "EN" ? "en" : "id",
          // Only WhatsApp vouches for the sender's number.
          channelPhone: message.channel === "WHATSAPP" ? (message.sender.phone ?? null) : null,
        });
      const chain = await decideAndRun(deps.decide, before, event, {
        tx,
        cipher: deps.cipher,
        contact,
        log,
      });
      const wake = nextTimeoutAt(chain.state, deps.settings);
      // Only a message that caused nothing but replies can be taken back by its edit.
      const inputId = prepared.inputId;
      // The state, and the replies not written yet, in one statement.
      const saved = await saveTurn(tx, deps.cipher, contact, {
        stored: { state: chain.state, version: loaded.version },
        wakeAt: wake ? new Date(wake) : null,
        input:
          inputId !== undefined && chain.onlyReplies ? { messageId: inputId, prior: before } : null,
        replies: chain.unwritten,
      });
      if (!saved) throw new VersionConflict();
      const { outboxIds, replyIds, ticketNumber } = chain;
      const replyRows = replyOutboxRows(contact, chain.replies);
      return {
        type: "handled",
        contactId: contact.id,
        outboxIds,
        replyRows,
        replyIds,
        ticketNumber,
      } as const;
    });
}
