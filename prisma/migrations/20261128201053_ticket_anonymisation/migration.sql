-- AlterTable
ALTER TABLE "tickets" ADD COLUMN     "anonymised_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "tickets_closed_at_idx" ON "tickets"("closed_at");
