// Every database column that holds sealed boxes (core/infra/crypto.ts), with
// the SQL that names a row the way `bound()` does. A box is bound to its
// table, column and row: callers seal with `bound("tickets.nik_enc", id)` and
// open with the same, so a box copied elsewhere fails to open. Rotation
// (core/app/rotate-keys.ts) re-seals every column listed here.
import type { Binding } from "./crypto-format.ts";

/** Column -> SQL expression of the row id it is bound to (parts joined by ":"). */
export const SEALED_COLUMNS = {
  "attachments.caption_enc": "id::text",
  "complaints.outcome_enc": "id::text",
  "contacts.external_id_enc": "id::text",
  "contacts.phone_enc": "id::text",
  // Bound to the contact: one conversation per contact, and its id is known before insert.
  "conversations.state_enc": "contact_id::text",
  "conversations.prior_state_enc": "contact_id::text",
  "tickets.nik_enc": "id::text",
  "tickets.phone_enc": "id::text",
  "tickets.applicant_name_enc": "id::text",
  "tickets.email_enc": "id::text",
  "tickets.description_enc": "id::text",
  "outbound_messages.body_enc": "id::text",
  "desk_relays.body_enc": "id::text",
  "desk_notes.body_enc": "id::text",
  "whatsapp_auth_state.value": "session_id || ':' || category || ':' || key_id",
  "whatsapp_lid_mappings.pn_enc": "session_id || ':' || lid_hash",
  "whatsapp_sent_messages.message_enc": "session_id || ':' || message_id",
  "telegram_inbox.update_enc": "bot_id::text || ':' || update_id::text",
  // A staff credential, not personal data (core/app/personal-data.catalogue.ts STAFF_CREDENTIALS).
  "web_accounts.totp_secret_enc": "id::text",
} as const;

export type SealedColumn = keyof typeof SEALED_COLUMNS;

/** Documents: the wrapped data key of `attachments` is bound to the attachment id. */
export const ATTACHMENT_DATA = "attachments.data";

/** Where a box of `column` on the row `idParts` lives. */
export function bound(
  column: SealedColumn | typeof ATTACHMENT_DATA,
  ...idParts: (string | number | bigint)[]
): Binding {
  const dot = column.indexOf(".");
  return { table: column.slice(0, dot), column: column.slice(dot + 1), id: idParts.join(":") };
}

/** Purpose of the keyed hash of a WhatsApp LID (whatsapp_lid_mappings.lid_hash). */
export const LID_HASH_PURPOSE = "whatsapp-lid";
