-- Complaints get a yearly number (ADU-2026-00001), a due date, and the
-- analyst's answer (sealed). Complaints filed before this migration are
-- numbered in the order they came, per WIB calendar year, and the yearly
-- sequences continue after them.

-- AlterTable
ALTER TABLE "complaints" ADD COLUMN     "answered_at" TIMESTAMPTZ(3),
ADD COLUMN     "answered_by_id" UUID,
ADD COLUMN     "due_at" TIMESTAMPTZ(3),
ADD COLUMN     "number" TEXT,
ADD COLUMN     "outcome_enc" BYTEA,
ADD COLUMN     "sequence" INTEGER,
ADD COLUMN     "year" INTEGER;

-- Backfill: numbers for the complaints already filed.
UPDATE "complaints" AS c
SET "year" = numbered."year",
    "sequence" = numbered."sequence",
    "number" = 'ADU-' || lpad(numbered."year"::text, 4, '0') || '-' || lpad(numbered."sequence"::text, 5, '0')
FROM (
  SELECT "id",
         EXTRACT(YEAR FROM (("created_at" AT TIME ZONE 'UTC') + interval '7 hours'))::int AS "year",
         ROW_NUMBER() OVER (
           PARTITION BY EXTRACT(YEAR FROM (("created_at" AT TIME ZONE 'UTC') + interval '7 hours'))
           ORDER BY "created_at", "id"
         )::int AS "sequence"
  FROM "complaints"
) AS numbered
WHERE c."id" = numbered."id";

ALTER TABLE "complaints" ALTER COLUMN "number" SET NOT NULL,
ALTER COLUMN "sequence" SET NOT NULL,
ALTER COLUMN "year" SET NOT NULL;

-- CreateTable
CREATE TABLE "complaint_sequences" (
    "year" INTEGER NOT NULL,
    "last_value" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "complaint_sequences_pkey" PRIMARY KEY ("year")
);

INSERT INTO "complaint_sequences" ("year", "last_value")
SELECT "year", MAX("sequence") FROM "complaints" GROUP BY "year";

-- CreateIndex
CREATE UNIQUE INDEX "complaints_number_key" ON "complaints"("number");

-- CreateIndex
CREATE INDEX "complaints_contact_id_idx" ON "complaints"("contact_id");

-- CreateIndex
CREATE UNIQUE INDEX "complaints_year_sequence_key" ON "complaints"("year", "sequence");
