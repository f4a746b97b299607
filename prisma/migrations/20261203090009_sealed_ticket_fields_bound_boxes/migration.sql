-- AlterTable
ALTER TABLE "outbound_messages" ALTER COLUMN "body_enc" DROP NOT NULL;

-- AlterTable
ALTER TABLE "tickets" ADD COLUMN     "applicant_name_enc" BYTEA,
ADD COLUMN     "description_enc" BYTEA,
ADD COLUMN     "email_enc" BYTEA,
ALTER COLUMN "applicant_name" DROP NOT NULL,
ALTER COLUMN "description" DROP NOT NULL;

-- The audit log stays append-only with one exception: a supervisor's
-- free-text `reason` in `detail` may be replaced by "[dihapus]" (erasure and
-- retention, core/app/purge.ts), nothing else of the row may change. Written
-- as an E-string with the semicolon as \073 (see the migration that created it).
CREATE OR REPLACE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN IF TG_OP = ''UPDATE'' AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_type = OLD.actor_type AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.action = OLD.action AND NEW.ticket_id IS NOT DISTINCT FROM OLD.ticket_id AND NEW.contact_id IS NOT DISTINCT FROM OLD.contact_id AND jsonb_typeof(OLD.detail -> ''reason'') = ''string'' AND NEW.detail = jsonb_set(OLD.detail, ''{reason}'', ''"[dihapus]"'') THEN RETURN NEW\073 END IF\073 RAISE EXCEPTION ''audit_log is append-only''\073 END'
;
