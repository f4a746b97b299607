// The statements of one inbound message's transaction, the hot path of the
// bot (issue #20): the dedupe claim, the contact and its conversation in one
// statement; the new state, the replies' send-log rows and their outbox rows
// in another. Raw SQL through the transaction's own connection, every value a
// parameter; the rest of the app keeps to Prisma's query API.
import { v7 as uuidv7 } from "uuid";
import type { ChannelName, OutboundBody, Sender } from "../../contracts/messages.ts";
import { outboundQueue } from "../../contracts/queues.ts";
import type { Cipher } from "../crypto.ts";
import { type Contact, Prisma } from "../db.ts";
import { bound } from "../sealed-columns.ts";
import { CONTACT_COLUMNS, contactIdHash, resolveContact } from "./contact.store.ts";
import {
  type LoadedConversation,
  loadConversation,
  openConversation,
  type RevertibleInput,
  type StoredConversation,
} from "./conversation.store.ts";
import type { OutboxRow } from "./outbox.store.ts";
import type { Tx } from "./tx.ts";

/**
 * The time stamped on the rows written here: this process's clock, as Prisma
 * stamps `@default(now())` and `@updatedAt` columns on every other path, not
 * the database server's, so rows from both paths compare on one clock.
 */
function rowTime(): string {
  return new Date().toISOString();
}

export type ClaimedTurn =
  | { duplicate: true }
  | { duplicate: false; contact: Contact; conversation: LoadedConversation };

type ClaimRow = Partial<Contact> & {
  claimed: number;
  stateEnc: Uint8Array | null;
  version: number | null;
};

/**
 * Claims the message (null: nothing to claim) and reads the sender's contact
 * and conversation, in one statement. A claim another transaction holds makes
 * this one wait for it, as a plain insert would; a duplicate reads nothing.
 */
export async function claimAndLoad(
  tx: Tx,
  cipher: Cipher,
  channel: ChannelName,
  sender: Sender,
  dedupeKey: string | null,
): Promise<ClaimedTurn> {
  const externalIdHash = contactIdHash(cipher, channel, sender.externalId);
  const claim =
    dedupeKey === null
      ? Prisma.sql`SELECT 1 AS one`
      : Prisma.sql`INSERT INTO processed_messages (channel, message_id, processed_at)
          VALUES (${channel}::"Channel", ${dedupeKey}, ${rowTime()}::timestamptz)
          ON CONFLICT DO NOTHING RETURNING 1 AS one`;
  const [row] = await tx.$queryRaw<ClaimRow[]>`
    WITH claim AS (${claim})
    SELECT k.claimed, ${CONTACT_COLUMNS}, v.state_enc AS "stateEnc", v.version
    FROM (SELECT count(*)::int AS claimed FROM claim) k
    LEFT JOIN contacts c
      ON k.claimed > 0 AND c.channel = ${channel}::"Channel" AND c.external_id_hash = ${externalIdHash}
    LEFT JOIN conversations v ON v.contact_id = c.id`;
  if (!row || row.claimed === 0) return { duplicate: true };
  const { claimed: _, stateEnc, version, ...found } = row;
  if (found.id === null || found.id === undefined) {
    // A first message: the contact is created (a race with another first
    // message re-reads), and that other one may have saved a state already.
    const contact = await resolveContact(tx, cipher, channel, sender);
    return {
      duplicate: false,
      contact,
      conversation: await loadConversation(tx, cipher, contact.id),
    };
  }
  const contact = found as Contact;
  return {
    duplicate: false,
    contact,
    conversation: openConversation(
      cipher,
      stateEnc === null || version === null ? null : { contactId: contact.id, stateEnc, version },
    ),
  };
}

/** A reply decided in this transaction, written with the state (or before the next other effect). */
export interface PendingReply {
  messageId: string;
  outboxId: string;
  body: OutboundBody;
}

/** Ids made now, so that the caller knows them before the rows are written. */
export function pendingReply(body: OutboundBody): PendingReply {
  return { messageId: uuidv7(), outboxId: uuidv7(), body };
}

/** The outbox rows of these replies, as publishOutbox would read them back. */
export function replyOutboxRows(
  contact: Pick<Contact, "channel">,
  replies: readonly PendingReply[],
): OutboxRow[] {
  const queue = outboundQueue(contact.channel);
  return replies.map((r) => ({
    id: r.outboxId,
    queue,
    name: "outbound.send",
    payload: { outboundMessageId: r.messageId },
    deliverAt: null,
  }));
}

