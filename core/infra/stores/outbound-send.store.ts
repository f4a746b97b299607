// The sender's statements (issue #20): one to read a send-log row with its
// recipient and take the row for this job, one to mark it sent. No
// transaction is held across the send: the row is held by a lease in its own
// columns instead of a row lock, so a reply costs two statements, not four.
import type { Tx } from "./tx.ts";

/** Longer than a send may take (Telegram may hold one for its retry_after). */
export const SEND_LEASE_MS = 120_000;

export interface SendRow {
  status: string;
  /** Earlier messages to the same contact not marked out yet (PENDING), oldest first. */
  earlier: string[];
  channel: string;
  bodyEnc: Uint8Array<ArrayBuffer> | null;
  contactId: string;
  externalIdEnc: Uint8Array<ArrayBuffer>;
  /**
   * This job holds the row now: it was not SENT, and no other job held it
   * (a lease of the same job is its retry's, BullMQ runs one job once at a time;
   * an expired lease is a crashed sender's).
   */
  leased: boolean;
}

/** Reads the row and its recipient, and leases it to `job`, in one statement. */
export async function leaseSendRow(
  db: Tx,
  id: string,
  job: string,
  now: Date,
): Promise<SendRow | undefined> {
  const until = new Date(now.getTime() + SEND_LEASE_MS);
  // The CTE's read sees the row as it was; only `leased` says what this job may do.
  const [row] = await db.$queryRaw<SendRow[]>`
    WITH target AS (
      SELECT m.status::text AS status, m.channel::text AS channel, m.body_enc AS "bodyEnc",
             m.contact_id::text AS "contactId", c.external_id_enc AS "externalIdEnc",
             ARRAY(SELECT e.id::text FROM outbound_messages e
                   WHERE e.contact_id = m.contact_id AND e.status = 'PENDING'
                     AND e.seq < m.seq ORDER BY e.seq LIMIT 20) AS earlier
      FROM outbound_messages m JOIN contacts c ON c.id = m.contact_id
      WHERE m.id = ${id}::uuid),
    taken AS (
      UPDATE outbound_messages SET send_lease_job = ${job}, send_lease_until = ${until}::timestamptz
      WHERE id = ${id}::uuid AND status <> 'SENT'
        AND (send_lease_job IS NULL OR send_lease_job = ${job}
             OR send_lease_until < ${now}::timestamptz)
      RETURNING 1)
    SELECT target.*, EXISTS (SELECT 1 FROM taken) AS leased FROM target`;
  return row;
}

/** The row went out: SENT, with the provider's id, and no longer held. */
export async function markSent(
  db: Tx,
  id: string,
  providerId: string | null,
  now: Date,
): Promise<void> {
  await db.$executeRaw`
    UPDATE outbound_messages SET status = 'SENT', sent_at = ${now}::timestamptz,
      provider_id = ${providerId}, attempts = attempts + 1,
      send_lease_job = NULL, send_lease_until = NULL
    WHERE id = ${id}::uuid`;
}

/** Lets the row go without sending it (it waits for an earlier one, or the send failed). */
export async function releaseSendRow(db: Tx, id: string, job: string): Promise<void> {
  await db.$executeRaw`
    UPDATE outbound_messages SET send_lease_job = NULL, send_lease_until = NULL
    WHERE id = ${id}::uuid AND send_lease_job = ${job}`;
}
