// The real process (`npm start` role: bot/main.ts --all on PostgreSQL and
// Redis) talking to a fake Telegram Bot API, stopped the hard way and the
// polite way: SIGKILL between two answers of an intake, and SIGTERM while a
// burst of messages is being handled. After a restart nothing is lost, nothing
// is answered twice, and a user carries on at the question they had reached.
import { randomInt } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FakeBotApi,
  type FakeUser,
  type SentMessage,
  startFakeBotApi,
} from "../fakes/bot-api-server.ts";
import { isolatedDatabase } from "../support/database.ts";
import { TEST_REDIS_URL, TEST_SECRETS } from "../support/env.ts";
import { freePort, type Started, waitForOk } from "../support/process.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";
import { runEntryDirect, waitFor } from "./fault-kit.ts";

const prefix = uniquePrefix("crash");
const NIK = "6171054101900001";
let fake: FakeBotApi;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let dataDir: string;

beforeAll(async () => {
  [fake, database, dataDir] = await Promise.all([
    startFakeBotApi(),
    isolatedDatabase("crash"),
    mkdtemp(path.join(tmpdir(), "lpse-crash-")),
  ]);
}, 60_000);
afterAll(async () => {
  await fake.close();
  await database.drop();
  await deleteKeys(prefix);
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

/** Starts the all-in-one app on the fake Telegram; resolves once it is ready and polling. */
async function startApp(): Promise<Started> {
  const port = await freePort();
  const polls = fake.callsOf("getUpdates").length;
  const app = runEntryDirect("bot/main.ts", ["--all"], {
    ...TEST_SECRETS,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    HTTP_PORT: String(port),
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_POLL_TIMEOUT_SECONDS: "1",
    TELEGRAM_CHAT_INTERVAL_MS: "0",
    RATE_LIMIT_BURST: "1000",
  });
  await waitForOk(`http://127.0.0.1:${port}/readyz`, app, 90_000);
  await fake.waitFor(() => fake.callsOf("getUpdates").length > polls, 30_000, "polling");
  return app;
}

const sentTo = (user: FakeUser) => fake.sent.filter((m) => m.chatId === String(user.id));
type InlineKeyboard = { inline_keyboard: { text: string; callback_data: string }[][] };
const buttons = (message: SentMessage | undefined) =>
  ((message?.replyMarkup as InlineKeyboard | undefined)?.inline_keyboard ?? []).flat();

/** Sends one update and waits for the reply that contains `expected`. */
async function exchange(user: FakeUser, inject: () => unknown, expected: string) {
  const before = sentTo(user).length;
  inject();
  // What the user reads: the text and the labels of its buttons.
  const reads = (m: SentMessage) => [m.text, ...buttons(m).map((b) => b.text)].join("\n");
  return fake.waitFor(
    () =>
      sentTo(user)
        .slice(before)
        .find((m) => reads(m).includes(expected)),
    30_000,
    `a reply with "${expected}"`,
  );
}
const say = (user: FakeUser, text: string, expected: string) =>
  exchange(user, () => fake.text(user, text), expected);
const pick = (user: FakeUser, index: number, expected: string) => {
  const data = buttons(sentTo(user).at(-1))[index]?.callback_data ?? "";
  return exchange(user, () => fake.callback(user, data), expected);
};

describe("the bot process stopped mid-conversation", () => {
  // One process at a time, carried from the first case to the second: each
  // start costs seconds on a loaded machine, so the cases share restarts.
  let app: Started | undefined;
  afterAll(async () => {
    app?.child.kill("SIGKILL");
    await app?.exit;
  });

  it("after a SIGKILL, the user carries on at the question after the last one answered", async () => {
    const user: FakeUser = { id: randomInt(1e9, 2e9), firstName: "Siti" };
    app = await startApp();
    await say(user, "/start", "Selamat datang");
    await pick(user, 0, "Gagal unggah dokumen penawaran");
    await say(user, "gagal unggah dokumen penawaran", "UU Nomor 27 Tahun 2022");
    await pick(user, 0, "nama lengkap");
    await say(user, "Siti Aminah", "NIK");
    await say(user, NIK, "peran");
    app.child.kill("SIGKILL");
    expect(await app.exit).toBeNull(); // killed, no exit code
    const sentBefore = sentTo(user).length;

    app = await startApp();
    // The role question was the last one asked; its answer leads to the organisation.
    await say(user, "penyedia", "perusahaan");
    await say(user, "CV Kapuas", "e-mail");
    // Each answer got exactly its own reply, nothing repeated from before the crash.
    const after = sentTo(user).slice(sentBefore);
    expect(after.map((m) => m.text.split("?")[0])).toEqual([
      "Apa nama perusahaan/badan usaha Bapak/Ibu",
      "Apa alamat e-mail Bapak/Ibu (sebaiknya yang terdaftar pada akun SPSE)",
    ]);
  }, 240_000);

  it("after a SIGTERM under load and a restart, every message is answered exactly once", async () => {
    const users: FakeUser[] = Array.from({ length: 8 }, () => ({
      id: randomInt(1e9, 2e9),
      firstName: "Beban",
    }));
    app ??= await startApp();
    for (const user of users) fake.text(user, "/start");
    // Stop while the burst is being worked through.
    await fake.waitFor(() => users.some((u) => sentTo(u).length > 0), 30_000, "a first answer");
    app.child.kill("SIGTERM");
    expect(await app.exit).toBe(0);
    expect(app.output()).toContain('"reason":"SIGTERM"');
    const answeredBeforeRestart = users.filter((u) => sentTo(u).length > 0).length;

    app = await startApp();
    await waitFor(
      () => users.every((u) => sentTo(u).some((m) => m.text.includes("Selamat datang"))),
      60_000,
      "every user welcomed",
    );
    // Long enough for a duplicate (a redelivered update, a replayed job) to show.
    await new Promise((r) => setTimeout(r, 3000));
    for (const user of users) {
      expect(sentTo(user).filter((m) => m.text.includes("Selamat datang"))).toHaveLength(1);
    }
    expect(answeredBeforeRestart).toBeGreaterThan(0);
  }, 240_000);
});
