-- CreateTable
CREATE TABLE "desk_notes" (
    "id" UUID NOT NULL,
    "ticket_id" UUID,
    "contact_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "body_enc" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "desk_notes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "desk_notes_ticket_id_created_at_idx" ON "desk_notes"("ticket_id", "created_at");

-- CreateIndex
CREATE INDEX "desk_notes_contact_id_created_at_idx" ON "desk_notes"("contact_id", "created_at");
