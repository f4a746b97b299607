-- AlterTable
ALTER TABLE "attachments" ADD COLUMN     "caption_enc" BYTEA;
