// The Telegram channel: token, Bot API server, polling or webhook, pacing
// (bot/telegram).
import { z } from "zod";
import { defineArea, emptyAsUndefined, integer, optional, setting } from "./setting.ts";

export const telegramArea = defineArea("Telegram channel", {
  TELEGRAM_BOT_TOKEN: setting(
    optional(
      z.string().regex(/^\d+:[A-Za-z0-9_-]{30,}$/, "bukan token BotFather / not a BotFather token"),
    ),
    {
      example: "123456789:AAExampleTokenFromBotFather_abcdefghijk",
      description: "Token from @BotFather; set = the Telegram channel is on.",
      allowed: "a BotFather token: digits, `:`, 30 or more of `A-Z a-z 0-9 _ -`",
    },
  ),
  TELEGRAM_API_ROOT: setting(z.url({ protocol: /^https?$/ }).default("https://api.telegram.org"), {
    example: "https://api.telegram.org",
    description: "Bot API server; point it at a self-hosted `telegram-bot-api` if you run one.",
    allowed: "an `http://` or `https://` URL",
  }),
  TELEGRAM_MAX_DOWNLOAD_BYTES: setting(optional(z.coerce.number().int().min(1024)), {
    example: "20971520",
    description: "Largest file fetched from Telegram (the public Bot API serves at most 20 MB).",
    unset: "`MEDIA_MAX_BYTES`",
  }),
  TELEGRAM_POLL_TIMEOUT_SECONDS: setting(integer(1, 50).default(30), {
    example: "30",
    description: "Long-polling timeout of `getUpdates`.",
  }),
  TELEGRAM_GLOBAL_RATE_PER_SECOND: setting(integer(1, 1000).default(25), {
    example: "25",
    description: "Outgoing messages per second over all chats; further sends wait for a slot.",
  }),
  TELEGRAM_CHAT_INTERVAL_MS: setting(integer(0, 60_000).default(1000), {
    example: "1000",
    description:
      "Minimum time between two messages to one chat (Telegram allows about one per second).",
  }),
  TELEGRAM_MODE: setting(
    z.preprocess(emptyAsUndefined, z.enum(["polling", "webhook"]).default("polling")),
    {
      example: "polling",
      description:
        "`polling` (no public URL needed) or `webhook` (updates arrive at `POST /telegram/webhook`).",
    },
  ),
  TELEGRAM_WEBHOOK_URL: setting(
    optional(z.url({ protocol: /^https$/, error: "harus URL https:// / must be an https:// URL" })),
    {
      example: "https://helpdesk.lpse.example.go.id/telegram/webhook",
      description:
        "Webhook mode: the public `https://` URL that reaches `/telegram/webhook` on `HTTP_PORT`. Required there.",
    },
  ),
  TELEGRAM_WEBHOOK_SECRET: setting(
    optional(
      z
        .string()
        .regex(
          /^[A-Za-z0-9_-]{16,256}$/,
          "16-256 karakter A-Z a-z 0-9 _ - / 16-256 characters A-Z a-z 0-9 _ -",
        ),
    ),
    {
      example: "a-random-string-of-A-Z-a-z-0-9-_-up-to-256",
      description:
        "Webhook mode: 16-256 characters `A-Z a-z 0-9 _ -`; requests without it in `X-Telegram-Bot-Api-Secret-Token` get 401. Required there.",
    },
  ),
});
