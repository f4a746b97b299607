// The Telegram channel on the whole app (real PostgreSQL, Redis, workers and
// outbound senders) against a local fake of the Bot API: grammY polls it and
// sends to it over HTTP exactly as it would to api.telegram.org.
import { createHash, randomInt, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { UnrecoverableError } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot } from "../../bot/start-bot.ts";
import {
  createTelegramChannel,
  type TelegramChannel,
} from "../../bot/telegram/telegram.channel.ts";
import { CONTACT_BUTTON_TEXT, TELEGRAM_TEXT_LIMIT } from "../../bot/telegram/telegram.render.ts";
import { DEFAULT_MAX_PIXELS } from "../../core/domain/media/media-policy.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import { sharedImageSanitizer } from "../../core/infra/media/image-sanitizer.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import type { Services } from "../../core/infra/services.ts";
import {
  FAKE_BOT_ID,
  type FakeBotApi,
  type FakeUser,
  htmlToPlain,
  type SentMessage,
  startFakeBotApi,
} from "../fakes/bot-api-server.ts";
import { exifSegment, FAKE_GPS, jpegFile, pdfFile, pngFile } from "../fixtures/files.ts";
import { capturingLogger, testAppConfig } from "../support/app.ts";
import { wibDayAt, wibTyped } from "../support/clock.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const NIK = "6171054101900001";
const prefix = uniquePrefix("telegram");
const { lines: logLines, logger } = capturingLogger();
const lifecycle = createLifecycle(logger, 5000);
let dir: string;
let runtime: Runtime;
let fake: FakeBotApi;
let telegram: TelegramChannel;
let inbound: Services["inbound"];

/** A private chat of its own per test: chat id = user id, as on Telegram. */
const newUser = (firstName = "Budi"): FakeUser => ({ id: randomInt(1e9, 2e9), firstName });
const sentTo = (user: FakeUser) => fake.sent.filter((m) => m.chatId === String(user.id));

/**
 * Injects one update and returns the messages the bot sent back for it: the
 * first reply, plus whatever follows within a short quiet period.
 */
async function exchange(user: FakeUser, inject: () => unknown): Promise<SentMessage[]> {
  const before = sentTo(user).length;
  inject();
  await fake.waitFor(() => sentTo(user).length > before, 15_000, "a reply");
  let seen = sentTo(user).length;
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = sentTo(user).length;
    if (now === seen) break;
    seen = now;
  }
  return sentTo(user).slice(before);
}
type InlineKeyboard = { inline_keyboard: { text: string; callback_data: string }[][] };
const inlineButtons = (message: SentMessage | undefined) =>
  ((message?.replyMarkup as InlineKeyboard | undefined)?.inline_keyboard ?? []).flat();

/** What the user reads: the texts and the labels of their buttons. */
const textOf = (messages: SentMessage[]) =>
  messages.map((m) => [m.text, ...inlineButtons(m).map((b) => b.text)].join("\n")).join("\n");
const say = async (user: FakeUser, text: string) =>
  textOf(await exchange(user, () => fake.text(user, text)));

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lpse-telegram-"));
  fake = await startFakeBotApi();
  const config = testAppConfig(prefix, dir);
  ({ runtime } = await startBot({
    config,
    logger,
    lifecycle,
    allInOne: true,
    http: false,
    channelStates: () => ({ telegram: telegram.state() }),
    channels: (services) => {
      inbound = services.inbound;
      telegram = createTelegramChannel({
        token: fake.token,
        apiRoot: fake.apiRoot,
        inbound: services.inbound,
        logger,
        maxDownloadBytes: config.helpdesk.mediaMaxBytes,
        // Short polls so stop() and the tests do not wait on Telegram's 30 s.
        pollTimeoutSeconds: 1,
        retryIntervalMs: 200,
        // exchange() waits 300 ms for more parts of a reply: the per-chat
        // pacing is checked on a channel of its own below.
        chatIntervalMs: 0,
      });
      return [telegram.channel];
    },
  }));
  telegram.registerMetrics(runtime.registry);
  await telegram.start();
}, 60_000);

