// Where personal data lives, and how each piece is erased: THE list that the
// one purge (core/app/purge.ts) runs for both a user's erasure ("hapus data
// saya") and the retention schedule. A test (test/integration/
// personal-data.catalog.test.ts) reads the schema and fails when a text,
// bytea or json column is in neither PURGE_RULES / CODE_STEP_COLUMNS nor
// NOT_PERSONAL / STAFF_CREDENTIALS (those three tables are in
// personal-data.catalogue.ts): a new column must be put in one of them.
//
// A rule names the columns it clears and gives plain SQL over named values:
//   subject  rows of one data subject:  :contacts uuid[], :tickets uuid[], :related text[]
//   expired  rows past their retention: :attachments, :personal, :messages, :orphans (cut-off
//            instants), :now
//   set      what the columns become (absent: the rows are deleted)
// `subject` and `expired` must only match rows that still hold something, so
// the counts say what was purged and a second run does nothing.

import { CODE_STEP_COLUMNS, NOT_PERSONAL, STAFF_CREDENTIALS } from "./personal-data.catalogue.ts";

/** What stands where personal text was erased in a NOT NULL column. */
export const REMOVED = "[dihapus]";

export interface PurgeRule {
  name: string;
  table: string;
  /** The personal columns this rule clears, and what each may hold. */
  columns: Readonly<Record<string, string>>;
  set?: string;
  subject?: string;
  expired?: string;
}

/** Tickets whose personal fields are past RETENTION_PERSONAL_DAYS. */
const TICKET_PAST_PERSONAL = "ticket_id IN (SELECT id FROM tickets WHERE closed_at < :personal)";

/**
 * A ticket's rows whose one free-text column is emptied (set NULL): for the
 * data subject, or when the ticket's personal fields expire.
 */
function ticketText(name: string, table: string, column: string, holds: string): PurgeRule {
  return {
    name,
    table,
    columns: { [column]: holds },
    set: `${column} = NULL`,
    subject: `ticket_id = ANY(:tickets) AND ${column} IS NOT NULL`,
    expired: `${column} IS NOT NULL AND ${TICKET_PAST_PERSONAL}`,
  };
}

