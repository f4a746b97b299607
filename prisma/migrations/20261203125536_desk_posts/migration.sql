-- CreateEnum
CREATE TYPE "DeskPurgeReason" AS ENUM ('ERASURE', 'RETENTION');

-- CreateEnum
CREATE TYPE "DeskPostKind" AS ENUM ('CARD', 'FILE', 'RELAY', 'KTP', 'DIGEST', 'MESSAGE', 'TOMBSTONE');

-- AlterTable
ALTER TABLE "desk_topics" ADD COLUMN     "opened_at" TIMESTAMPTZ(3),
ADD COLUMN     "purge_reason" "DeskPurgeReason",
ADD COLUMN     "purge_requested_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "desk_posts" (
    "id" UUID NOT NULL,
    "chat_id" BIGINT NOT NULL,
    "message_id" INTEGER NOT NULL,
    "thread_id" INTEGER,
    "topic_id" UUID,
    "ticket_id" UUID,
    "kind" "DeskPostKind" NOT NULL,
    "step" TEXT,
    "posted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "desk_posts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "desk_posts_ticket_id_idx" ON "desk_posts"("ticket_id");

-- CreateIndex
CREATE UNIQUE INDEX "desk_posts_chat_id_message_id_key" ON "desk_posts"("chat_id", "message_id");

-- CreateIndex
CREATE UNIQUE INDEX "desk_posts_topic_id_step_key" ON "desk_posts"("topic_id", "step");

-- Topics opened before steps were recorded: their opening is taken as done.
UPDATE "desk_topics" SET "opened_at" = "created_at" WHERE "opened_at" IS NULL;
