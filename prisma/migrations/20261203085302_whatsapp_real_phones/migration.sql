-- AlterTable
ALTER TABLE "attachments" ADD COLUMN     "source_message_id" TEXT,
ADD COLUMN     "withdrawn_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "conversations" ADD COLUMN     "last_input_id" TEXT,
ADD COLUMN     "prior_state_enc" BYTEA;

-- AlterTable
ALTER TABLE "outbound_messages" ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "attachments_contact_id_source_message_id_idx" ON "attachments"("contact_id", "source_message_id");

-- CreateIndex
CREATE INDEX "outbound_messages_contact_id_status_seq_idx" ON "outbound_messages"("contact_id", "status", "seq");
