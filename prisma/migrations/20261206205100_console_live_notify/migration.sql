-- The web console's live updates (docs/console.md, "Live updates"): after a
-- commit that touches a ticket, PostgreSQL tells every listening bot process
-- on the channel `konsol_tiket`. The payload is the ticket's id and the kind
-- of change only, never personal data. NOTIFY is transactional: nothing is
-- sent for a transaction rolled back, and a listener sees the change only
-- once it is committed, whichever process (bot or workers) wrote it.
-- The body is an escape string with its semicolons written as \073: the
-- migration engine's PostgreSQL adapter splits a script at every semicolon, even
-- inside quotes.
CREATE FUNCTION konsol_notify_ticket() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_TABLE_NAME = ''tickets'' THEN
    PERFORM pg_notify(''konsol_tiket'', NEW.id::text || '' '' || TG_ARGV[0])\073
  ELSIF NEW.ticket_id IS NOT NULL THEN
    PERFORM pg_notify(''konsol_tiket'', NEW.ticket_id::text || '' '' || TG_ARGV[0])\073
  END IF\073
  RETURN NULL\073
END\073
';

CREATE TRIGGER konsol_live_tickets AFTER INSERT OR UPDATE ON "tickets"
  FOR EACH ROW EXECUTE FUNCTION konsol_notify_ticket('tiket');
CREATE TRIGGER konsol_live_ticket_events AFTER INSERT ON "ticket_events"
  FOR EACH ROW EXECUTE FUNCTION konsol_notify_ticket('status');
CREATE TRIGGER konsol_live_desk_relays AFTER INSERT ON "desk_relays"
  FOR EACH ROW EXECUTE FUNCTION konsol_notify_ticket('pesan');
CREATE TRIGGER konsol_live_desk_notes AFTER INSERT ON "desk_notes"
  FOR EACH ROW EXECUTE FUNCTION konsol_notify_ticket('catatan');
-- Agents' replies to the citizen, but not the page's own `history.view` entries,
-- which a refreshed page writes (that would loop).
CREATE TRIGGER konsol_live_replies AFTER INSERT ON "audit_log"
  FOR EACH ROW WHEN (NEW.action IN ('reply.send', 'template.send'))
  EXECUTE FUNCTION konsol_notify_ticket('balasan');
