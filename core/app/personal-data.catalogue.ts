// The classification tables of the personal-data catalogue beside the purge
// rules (core/app/personal-data.ts): columns a code step of the purge clears,
// columns that hold no citizen's personal data, and staff credentials. The
// catalogue test (test/integration/personal-data.catalog.test.ts) fails when
// a text, bytea or json column of the schema is classified nowhere.

/** Columns cleared by code steps (they must open sealed values to find a person's rows). */
export const CODE_STEP_COLUMNS: Readonly<Record<string, string>> = {
  "contacts.external_id_enc": "the channel address (a WhatsApp id is the phone number), sealed",
  "contacts.external_id_hash": "keyed hash of the channel address",
  "whatsapp_lid_mappings.pn_enc": "the phone number behind a WhatsApp LID, sealed",
  "whatsapp_auth_state.key_id": "Baileys names a contact's signal keys by phone number or LID",
  "whatsapp_auth_state.value": "Baileys' lid-mapping values are phone numbers, sealed",
  "telegram_inbox.update_enc": "a Telegram update not handled yet (the user's message), sealed",
  "kb_events.terms":
    "a search no article answered, redacted; no contact link, so matched by the person's names (purge-search-terms.ts)",
};

/** Text, bytea and json columns that hold no citizen's personal data, and why. */
export const NOT_PERSONAL: Readonly<Record<string, string>> = {
  "tickets.number": "ticket number",
  "tickets.category": "catalogue key",
  "tickets.role": "catalogue key (PENYEDIA, PPK, …)",
  "tickets.tender_code": "a public tender's code",
  "tickets.lkpp_ticket_number": "LKPP's ticket number",
  "tickets.sla_stage": "procedure stage",
  "ticket_events.actor_id": "an agent's or contact's id, or a job's name",
  "ticket_events.data": "command, team, priority, rule id, LKPP number (ticket.events.ts)",
  "attachments.mime": "file type",
  "attachments.sha256": "hash of the stored bytes (what was received), not reversible",
  "attachments.key_id": "master key name",
  "agents.name": "staff, not citizens; removed with /agen hapus",
  "web_accounts.username": "staff's console sign-in name, not citizens (docs/console.md)",
  "web_accounts.password_hash": "scrypt hash of a staff password, not reversible",
  "desk_templates.id": "a canned answer's code (office text)",
  "desk_templates.title": "a canned answer's title, written by the office, never about a citizen",
  "desk_templates.body": "a canned answer's text, written by the office for every citizen alike",
  "outbox_events.queue": "queue name",
  "outbox_events.name": "job name",
  "outbox_events.payload": "ids only (ARCHITECTURE: job data holds ids, never personal data)",
  "outbox_events.last_error": "Redis publish errors",
  "outbound_messages.provider_id": "the channel's message id (links whatsapp_sent_messages)",
  "outbound_messages.send_lease_job": "id of the BullMQ job holding the send lease",
  "processed_messages.message_id": "Telegram update id or WhatsApp message key id",
  "whatsapp_auth_state.session_id": "session name",
  "whatsapp_auth_state.category": "Baileys key category",
  "whatsapp_lid_mappings.session_id": "session name",
  "whatsapp_lid_mappings.lid_hash": "keyed hash of a LID",
  "whatsapp_sent_messages.session_id": "session name",
  "whatsapp_sent_messages.message_id": "WhatsApp message id",
  "dead_letters.queue": "queue name",
  "dead_letters.job_id": "job id",
  "dead_letters.name": "job name",
  "dead_letters.data": "job data: ids only",
  "audit_log.actor_id": "an agent's or contact's id, or a job's name",
  "audit_log.action": "dotted verb",
  "desk_topics.title": "ticket number, category and status, or a chat's short id and channel",
  // desk_posts: Telegram's ids of what the bot posted in the agents group. The
  // posts there hold personal data; the rows do not. Both go in the agents
  // group step of the purge (purge-desk.ts queues it, the desk deletes them).
  "desk_posts.step":
    "which step of a topic posted it: card, file:<attachment id>, digest, letter:<letter id>",
  "letter_sequences.series": "letter series",
  "disruption_letters.number": "letter number",
  "disruption_letters.series": "letter series",
  "disruption_letters.tender_code": "a public tender's code",
  "disruption_letters.signer_name": "the signing official, in office",
  "disruption_letters.signer_position": "the signing official's position",
  "disruption_letters.signer_nip": "the signing official's NIP, printed on official letters",
  "complaints.number": "complaint number (ADU-YYYY-NNNNN)",
  "attachments.source_message_id": "the WhatsApp message id that brought the file",
  "conversations.last_input_id": "the channel's id of the user's latest message",
  "kb_articles.id": "an article's slug",
  "kb_articles.file_hash": "hash of an article file",
  "kb_article_versions.article_id": "an article's slug",
  "kb_events.article_id": "an article's slug",
  "kb_events.offered": "the slugs of the articles offered",
  "kb_events.offer_id": "a keyed hash linking an offer with its answer, no contact id",
  "kb_events.context": "intake or free",
  "kb_events.query_hash": "keyed hash (HASH_KEY) of a search's normalised terms, no contact link",
  "calendar_days.date": "an office calendar date (console calendar changes)",
  "calendar_days.name": "a holiday's name (e.g. Cuti bersama), written by staff",
  "calendar_days.hours": "a special day's working hours",
  "calendar_weekdays.weekday": "a weekday's name",
  "calendar_weekdays.hours": "a weekday's working hours",
  "_prisma_migrations.id": "migration bookkeeping",
  "_prisma_migrations.checksum": "migration bookkeeping",
  "_prisma_migrations.migration_name": "migration bookkeeping",
  "_prisma_migrations.logs": "migration bookkeeping",
};

/**
 * Staff sign-in secrets: no citizen's data, so no purge rule, but sealed and
 * re-sealed by key rotation (core/infra/sealed-columns.ts) like personal data.
 */
export const STAFF_CREDENTIALS: Readonly<Record<string, string>> = {
  "web_accounts.totp_secret_enc":
    "an agent's TOTP secret for the console (bot/web/totp.ts), sealed",
};
