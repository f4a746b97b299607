-- CreateEnum
CREATE TYPE "ArticleVersionStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'SUPERSEDED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ArticleSource" AS ENUM ('FILE', 'DESK');

-- CreateEnum
CREATE TYPE "ArticleActivity" AS ENUM ('OFFERED', 'OPENED', 'RESOLVED', 'NOT_RESOLVED', 'NO_MATCH');

-- CreateTable
CREATE TABLE "kb_articles" (
    "id" TEXT NOT NULL,
    "file_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kb_articles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kb_article_versions" (
    "id" UUID NOT NULL,
    "article_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "ArticleVersionStatus" NOT NULL,
    "source" "ArticleSource" NOT NULL,
    "markdown" TEXT NOT NULL,
    "author_id" UUID,
    "reviewer_id" UUID,
    "from_ticket_id" UUID,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "kb_article_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kb_events" (
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "activity" "ArticleActivity" NOT NULL,
    "channel" "Channel" NOT NULL,
    "offer_id" TEXT,
    "article_id" TEXT,
    "offered" TEXT[],
    "context" TEXT NOT NULL,
    "query_hash" TEXT,
    "terms" TEXT[],

    CONSTRAINT "kb_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "kb_article_versions_status_decided_at_idx" ON "kb_article_versions"("status", "decided_at");

-- CreateIndex
CREATE UNIQUE INDEX "kb_article_versions_article_id_number_key" ON "kb_article_versions"("article_id", "number");

-- CreateIndex
CREATE INDEX "kb_events_at_activity_idx" ON "kb_events"("at", "activity");

-- AddForeignKey
ALTER TABLE "kb_article_versions" ADD CONSTRAINT "kb_article_versions_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "kb_articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
