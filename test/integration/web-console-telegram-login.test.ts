// Signing in with the Telegram Login Widget: the callback's data, signed here
// the way Telegram signs it (HMAC-SHA256 keyed by the SHA-256 of the test
// bot token), signs in the agent with that Telegram id who has a console
// account; tampered, old, replayed or unknown data is refused and audited.
import { createHash, createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../core/infra/logger.ts";
import { secondConsole } from "../support/console-session.ts";
import {
  AGENT_PASSWORD,
  agentWithAccount,
  browser,
  webConsoleFixture,
} from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-telegram-login", logger);
const BOT_TOKEN = "123456789:AAtest-token-of-the-fake-bot_abcdefghij";
const MAX_AGE_MS = 300_000;
/** The file's console with the widget on (the fixture's has it off). */
const widget = secondConsole(f, logger, {
  telegramLogin: { botUsername: "lpse_landak_bot", botToken: BOT_TOKEN, maxAgeMs: MAX_AGE_MS },
});
let telegramId = 0n;

beforeAll(async () => {
  const { agentId } = await agentWithAccount(
    f.db.prisma,
    "VERIFIKATOR",
    "lewat-telegram",
    AGENT_PASSWORD,
  );
  telegramId = (await f.db.prisma.agent.findUniqueOrThrow({ where: { id: agentId } }))
    .telegramUserId;
});

/** The widget's callback query, signed with `token` (the test's own bot token by default). */
function signed(fields: Record<string, string>, token = BOT_TOKEN) {
  const check = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join("\n");
  const hash = createHmac("sha256", createHash("sha256").update(token).digest())
    .update(check)
    .digest("hex");
  return new URLSearchParams({ ...fields, hash }).toString();
}
const authDate = (agoMs = 0) => String(Math.floor((f.nowMs - agoMs) / 1000));
const lastFailure = async () =>
  (
    await f.db.prisma.auditLog.findFirst({
      where: { action: "console.sign_in_failed" },
      orderBy: { at: "desc" },
    })
  )?.detail;

describe("Telegram Login", () => {
  it("offers the widget on the sign-in page, with a CSP that allows telegram.org there only", async () => {
    const page = await widget.web.app.inject({ url: "/konsol/masuk" });
    expect(page.body).toContain('data-telegram-login="lpse_landak_bot"');
    expect(page.headers["content-security-policy"]).toContain("script-src https://telegram.org");
    const plain = await f.web.app.inject({ url: "/konsol/masuk" });
    expect(plain.body).not.toContain("<script");
    expect(plain.headers["content-security-policy"]).not.toContain("telegram.org");
    // Off: the callback signs nobody in.
    const off = await f.web.app.inject({
      url: `/konsol/masuk/telegram?${signed({ id: String(telegramId), auth_date: authDate() })}`,
    });
    expect(off.headers.location).toBe("/konsol/masuk");
    expect(off.cookies.map((c) => c.name)).not.toContain("konsol_sesi");
  });

  it("signs in the agent with that Telegram id, once per signed data", async () => {
    const b = browser(widget.web.app);
    const query = signed({ id: String(telegramId), first_name: "Uji", auth_date: authDate(1000) });
    const res = await b.get(`/konsol/masuk/telegram?${query}`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/konsol/tiket");
    expect((await b.get("/konsol/tiket")).body).toContain("Petugas VERIFIKATOR");
    const signIn = await f.db.prisma.auditLog.findFirst({
      where: { action: "console.sign_in" },
      orderBy: { at: "desc" },
    });
    expect(signIn?.detail).toEqual({ via: "telegram" });
    const again = await browser(widget.web.app).get(`/konsol/masuk/telegram?${query}`);
    expect(again.statusCode).toBe(401);
    expect(again.body).toContain("sudah dipakai atau kedaluwarsa");
  });

  it("refuses tampered, foreign-signed and old data, and a Telegram id without an account", async () => {
    const good = signed({ id: String(telegramId), auth_date: authDate() });
    const tampered = good.replace(`id=${telegramId}`, `id=${telegramId + 1n}`);
    for (const query of [
      tampered,
      signed({ id: String(telegramId), auth_date: authDate() }, "999:other-bot"),
    ]) {
      const res = await widget.web.app.inject({ url: `/konsol/masuk/telegram?${query}` });
      expect(res.statusCode).toBe(401);
      expect(await lastFailure()).toEqual({ reason: "telegram_hash" });
    }
    const old = signed({ id: String(telegramId), auth_date: authDate(MAX_AGE_MS + 1000) });
    const tooOld = await widget.web.app.inject({ url: `/konsol/masuk/telegram?${old}` });
    expect(tooOld.statusCode).toBe(401);
    expect(await lastFailure()).toEqual({ reason: "telegram_expired" });
    const stranger = signed({ id: "42", auth_date: authDate() });
    const res = await widget.web.app.inject({ url: `/konsol/masuk/telegram?${stranger}` });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain("tidak terhubung dengan akun konsol");
    expect(await lastFailure()).toEqual({ reason: "unknown_account", via: "telegram" });
  });
});
