-- CreateTable
CREATE TABLE "desk_templates" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "desk_templates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "desk_templates_position_idx" ON "desk_templates"("position");
