-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('BARU', 'DITANGGAPI', 'SELESAI');

-- AlterTable
ALTER TABLE "conversations" DROP COLUMN "state",
ADD COLUMN     "state_enc" BYTEA NOT NULL,
ADD COLUMN     "wake_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "outbound_messages" DROP COLUMN "body",
ADD COLUMN     "body_enc" BYTEA NOT NULL;

-- CreateTable
CREATE TABLE "complaints" (
    "id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "language" "Language" NOT NULL DEFAULT 'ID',
    "text" TEXT NOT NULL,
    "status" "ComplaintStatus" NOT NULL DEFAULT 'BARU',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "complaints_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "complaints_status_created_at_idx" ON "complaints"("status", "created_at");

-- CreateIndex
CREATE INDEX "conversations_wake_at_idx" ON "conversations"("wake_at");

-- AddForeignKey
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
