-- AlterTable
ALTER TABLE "outbox_events" ADD COLUMN     "deliver_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "tickets" ADD COLUMN     "sla_reminded_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "dead_letters" (
    "id" UUID NOT NULL,
    "queue" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "failed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dead_letters_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "dead_letters_queue_job_id_key" ON "dead_letters"("queue", "job_id");
