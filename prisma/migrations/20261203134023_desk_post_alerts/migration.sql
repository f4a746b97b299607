-- AlterEnum
ALTER TYPE "DeskPostKind" ADD VALUE 'ALERT';

-- AlterTable
ALTER TABLE "desk_posts" ADD COLUMN     "contact_id" UUID;

-- CreateIndex
CREATE INDEX "desk_posts_contact_id_idx" ON "desk_posts"("contact_id");
