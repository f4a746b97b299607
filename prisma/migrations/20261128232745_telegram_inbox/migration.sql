-- CreateTable
CREATE TABLE "telegram_inbox" (
    "bot_id" BIGINT NOT NULL,
    "update_id" BIGINT NOT NULL,
    "update_enc" BYTEA NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "telegram_inbox_pkey" PRIMARY KEY ("bot_id","update_id")
);

-- CreateIndex
CREATE INDEX "telegram_inbox_received_at_idx" ON "telegram_inbox"("received_at");
