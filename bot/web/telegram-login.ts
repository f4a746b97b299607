// Checks the data the Telegram Login Widget sends back
// (https://core.telegram.org/widgets/login#checking-authorization): the
// fields but `hash`, sorted by name, as "name=value" lines, HMAC-SHA256 with
// the SHA-256 of the bot token as key, in hex, must equal `hash`; `auth_date`
// (seconds) must not be older than CONSOLE_TELEGRAM_LOGIN_MAX_AGE_SECONDS.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export type TelegramLoginCheck =
  | { ok: true; telegramUserId: bigint }
  | { ok: false; reason: "telegram_hash" | "telegram_expired" };

/** Future `auth_date`s within this much are clock skew. */
const SKEW_MS = 60_000;

const telegramDataCheckString = (fields: Readonly<Record<string, string>>) =>
  Object.keys(fields)
    .filter((name) => name !== "hash")
    .sort()
    .map((name) => `${name}=${fields[name]}`)
    .join("\n");

const telegramLoginHash = (fields: Readonly<Record<string, string>>, botToken: string) =>
  createHmac("sha256", createHash("sha256").update(botToken).digest())
    .update(telegramDataCheckString(fields))
    .digest("hex");

export function checkTelegramLogin(
  query: Readonly<Record<string, unknown>>,
  opts: { botToken: string; maxAgeMs: number; now: Date },
): TelegramLoginCheck {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (typeof value !== "string") return { ok: false, reason: "telegram_hash" };
    fields[name] = value;
  }
  const hash = fields.hash ?? "";
  const expected = telegramLoginHash(fields, opts.botToken);
  if (
    !/^[0-9a-f]{64}$/u.test(hash) ||
    !timingSafeEqual(Buffer.from(hash, "hex"), Buffer.from(expected, "hex")) ||
    !/^\d{1,20}$/u.test(fields.id ?? "") ||
    !/^\d{1,12}$/u.test(fields.auth_date ?? "")
  ) {
    return { ok: false, reason: "telegram_hash" };
  }
  const ageMs = opts.now.getTime() - Number(fields.auth_date) * 1000;
  if (ageMs > opts.maxAgeMs || ageMs < -SKEW_MS) return { ok: false, reason: "telegram_expired" };
  return { ok: true, telegramUserId: BigInt(fields.id as string) };
}
