-- CreateTable
CREATE TABLE "web_accounts" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "failed_attempts" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "last_sign_in_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "web_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "web_accounts_agent_id_key" ON "web_accounts"("agent_id");

-- CreateIndex
CREATE UNIQUE INDEX "web_accounts_username_key" ON "web_accounts"("username");

-- AddForeignKey
ALTER TABLE "web_accounts" ADD CONSTRAINT "web_accounts_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
