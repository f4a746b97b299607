// Self-service answers on WhatsApp (the channel over the fake Baileys socket,
// real PostgreSQL and Redis): the same offer as a numbered list, picked by
// number, and "Belum" starting the request with what the user wrote.
import { randomInt } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { WAMessage } from "@whiskeysockets/baileys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot } from "../../bot/start-bot.ts";
import {
  createWhatsappChannel,
  type WhatsappChannel,
} from "../../bot/whatsapp/whatsapp.channel.ts";
import { startWhatsapp, whatsappLockKey } from "../../bot/whatsapp/whatsapp.start.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import {
  createFakeWhatsapp,
  type FakeSent,
  type FakeWhatsappSocket,
  textMessage,
} from "../fakes/whatsapp-socket.ts";
import { capturingLogger, testAppConfig } from "../support/app.ts";
import { isolatedDatabase } from "../support/database.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("kb-wa");
const { logger } = capturingLogger();
const lifecycle = createLifecycle(logger, 5000);
const wa = createFakeWhatsapp();
let dir: string;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let runtime: Runtime;
let whatsapp: WhatsappChannel;
let sock: FakeWhatsappSocket;

const newUser = () => `62812${randomInt(1e7, 9e7)}@s.whatsapp.net`;

/** Delivers one message and returns the bot's replies to it (after a quiet spell). */
async function exchange(jid: string, message: WAMessage): Promise<FakeSent[]> {
  const before = sock.sentTo(jid).length;
  sock.receive(message);
  await wa.waitFor(() => sock.sentTo(jid).length > before, 15_000, "a reply");
  let seen = sock.sentTo(jid).length;
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = sock.sentTo(jid).length;
    if (now === seen) break;
    seen = now;
  }
  return sock.sentTo(jid).slice(before);
}
const say = async (jid: string, text: string) =>
  (await exchange(jid, textMessage({ from: jid, text }))).map((m) => m.text).join("\n");

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lpse-kb-wa-"));
  database = await isolatedDatabase("kbwhatsapp");
  const config = testAppConfig(prefix, dir, {
    DATABASE_URL: database.url,
    SELF_SERVICE_ENABLED: "true",
  });
  const started = await startBot({
    config,
    logger,
    lifecycle,
    allInOne: true,
    http: false,
    channelStates: () => ({ whatsapp: whatsapp.state() }),
    channels: (services, rt) => {
      whatsapp = createWhatsappChannel({
        prisma: rt.db.prisma,
        cipher: services.cipher,
        redis: rt.redis,
        lockKey: whatsappLockKey(config.queuePrefix, "kb"),
        inbound: services.inbound,
        logger,
        sessionId: "kb",
        maxDownloadBytes: config.helpdesk.mediaMaxBytes,
        chatIntervalMs: 0,
        globalRatePerSecond: 50,
        makeSocket: wa.makeSocket,
        timing: { chatJitterMs: 0, backoffBaseMs: 50, backoffCapMs: 200 },
      });
      return [whatsapp.channel];
    },
  });
  runtime = started.runtime;
  startWhatsapp({ whatsapp, runtime, senders: started.senders, lifecycle });
  sock = await wa.nextSocket();
  sock.open();
}, 90_000);

afterAll(async () => {
  await lifecycle.shutdown("test done");
  await deleteKeys(prefix);
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("self-service answers on WhatsApp", () => {
  it("offers a numbered list; the article that does not help starts the request with the message", async () => {
    const jid = newUser();
    const offer = await say(jid, "otp ga masuk2 dari kemarin, sudah coba berkali kali");
    expect(offer).toContain("Mungkin artikel berikut dapat membantu");
    expect(offer).toMatch(/1\. Kendala kode OTP atau authenticator/u);
    const article = await say(jid, "1");
    expect(article).toContain("Apakah ini menyelesaikan masalah Bapak/Ibu?");
    expect(article).toContain("Belum, lanjutkan laporan");
    // "Belum": a request in the article's category, the message kept as its description.
    const next = await say(jid, "belum");
    expect(next).toContain("permohonan Bapak/Ibu kami lanjutkan");
    expect(next).toContain("UU Nomor 27 Tahun 2022");
    const rows = await runtime.db.prisma.kbEvent.findMany({ orderBy: { at: "asc" } });
    expect(rows.map((r) => [r.activity, r.channel, r.articleId])).toEqual([
      ["OFFERED", "WHATSAPP", "kendala-otp"],
      ["OPENED", "WHATSAPP", "kendala-otp"],
      ["NOT_RESOLVED", "WHATSAPP", "kendala-otp"],
    ]);
  });
});