export const PURGE_RULES: readonly PurgeRule[] = [
  {
    name: "documents",
    table: "attachments",
    columns: {
      data: "the document (KTP photo, power of attorney, screenshots), encrypted",
      wrapped_key: "the key that opens it",
      storage_key: "where a large document is stored",
      caption_enc: "what the user wrote with the file, sealed",
    },
    set: `data = NULL, storage_key = NULL, wrapped_key = ''::bytea, caption_enc = NULL,
          purged_at = :now`,
    subject: "(contact_id = ANY(:contacts) OR ticket_id = ANY(:tickets)) AND purged_at IS NULL",
    expired: `purged_at IS NULL AND ticket_id IN (SELECT id FROM tickets WHERE closed_at < :attachments)`,
  },
  {
    name: "orphanFiles",
    table: "attachments",
    columns: { data: "files of drafts that never became a ticket" },
    expired: "ticket_id IS NULL AND created_at < :orphans",
  },
  {
    name: "tickets",
    table: "tickets",
    columns: {
      applicant_name_enc: "name, sealed",
      nik_enc: "NIK, sealed",
      nik_hash: "keyed hash of the NIK",
      email_enc: "e-mail, sealed",
      phone_enc: "phone number, sealed",
      description_enc: "the request in the user's words, sealed",
      organisation: "company or office (may be a person's trade name)",
      applicant_name: "name, plain text (tickets filed before sealing)",
      email: "e-mail, plain text (before sealing)",
      description: "request text, plain text (before sealing)",
    },
    set: `applicant_name = NULL, applicant_name_enc = NULL, nik_enc = NULL, nik_hash = NULL,
          email = NULL, email_enc = NULL, phone_enc = NULL, organisation = NULL,
          description = NULL, description_enc = NULL, anonymised_at = :now`,
    subject: "id = ANY(:tickets) AND anonymised_at IS NULL",
    expired: "closed_at < :personal AND anonymised_at IS NULL",
  },
  ticketText(
    "ticketEventReasons",
    "ticket_events",
    "reason",
    "why the status changed, in an agent's or user's words",
  ),
  ticketText("surveyComments", "survey_responses", "comment", "the user's survey comment"),
  {
    name: "letterParties",
    table: "disruption_letters",
    columns: { affected_parties: "who was affected, typed by an agent (may name the user)" },
    set: `affected_parties = '${REMOVED}'`,
    subject: `ticket_id = ANY(:tickets) AND affected_parties <> '${REMOVED}'`,
    expired: `affected_parties <> '${REMOVED}' AND ${TICKET_PAST_PERSONAL}`,
  },
  {
    name: "complaints",
    table: "complaints",
    columns: {
      text: "the complaint in the user's words",
      outcome_enc: "the analyst's answer, which may name the user and their case, sealed",
    },
    set: `text = '${REMOVED}', outcome_enc = NULL`,
    subject: `contact_id = ANY(:contacts) AND (text <> '${REMOVED}' OR outcome_enc IS NOT NULL)`,
    expired: `updated_at < :personal AND (text <> '${REMOVED}' OR outcome_enc IS NOT NULL)`,
  },
  {
    name: "conversations",
    table: "conversations",
    columns: {
      state_enc: "the chat's state and a draft's answers (NIK, name, phone), sealed",
      prior_state_enc: "the state before the user's latest text (for an edit of it), sealed",
    },
    subject: "contact_id = ANY(:contacts)",
    // Idle that long, nothing waits on it (a reminder or expiry has its wake-up).
    expired: "updated_at < :messages AND (wake_at IS NULL OR wake_at < :now)",
  },
  {
    name: "messages",
    table: "outbound_messages",
    columns: {
      body_enc: "what the bot sent (summaries repeat name, phone, e-mail), sealed",
      last_error: "the channel's answer to a failed send (may quote the recipient)",
    },
    set: "body_enc = NULL, last_error = NULL",
    // PENDING bodies still go out (the final "erased" notice among them).
    subject: `contact_id = ANY(:contacts) AND status <> 'PENDING'
              AND (body_enc IS NOT NULL OR last_error IS NOT NULL)`,
    expired: `status <> 'PENDING' AND created_at < :messages
              AND (body_enc IS NOT NULL OR last_error IS NOT NULL)`,
  },
  {
    name: "whatsappSentMessages",
    table: "whatsapp_sent_messages",
    columns: { message_enc: "a sent WhatsApp message kept for retries, sealed" },
    // The WhatsApp message id is the send-log's provider id.
    subject: `message_id IN (SELECT provider_id FROM outbound_messages
              WHERE contact_id = ANY(:contacts) AND provider_id IS NOT NULL)`,
    expired: "created_at < :messages",
  },
  {
    name: "relays",
    table: "desk_relays",
    columns: { body_enc: "a message for the agents, sealed" },
    subject: "contact_id = ANY(:contacts) OR ticket_id = ANY(:tickets)",
    expired: "created_at < :messages",
  },
  {
    name: "deskNotes",
    table: "desk_notes",
    columns: { body_enc: "an agent's internal note on the case (may name the user), sealed" },
    subject: "contact_id = ANY(:contacts) OR ticket_id = ANY(:tickets)",
    // A ticket's notes live as long as its personal fields; a chat's as long as its messages.
    expired: `(ticket_id IS NULL AND created_at < :messages) OR ${TICKET_PAST_PERSONAL}`,
  },
  {
    name: "articleDrafts",
    table: "kb_article_versions",
    columns: {
      markdown:
        "a draft made from a resolved ticket's answer: may quote the citizen until reviewed",
      note: "a supervisor's note on that draft",
    },
    set: `markdown = '${REMOVED}', note = NULL`,
    subject: `from_ticket_id = ANY(:tickets) AND status IN ('DRAFT', 'REJECTED')
              AND markdown <> '${REMOVED}'`,
    expired: `from_ticket_id IN (SELECT id FROM tickets WHERE closed_at < :personal)
              AND status IN ('DRAFT', 'REJECTED') AND markdown <> '${REMOVED}'`,
  },
  {
    name: "deletionReasons",
    table: "deletion_requests",
    columns: { reason: "a supervisor's reason told to the user" },
    set: "reason = NULL",
    subject: "contact_id = ANY(:contacts) AND reason IS NOT NULL",
    expired: "decided_at < :personal AND reason IS NOT NULL",
  },
  {
    name: "auditReasons",
    table: "audit_log",
    // The one change the append-only trigger allows (see its migration).
    columns: { detail: "a supervisor's free-text reason (blocking a sender)" },
    set: `detail = jsonb_set(detail, '{reason}', '"${REMOVED}"')`,
    subject: `(contact_id = ANY(:contacts) OR ticket_id = ANY(:tickets))
              AND jsonb_typeof(detail -> 'reason') = 'string' AND detail ->> 'reason' <> '${REMOVED}'`,
    expired: `at < :personal
              AND jsonb_typeof(detail -> 'reason') = 'string' AND detail ->> 'reason' <> '${REMOVED}'`,
  },
  {
    name: "deadLetters",
    table: "dead_letters",
    columns: { error: "why a job failed (a channel's or database's words)" },
    subject: `EXISTS (SELECT 1 FROM unnest(:related::text[]) AS r(id)
                      WHERE dead_letters.data::text LIKE '%' || r.id || '%')`,
    expired: "failed_at < :messages",
  },
  {
    name: "contacts",
    table: "contacts",
    columns: {
      phone_enc: "phone number the channel told us, sealed",
      display_name: "the name shown on the channel",
    },
    set: "phone_enc = NULL, display_name = NULL",
    subject: "id = ANY(:contacts) AND (phone_enc IS NOT NULL OR display_name IS NOT NULL)",
    expired: `(phone_enc IS NOT NULL OR display_name IS NOT NULL) AND id IN (${idleContacts()})`,
  },
];

/**
 * Contacts with nothing going on since :personal: no message either way, no
 * ticket open or closed since. Their channel address goes too (purge.ts).
 */
export function idleContacts(): string {
  return `SELECT c.id FROM contacts c
    WHERE c.updated_at < :personal
      AND NOT EXISTS (SELECT 1 FROM conversations v WHERE v.contact_id = c.id AND v.updated_at >= :personal)
      AND NOT EXISTS (SELECT 1 FROM outbound_messages m WHERE m.contact_id = c.id AND m.created_at >= :personal)
      AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.contact_id = c.id
                      AND (t.closed_at IS NULL OR t.closed_at >= :personal))`;
}

/** Every catalogued personal column, as "table.column". */
export function personalColumns(): Set<string> {
  const columns = new Set(Object.keys(CODE_STEP_COLUMNS));
  for (const rule of PURGE_RULES) {
    for (const column of Object.keys(rule.columns)) columns.add(`${rule.table}.${column}`);
  }
  return columns;
}

/** Columns of the kinds that can hold text (text, bytea, json, text arrays) and are not classified. */
export function unclassifiedColumns(
  columns: readonly { table: string; column: string }[],
): string[] {
  const known = personalColumns();
  return columns
    .map(({ table, column }) => `${table}.${column}`)
    .filter((name) => !known.has(name) && !(name in NOT_PERSONAL) && !(name in STAFF_CREDENTIALS));
}
