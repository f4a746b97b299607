// The Telegram settings of the configuration: pacing defaults and webhook mode.
import { describe, expect, it } from "vitest";
import { secretMatches } from "../../bot/telegram/telegram.channel.ts";
import { ConfigError, loadConfig } from "../../core/config.ts";

const TOKEN = "123456789:AAExampleTokenFromBotFather_abcdefghijk";
const SECRET = "webhook-secret-0123456789";

describe("Telegram configuration", () => {
  it("defaults to polling, 25 messages/s and 1 s per chat", () => {
    const { telegram } = loadConfig({});
    expect(telegram).toMatchObject({
      mode: "polling",
      webhook: undefined,
      globalRatePerSecond: 25,
      chatIntervalMs: 1000,
    });
  });

  it("reads webhook mode with its URL and secret", () => {
    const { telegram } = loadConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_URL: "https://helpdesk.example.go.id/telegram/webhook",
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_GLOBAL_RATE_PER_SECOND: "10",
      TELEGRAM_CHAT_INTERVAL_MS: "0",
    });
    expect(telegram).toMatchObject({
      mode: "webhook",
      webhook: { url: "https://helpdesk.example.go.id/telegram/webhook", secret: SECRET },
      globalRatePerSecond: 10,
      chatIntervalMs: 0,
    });
  });

  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (err) {
      if (err instanceof ConfigError) return err.problems.join("\n");
      throw err;
    }
    throw new Error("the configuration was accepted");
  };

  it("requires the URL and the secret in webhook mode", () => {
    const problems = problemsOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: "webhook" });
    expect(problems).toContain("TELEGRAM_WEBHOOK_URL");
    expect(problems).toContain("TELEGRAM_WEBHOOK_SECRET");
  });

  it("refuses a plain-http webhook URL, a short secret and a rate of 0", () => {
    const problems = problemsOf({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_URL: "http://helpdesk.example.go.id/telegram/webhook",
      TELEGRAM_WEBHOOK_SECRET: "short",
      TELEGRAM_GLOBAL_RATE_PER_SECOND: "0",
    });
    expect(problems).toContain("TELEGRAM_WEBHOOK_URL: harus URL https://");
    expect(problems).toContain("TELEGRAM_WEBHOOK_SECRET: 16-256");
    expect(problems).toContain("TELEGRAM_GLOBAL_RATE_PER_SECOND");
  });
});

describe("webhook secret comparison", () => {
  it("accepts only the exact secret", () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches(`${SECRET}x`, SECRET)).toBe(false);
    expect(secretMatches("", SECRET)).toBe(false);
    expect(secretMatches(SECRET.toUpperCase(), SECRET)).toBe(false);
  });
});
