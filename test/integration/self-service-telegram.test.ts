// Self-service answers on Telegram (the real grammY client against the local
// Bot API server, real PostgreSQL and Redis): articles as buttons for the
// user, and the supervisors' side in the agents group: a draft written with
// /artikel is not offered until a publish step, then it is; a resolved
// ticket's answer becomes a draft with /jadikanartikel.
import { randomInt } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgentDesk } from "../../bot/agent-desk/start-desk.ts";
import { startBot } from "../../bot/start-bot.ts";
import {
  createTelegramChannel,
  type TelegramChannel,
} from "../../bot/telegram/telegram.channel.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import {
  type FakeBotApi,
  type FakeUser,
  htmlToPlain,
  type SentMessage,
  startFakeBotApi,
} from "../fakes/bot-api-server.ts";
import { capturingLogger, newTicket, testAppConfig } from "../support/app.ts";
import { isolatedDatabase } from "../support/database.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const GROUP = `-100${randomInt(1e9, 2e9)}`;
const prefix = uniquePrefix("kb-tg");
const { logger } = capturingLogger();
const lifecycle = createLifecycle(logger, 5000);
let dir: string;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let runtime: Runtime;
let fake: FakeBotApi;
let telegram: TelegramChannel;

const person = (firstName: string): FakeUser => ({ id: randomInt(1e9, 2e9), firstName });
const sari = person("Sari");
const rudi = person("Rudi");
const budi = person("Budi");

type InlineKeyboard = { inline_keyboard: { text: string; callback_data: string }[][] };
const buttons = (m: SentMessage | undefined) =>
  ((m?.replyMarkup as InlineKeyboard | undefined)?.inline_keyboard ?? []).flat();
const sentTo = (user: FakeUser) => fake.sent.filter((m) => m.chatId === String(user.id));
const inGroup = () => fake.sent.filter((m) => m.chatId === GROUP);

/** Sends, then waits for the next message to `chat` that contains `part`. */
async function exchange(inbox: () => SentMessage[], send: () => unknown, part: string) {
  const before = inbox().length;
  send();
  return fake.waitFor(
    () =>
      inbox()
        .slice(before)
        .find((m) => htmlToPlain(m.text).includes(part)),
    15_000,
    `"${part}"`,
  );
}

const toGroup = (user: FakeUser, text: string, part: string) =>
  exchange(inGroup, () => fake.groupText(user, GROUP, undefined, text), part);

const NEW_ARTICLE = `---
id: ganti-hp-authenticator
title: Ganti HP dan aplikasi authenticator
title_en: New phone and the authenticator app
category: KENDALA_OTP
keywords: [ganti hp, hp hilang, hp baru, authenticator]
audience: [penyedia, ppk, pokja]
last_reviewed: 2026-11-30
status: published
---
Bila HP tempat aplikasi authenticator terpasang hilang atau diganti, ajukan permohonan reset authenticator ke helpdesk. Jam layanan: {{jam_layanan}}.`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lpse-kb-tg-"));
  database = await isolatedDatabase("kbtelegram");
  fake = await startFakeBotApi();
  const config = testAppConfig(prefix, dir, {
    DATABASE_URL: database.url,
    SELF_SERVICE_ENABLED: "true",
    TELEGRAM_AGENT_CHAT_ID: GROUP,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
  });
  const started = await startBot({
    config,
    logger,
    lifecycle,
    allInOne: true,
    http: false,
    channelStates: () => ({ telegram: telegram.state() }),
    channels: (s) => {
      telegram = createTelegramChannel({
        token: fake.token,
        apiRoot: fake.apiRoot,
        inbound: s.inbound,
        logger,
        maxDownloadBytes: config.helpdesk.mediaMaxBytes,
        pollTimeoutSeconds: 1,
        retryIntervalMs: 200,
        chatIntervalMs: 0,
        chatIntervals: { [GROUP]: 0 },
      });
      return [telegram.channel];
    },
  });
  runtime = started.runtime;
  const { services } = started;
  await startAgentDesk({ config, logger, lifecycle, runtime, services, telegram, chatId: GROUP });
  await telegram.start();
  for (const [user, role] of [
    [sari, "SUPERVISOR"],
    [rudi, "SUPERVISOR"],
    [budi, "HELPDESK"],
  ] as const) {
    await runtime.db.prisma.agent.create({
      data: { telegramUserId: BigInt(user.id), name: user.firstName ?? "-", role },
    });
  }
}, 90_000);