/** The CTEs writing the replies' send-log and outbox rows (in order: seq follows the list). */
function replyWrites(
  cipher: Cipher,
  contact: Pick<Contact, "id" | "channel">,
  replies: readonly PendingReply[],
): Prisma.Sql[] {
  if (replies.length === 0) return [];
  const at = rowTime();
  const messages = replies.map(
    (r) =>
      Prisma.sql`(${r.messageId}::uuid, ${contact.id}::uuid, ${contact.channel}::"Channel", ${cipher.seal(
        JSON.stringify(r.body),
        bound("outbound_messages.body_enc", r.messageId),
      )}, ${at}::timestamptz)`,
  );
  const outbox = replyOutboxRows(contact, replies).map(
    (o) =>
      Prisma.sql`(${o.id}::uuid, ${o.queue}, ${o.name}, ${JSON.stringify(o.payload)}::jsonb, ${at}::timestamptz)`,
  );
  return [
    Prisma.sql`sent AS (INSERT INTO outbound_messages (id, contact_id, channel, body_enc, created_at)
      VALUES ${Prisma.join(messages)})`,
    Prisma.sql`boxed AS (INSERT INTO outbox_events (id, queue, name, payload, created_at)
      VALUES ${Prisma.join(outbox)})`,
  ];
}

/** Writes replies decided so far (before an effect that writes rows of its own). */
export async function writeReplies(
  tx: Tx,
  cipher: Cipher,
  contact: Pick<Contact, "id" | "channel">,
  replies: readonly PendingReply[],
): Promise<void> {
  const writes = replyWrites(cipher, contact, replies);
  if (writes.length === 0) return;
  await tx.$queryRaw`WITH ${Prisma.join(writes)} SELECT 1 AS done`;
}

/**
 * Saves the conversation only if nobody saved since we loaded (false:
 * "reload and decide again"), with the replies still pending, in one
 * statement. Every save names the input that can be taken back, or clears it.
 */
export async function saveTurn(
  tx: Tx,
  cipher: Cipher,
  contact: Pick<Contact, "id" | "channel">,
  turn: {
    stored: StoredConversation;
    wakeAt: Date | null;
    input: RevertibleInput | null;
    replies: readonly PendingReply[];
  },
): Promise<boolean> {
  const contactId = contact.id;
  const stateEnc = cipher.seal(
    JSON.stringify(turn.stored.state),
    bound("conversations.state_enc", contactId),
  );
  const lastInputId = turn.input?.messageId ?? null;
  const priorStateEnc = turn.input
    ? cipher.seal(
        JSON.stringify(turn.input.prior),
        bound("conversations.prior_state_enc", contactId),
      )
    : null;
  const wakeAt = turn.wakeAt === null ? null : turn.wakeAt.toISOString();
  const at = rowTime();
  const save =
    turn.stored.version === null
      ? Prisma.sql`saved AS (INSERT INTO conversations
          (id, contact_id, state_enc, wake_at, last_input_id, prior_state_enc, created_at, updated_at)
          VALUES (${uuidv7()}::uuid, ${contactId}::uuid, ${stateEnc}, ${wakeAt}::timestamptz,
                  ${lastInputId}, ${priorStateEnc}::bytea, ${at}::timestamptz, ${at}::timestamptz)
          ON CONFLICT DO NOTHING RETURNING 1 AS one)`
      : Prisma.sql`saved AS (UPDATE conversations SET state_enc = ${stateEnc},
          wake_at = ${wakeAt}::timestamptz, last_input_id = ${lastInputId},
          prior_state_enc = ${priorStateEnc}::bytea, version = version + 1, updated_at = ${at}::timestamptz
          WHERE contact_id = ${contactId}::uuid AND version = ${turn.stored.version}
          RETURNING 1 AS one)`;
  // A lost version check leaves the replies written too: the caller throws
  // and the whole transaction rolls back.
  const writes = [save, ...replyWrites(cipher, contact, turn.replies)];
  const [row] = await tx.$queryRaw<{ saved: number }[]>`
    WITH ${Prisma.join(writes)} SELECT count(*)::int AS saved FROM saved`;
  return row?.saved === 1;
}
