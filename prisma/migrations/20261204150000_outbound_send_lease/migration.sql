-- AlterTable
ALTER TABLE "outbound_messages" ADD COLUMN     "send_lease_job" TEXT,
ADD COLUMN     "send_lease_until" TIMESTAMPTZ(3);