afterAll(async () => {
  await telegram?.stop();
  if (process.env.TELEGRAM_TEST_LOG) process.stdout.write(logLines.join(""));
  await lifecycle.shutdown("test done");
  await fake?.close();
  await deleteKeys(prefix);
  await rm(dir, { recursive: true, force: true });
});

describe("Telegram channel against a fake Bot API", () => {
  it("connects: webhook removed, command menu and descriptions in Indonesian and English", async () => {
    expect(telegram.state().state).toBe("connected");
    expect(fake.callsOf("deleteWebhook")).toHaveLength(1);
    expect(fake.callsOf("getMe")).toHaveLength(1);
    const commands = fake.callsOf("setMyCommands");
    expect(commands.map((c) => c.params.language_code)).toEqual([undefined, "en"]);
    expect(JSON.stringify(commands[0]?.params.commands)).toContain('"command":"batal"');
    expect(fake.callsOf("setMyDescription")[0]?.params.description).toContain(
      "Helpdesk LPSE Kabupaten Landak",
    );
    expect(fake.callsOf("setMyShortDescription")).toHaveLength(2);
  });

  it("answers /start with the welcome and the menu as inline buttons", async () => {
    const user = newUser();
    const replies = await exchange(user, () => fake.text(user, "/start"));
    expect(textOf(replies)).toContain("Selamat datang di Helpdesk LPSE Kabupaten Landak");
    const last = replies[replies.length - 1];
    expect(last?.parseMode).toBe("HTML");
    const buttons = inlineButtons(last);
    expect(buttons.length).toBe(7);
    expect(buttons[0]?.callback_data).toBe("menu.apply");
    expect(buttons.slice(5).map((b) => b.callback_data)).toEqual([
      "menu.myData",
      "menu.deleteData",
    ]);

    // Pressing the first button: the query is answered and the next question arrives.
    const next = await exchange(user, () =>
      fake.callback(user, buttons[0]?.callback_data ?? "", last?.messageId),
    );
    const query = fake.callsOf("answerCallbackQuery").at(-1);
    expect(fake.answeredCallbacks).toContain(query?.params.callback_query_id);
    expect(textOf(next)).toContain("Gagal unggah dokumen penawaran");
    expect(inlineButtons(next[next.length - 1]).length).toBeGreaterThan(3);
  });

  it("handles an update delivered twice only once", async () => {
    const user = newUser();
    const updateId = fake.text(user, "halo");
    await fake.waitFor(() => sentTo(user).length > 0, 15_000, "the welcome");
    // Telegram delivers it again (as after a crash before the offset moved on).
    fake.inject({
      update_id: updateId,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: user.id, type: "private", first_name: "Budi" },
        from: { id: user.id, is_bot: false, first_name: "Budi" },
        text: "halo",
      },
    });
    // Updates of one chat are handled in order: once /bantuan is answered, the copy was seen.
    const help = await say(user, "/bantuan");
    expect(help.length).toBeGreaterThan(0);
    const welcomes = sentTo(user).filter((m) => m.text.includes("Selamat datang"));
    expect(welcomes).toHaveLength(1);
    expect(fake.callsOf("getUpdates").some((c) => Number(c.params.offset) > updateId)).toBe(true);
    const claims = await runtime.db.prisma.processedMessage.count({
      where: { channel: "TELEGRAM", messageId: `${FAKE_BOT_ID}:${updateId}` },
    });
    expect(claims).toBe(1);
  });

  it("waits out a 429 retry_after and still delivers the message once", async () => {
    const user = newUser();
    fake.rateLimit("sendMessage", 1, 1);
    const started = Date.now();
    const replies = await exchange(user, () => fake.text(user, "/menu"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(textOf(replies)).toContain("Selamat datang");
    const attempts = fake
      .callsOf("sendMessage")
      .filter((c) => String(c.params.chat_id) === String(user.id));
    expect(attempts.length).toBe(replies.length + 1);
    expect(sentTo(user).filter((m) => m.text.includes("Selamat datang"))).toHaveLength(1);
  });

  it("splits a text over 4096 characters on line boundaries", async () => {
    const user = newUser();
    const lines = Array.from(
      { length: 200 },
      (_, i) => `Baris ${i + 1}: ${"isi & <teks> ".repeat(3)}`,
    );
    const text = lines.join("\n");
    expect(text.length).toBeGreaterThan(TELEGRAM_TEXT_LIMIT);
    const result = await telegram.channel.send(
      { contactId: randomUUID(), externalId: String(user.id) },
      { kind: "text", text, choices: [{ id: "menu.apply", label: "Ajukan" }] },
      randomUUID(),
    );
    const parts = sentTo(user);
    expect(parts.length).toBe(3);
    const last = parts[parts.length - 1];
    expect(result.providerId).toBe(String(last?.messageId));
    // Telegram counts 4096 characters after parsing the HTML entities.
    for (const part of parts) {
      expect(htmlToPlain(part.text).length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    }
    expect(parts.map((p) => htmlToPlain(p.text)).join("\n")).toBe(text);
    // The buttons ride on the last part, under the end of the question.
    expect(parts.slice(0, -1).map((p) => p.replyMarkup)).toEqual([undefined, undefined]);
    expect(inlineButtons(last)[0]?.callback_data).toBe("menu.apply");
  });

  it("gives up on a user who blocked the bot, and resends no part already out", async () => {
    const user = newUser();
    const recipient = { contactId: randomUUID(), externalId: String(user.id) };
    fake.fail("sendMessage", 1, 403, "Forbidden: bot was blocked by the user");
    await expect(
      telegram.channel.send(recipient, { kind: "text", text: "Halo" }, randomUUID()),
    ).rejects.toBeInstanceOf(UnrecoverableError);

    // The connection drops on the second part: the queue's retry sends only that part.
    const long = `${"a".repeat(4000)}\n${"b".repeat(300)}`;
    const rowId = randomUUID();
    fake.fail("sendMessage", 1, 0, "", (params) => String(params.text).startsWith("b"));
    const sendRow = () => telegram.channel.send(recipient, { kind: "text", text: long }, rowId);
    await expect(sendRow()).rejects.toThrow(/Telegram send failed/u);
    expect(sentTo(user).map((m) => m.text[0])).toEqual(["a"]);
    const result = await sendRow();
    expect(sentTo(user).map((m) => m.text[0])).toEqual(["a", "b"]);
    expect(result.providerId).toBe(String(sentTo(user)[1]?.messageId));
  });

  it("paces messages to one chat about a second apart, without holding other chats", async () => {
    // A second channel on the same bot with the default pacing, sending only.
    const paced = createTelegramChannel({
      token: fake.token,
      apiRoot: fake.apiRoot,
      inbound,
      logger,
      maxDownloadBytes: 1024 * 1024,
    });
    const [one, other] = [newUser(), newUser()];
    const to = (user: FakeUser) => ({ contactId: randomUUID(), externalId: String(user.id) });
    const callsTo = (user: FakeUser) =>
      fake.callsOf("sendMessage").filter((c) => String(c.params.chat_id) === String(user.id));
    await Promise.all([
      paced.channel.send(to(one), { kind: "text", text: "Pesan 1" }, randomUUID()),
      paced.channel.send(to(one), { kind: "text", text: "Pesan 2" }, randomUUID()),
      paced.channel.send(to(other), { kind: "text", text: "Pesan lain" }, randomUUID()),
    ]);
    const [first, second] = callsTo(one);
    const [third] = callsTo(other);
    expect(callsTo(one).map((c) => c.params.text)).toEqual(["Pesan 1", "Pesan 2"]);
    // Recorded on arrival at the fake: allow for the first call's connection set-up.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect((third?.at ?? Infinity) - (first?.at ?? 0)).toBeLessThan(900);
    await paced.stop();
  });

  it("tells the user a sticker cannot be processed", async () => {
    const user = newUser();
    await say(user, "halo");
    const replies = await exchange(user, () => fake.sticker(user));
    expect(textOf(replies)).toMatch(/stiker|teks/iu);
  });

  it("walks a whole intake with buttons, a shared contact, a photo and a PDF, and files the ticket", async () => {
    const user = newUser("Siti");
    const pick = async (index: number) => {
      const last = sentTo(user).at(-1);
      const button = inlineButtons(last)[index];
      expect(button, last?.text).toBeDefined();
      return textOf(await exchange(user, () => fake.callback(user, button?.callback_data ?? "")));
    };
    expect(await say(user, "/start")).toContain("Selamat datang");
    expect(await pick(0)).toContain("Gagal unggah dokumen penawaran");
    expect(await say(user, "gagal unggah dokumen penawaran")).toContain("UU Nomor 27 Tahun 2022");
    expect(await pick(0)).toContain("nama lengkap");
    expect(await say(user, "Siti Aminah")).toContain("NIK");
    expect(await say(user, NIK)).toContain("peran");
    expect(await say(user, "penyedia")).toContain("perusahaan");
    expect(await say(user, "CV Kapuas")).toContain("e-mail");
    const phoneQuestion = await exchange(user, () => fake.text(user, "siti@example.com"));
    expect(textOf(phoneQuestion)).toContain("nomor HP");
    expect(phoneQuestion.at(-1)?.replyMarkup).toMatchObject({
      keyboard: [[{ text: CONTACT_BUTTON_TEXT, request_contact: true }]],
      one_time_keyboard: true,
    });
    const tender = await exchange(user, () => fake.contact(user, "6281234567890"));
    expect(textOf(tender)).toContain("kode tender");
    // The contact keyboard goes away with the next plain question.
    expect(tender.at(-1)?.replyMarkup).toEqual({ remove_keyboard: true });
    expect(await say(user, "10012345000")).toContain("batas akhir");
    // A bid deadline a week ahead, whenever the test runs.
    expect(await say(user, wibTyped(wibDayAt(7, "14:00")))).toContain("jelaskan permasalahan");
    expect(
      await say(user, "Dokumen penawaran gagal diunggah, muncul pesan error saat upload."),
    ).toContain("untuk orang lain");
    expect(await pick(0)).toContain("foto KTP");

    // A program claiming to be a PDF is refused by its bytes; the engine says what it takes.
    const refused = await exchange(user, () =>
      fake.document(user, Buffer.from("MZ\x90\x00 not a pdf"), "application/pdf", "ktp.pdf"),
    );
    expect(textOf(refused)).toMatch(/JPG, PNG|JPEG|WEBP/u);

    const photo = jpegFile(40_000, 24, 16, [exifSegment()]);
    const getFilesBefore = fake.callsOf("getFile").length;
    const accepted = await exchange(user, () => fake.photo(user, photo));
    expect(textOf(accepted)).toContain("surat kuasa");
    // Only the largest of the three sizes was fetched.
    expect(fake.callsOf("getFile").length).toBe(getFilesBefore + 1);
    // Stored re-encoded without its EXIF, by the re-encoder the app uses
    // (libvips where sharp loads, core/infra/media/image-sanitizer.ts).
    const clean = await sharedImageSanitizer().sanitize(photo, "image/jpeg", DEFAULT_MAX_PIXELS);
    if (!clean.ok) throw new Error(clean.detail);
    expect(Buffer.from(clean.bytes).includes(FAKE_GPS)).toBe(false);
    const sha256 = createHash("sha256").update(clean.bytes).digest("hex");
    const stored = await runtime.db.prisma.attachment.findMany({ where: { sha256 } });
    expect(stored.map((a) => [a.mime, a.size])).toEqual([["image/jpeg", clean.bytes.length]]);
    // Stored encrypted: the bytes in the row are not the photo.
    expect(Buffer.from(stored[0]?.data ?? []).equals(photo)).toBe(false);

    // A PDF over the 10 MB limit is refused before it is downloaded, naming the limit.
    const getFilesBeforeBig = fake.callsOf("getFile").length;
    const big = Buffer.concat([pdfFile(), Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    const tooLarge = await exchange(user, () =>
      fake.document(user, big, "application/pdf", "kuasa-besar.pdf"),
    );
    expect(textOf(tooLarge)).toContain("terlalu besar");
    expect(fake.callsOf("getFile").length).toBe(getFilesBeforeBig);

    // The power of attorney as a PDF document, then a screenshot, then the summary.
    expect(
      textOf(
        await exchange(user, () => fake.document(user, pdfFile(), "application/pdf", "kuasa.pdf")),
      ),
    ).toContain("screenshot");
    expect(textOf(await exchange(user, () => fake.photo(user, pngFile(40, 30))))).toContain(
      "Screenshot ke-1 diterima",
    );
    const summary = await pick(0);
    expect(summary).toContain("NIK: 6171********0001");
    expect(summary).not.toContain(NIK);
    const done = await pick(0);
    const number = /LDK-\d{4}-\d{5}/u.exec(done)?.[0];
    expect(number, done).toBeDefined();

    const ticket = await runtime.db.prisma.ticket.findUniqueOrThrow({
      where: { number: number ?? "" },
      include: { attachments: { orderBy: { createdAt: "asc" } }, contact: true },
    });
    expect(ticket).toMatchObject({
      channel: "TELEGRAM",
      category: "GAGAL_UNGGAH_PENAWARAN",
      actingForOther: true,
    });
    // The request form (REQUEST_FORM) is added by the routing worker, maybe already.
    expect(
      ticket.attachments.filter((a) => a.kind !== "REQUEST_FORM").map((a) => [a.kind, a.mime]),
    ).toEqual([
      ["KTP", "image/jpeg"],
      ["SURAT_KUASA", "application/pdf"],
      ["SCREENSHOT", "image/png"],
    ]);
    // The phone came from the shared contact, normalised.
    expect(ticket.phoneEnc).not.toBeNull();
    expect(ticket.contact.channel).toBe("TELEGRAM");

    // The request form reaches the user as a PDF document (sendDocument).
    const form = await fake.waitFor(
      () => fake.documents.find((d) => d.chatId === String(user.id)),
      20_000,
      "the request form",
    );
    expect(form.fileName).toBe(`Formulir-Permohonan-${number}.pdf`);
    expect(form.bytes.subarray(0, 5).toString()).toBe("%PDF-");
  }, 90_000);

  it("shows the channel state and send errors on /metrics", async () => {
    const metrics = await runtime.registry.metrics();
    expect(metrics).toContain('helpdesk_channel_up{channel="telegram"} 1');
    // The blocked user (403) and the dropped connection above.
    expect(metrics).toMatch(
      /helpdesk_channel_send_errors_total\{channel="telegram",code="403"\} [1-9]/u,
    );
    expect(metrics).toMatch(
      /helpdesk_channel_send_errors_total\{channel="telegram",code="network"\} [1-9]/u,
    );
    // A waited-out 429 is no send error.
    expect(metrics).not.toContain('code="429"');
  });

  it("keeps the NIK, the phone number and the token out of the logs", () => {
    const logs = logLines.join("");
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(NIK);
    expect(logs).not.toContain("81234567890");
    expect(logs).not.toContain(fake.token.split(":")[1] ?? fake.token);
  });
});