afterAll(async () => {
  await telegram?.stop();
  await lifecycle.shutdown("test done");
  await fake?.close();
  await deleteKeys(prefix);
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("self-service answers on Telegram", () => {
  it("offers articles as buttons, opens one and hears 'Ya, sudah selesai'", async () => {
    const user = person("Warga");
    const offer = await exchange(
      () => sentTo(user),
      () => fake.text(user, "lupa pasword, gk bs login"),
      "artikel",
    );
    const articles = buttons(offer);
    expect(articles[0]?.text).toBe("Lupa password atau akun SPSE terkunci");
    expect(articles.map((b) => b.text)).toContain("Ajukan permohonan");
    const article = await exchange(
      () => sentTo(user),
      () => fake.callback(user, articles[0]?.callback_data ?? "", offer.messageId),
      "Apakah ini menyelesaikan masalah Bapak/Ibu?",
    );
    expect(htmlToPlain(article.text)).toContain("Yang perlu disiapkan:");
    const answers = buttons(article);
    expect(answers.map((b) => b.text)).toEqual(["Ya, sudah selesai", "Belum, lanjutkan laporan"]);
    await exchange(
      () => sentTo(user),
      () => fake.callback(user, answers[0]?.callback_data ?? "", article.messageId),
      "sudah terselesaikan",
    );
    const rows = await runtime.db.prisma.kbEvent.findMany({ where: { channel: "TELEGRAM" } });
    expect(rows.map((r) => r.activity).sort()).toEqual(["OFFERED", "OPENED", "RESOLVED"]);
  });

  it("publishes a supervisor's article only after the publish step, then offers it", async () => {
    const ask = async () => {
      const user = person("Penyedia");
      const reply = await exchange(
        () => sentTo(user),
        () => fake.text(user, "hp saya hilang, authenticator ikut hilang"),
        "",
      );
      return buttons(reply).map((b) => b.text);
    };
    // Helpdesk agents cannot write articles.
    await toGroup(budi, `/artikel tulis\n${NEW_ARTICLE}`, "hanya supervisor");
    const draft = await toGroup(sari, `/artikel tulis\n${NEW_ARTICLE}`, "versi 1 disimpan");
    expect(htmlToPlain(draft.text)).toContain("Jam layanan: Senin–Jumat 07.30–16.00 WIB");
    expect(htmlToPlain(draft.text)).toContain("/artikel terbitkan ganti-hp-authenticator 1");
    expect(await ask()).not.toContain("Ganti HP dan aplikasi authenticator");

    await toGroup(rudi, "/artikel terbitkan ganti-hp-authenticator 2", "Tidak ada draf");
    await toGroup(rudi, "/artikel terbitkan ganti-hp-authenticator 1", "diterbitkan oleh Rudi");
    expect(await ask()).toContain("Ganti HP dan aplikasi authenticator");

    const history = await toGroup(sari, "/artikel riwayat ganti-hp-authenticator", "Riwayat");
    expect(htmlToPlain(history.text)).toContain("v1 · terbit · petugas");
    const version = await runtime.db.prisma.kbArticleVersion.findFirstOrThrow({
      where: { articleId: "ganti-hp-authenticator" },
    });
    const [author, reviewer] = await Promise.all(
      [sari, rudi].map((u) =>
        runtime.db.prisma.agent.findUniqueOrThrow({ where: { telegramUserId: BigInt(u.id) } }),
      ),
    );
    expect(version).toMatchObject({
      status: "PUBLISHED",
      source: "DESK",
      authorId: author?.id,
      reviewerId: reviewer?.id,
    });
  });

  it("turns a resolved ticket's answer into a draft, with personal data cut out", async () => {
    const prisma = runtime.db.prisma;
    const ticket = await newTicket(runtime.db, new Date(), { category: "LUPA_PASSWORD" });
    const row = await prisma.ticket.findUniqueOrThrow({ where: { number: ticket.number } });
    await prisma.ticket.update({ where: { id: row.id }, data: { status: "SELESAI" } });
    await prisma.ticketEvent.create({
      data: {
        ticketId: row.id,
        fromStatus: "DIPROSES",
        toStatus: "SELESAI",
        actorType: "AGENT",
        reason:
          "Password sudah direset; link dikirim ke siti@example.com, konfirmasi ke 0812-3456-7890.",
      },
    });
    const reply = await toGroup(sari, `/jadikanartikel ${ticket.number}`, "versi 1 disimpan");
    expect(htmlToPlain(reply.text)).toContain("Password sudah direset");
    const draft = await prisma.kbArticleVersion.findFirstOrThrow({
      where: { fromTicketId: row.id },
    });
    expect(draft.status).toBe("DRAFT");
    expect(draft.markdown).toContain("category: LUPA_PASSWORD");
    expect(draft.markdown).not.toContain("siti@example.com");
    expect(draft.markdown).not.toContain("0812-3456-7890");
    // A ticket that is not resolved gives no draft.
    const open = await newTicket(runtime.db, new Date());
    await toGroup(sari, `/jadikanartikel ${open.number}`, "belum selesai");
  });
});
