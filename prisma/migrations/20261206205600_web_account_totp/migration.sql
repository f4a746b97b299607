-- The console's optional second step: a TOTP secret per account, sealed, and
-- the last time step whose code was accepted (a code is good once).
ALTER TABLE "web_accounts" ADD COLUMN "totp_secret_enc" BYTEA,
ADD COLUMN "totp_enabled_at" TIMESTAMPTZ(3),
ADD COLUMN "totp_last_step" INTEGER;
