// /konsol/whatsapp on real PostgreSQL and Redis with the real WhatsApp channel
// on the fake socket (WhatsApp's servers are out of reach): the QR as inline
// SVG with a self-refresh while unlinked, the state and the last message
// times once linked, "Keluar dari WhatsApp" calling through to the socket and
// audited, and the page refused to anyone but supervisors.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createWhatsappChannel,
  type WhatsappChannel,
  type WhatsappChannelOptions,
} from "../../bot/whatsapp/whatsapp.channel.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createFakeWhatsapp } from "../fakes/whatsapp-socket.ts";
import { contactData, outboundData, testCipher } from "../support/app.ts";
import { TEST_REDIS_URL } from "../support/env.ts";
import {
  AGENT_PASSWORD,
  browser,
  startWebConsole,
  webConsoleFixture,
} from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-whatsapp", logger);
const stubInbound: WhatsappChannelOptions["inbound"] = {
  handle: async () => ({ type: "duplicate" }),
  admitMedia: async () => ({ ok: true }),
  storeMedia: async () => ({ ok: false, reason: "EMPTY", size: 0, maxBytes: 0 }),
  amend: async () => ({ type: "duplicate" }),
};

const wa = createFakeWhatsapp();
let redis: Redis;
let channel: WhatsappChannel;
let web: Awaited<ReturnType<typeof startWebConsole>>;

beforeAll(async () => {
  redis = new Redis(TEST_REDIS_URL);
  const sessionId = `konsol-${randomUUID().slice(0, 8)}`;
  channel = createWhatsappChannel({
    prisma: f.db.prisma,
    cipher: testCipher,
    redis,
    lockKey: `${f.prefix}:whatsapp:${sessionId}:lock`,
    inbound: stubInbound,
    logger,
    sessionId,
    maxDownloadBytes: 1_000_000,
    chatIntervalMs: 0,
    globalRatePerSecond: 50,
    makeSocket: wa.makeSocket,
    printQr: () => {},
    timing: { lockRetryMs: 50, backoffBaseMs: 20, backoffCapMs: 80 },
  });
  channel.start();
  web = await startWebConsole({
    prisma: f.db.prisma,
    logger,
    prefix: f.prefix,
    now: f.now,
    whatsapp: { view: () => channel.pairingView(), logout: () => channel.logout() },
  });
});

afterAll(async () => {
  await web?.close();
  await channel?.stop();
  await redis?.quit();
});

describe("/konsol/whatsapp", () => {
  it("shows the QR as inline SVG and reloads itself while the number is not linked", async () => {
    const sock = await wa.nextSocket();
    await wa.waitFor(() => channel.state().phase === "connecting", 5000, "connecting");
    sock.qr("2@fake-qr-ref,noise,identity,adv");
    const b = browser(web.app);
    await b.signIn("supervisor", AGENT_PASSWORD);
    const res = await b.get("/konsol/whatsapp");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Menunggu penautan nomor");
    expect(res.body).toMatch(/<figure role="img" aria-label="QR penautan WhatsApp"[^>]*><svg/u);
    expect(res.body).toContain('<meta http-equiv="refresh" content="10">');
    expect(res.body).not.toContain("<script");
    // The payload is drawn, never printed.
    expect(res.body).not.toContain("fake-qr-ref");
    expect(res.body).not.toContain("Keluar dari WhatsApp</button>");
  });

  it("once linked shows the state and the last message times, and logs out through the socket, audited", async () => {
    const sock = wa.latest();
    if (!sock) throw new Error("no socket");
    sock.open();
    await wa.waitFor(() => channel.state().phase === "open", 5000, "open");
    const contact = await f.db.prisma.contact.create({
      data: contactData("WHATSAPP", "6281234567890@s.whatsapp.net"),
    });
    const sentAt = new Date(f.nowMs - 3 * 60_000);
    await f.db.prisma.outboundMessage.create({
      data: { ...outboundData(contact.id, "WHATSAPP", { text: "halo" }), status: "SENT", sentAt },
    });
    await f.db.prisma.processedMessage.create({
      data: { channel: "WHATSAPP", messageId: `in-${randomUUID()}`, processedAt: sentAt },
    });
    const wib = new Intl.DateTimeFormat("id-ID", {
      dateStyle: "medium",
      timeStyle: "medium",
      timeZone: "Asia/Jakarta",
    }).format(sentAt);

    const b = browser(web.app);
    await b.signIn("supervisor", AGENT_PASSWORD);
    const page = await b.get("/konsol/whatsapp");
    expect(page.body).toContain("Status: <strong>Tersambung</strong>");
    expect(page.body).not.toContain('http-equiv="refresh"');
    expect(page.body).toContain(`Pesan masuk terakhir</th><td>${wib} WIB`);
    expect(page.body).toContain(`Pesan keluar terakhir</th><td>${wib} WIB`);
    expect(page.body).not.toContain("6281234567890");
    expect(page.body).not.toContain("halo");

    // Without the form's token nothing happens.
    expect((await b.post("/konsol/whatsapp/keluar", {})).statusCode).toBe(403);
    expect(sock.logouts).toBe(0);
    const token = /name="_csrf" value="([^"]+)"/u.exec(page.body)?.[1] ?? "";
    const out = await b.post("/konsol/whatsapp/keluar", { _csrf: token });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe("/konsol/whatsapp");
    expect(sock.logouts).toBe(1);
    await wa.waitFor(() => channel.state().phase === "logged-out", 5000, "logged out");
    expect((await b.get("/konsol/whatsapp")).body).toContain("nomor perlu ditautkan ulang");

    const again = await b.post("/konsol/whatsapp/keluar", { _csrf: await b.csrf("/konsol/tiket") });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("WhatsApp sedang tidak tersambung");
    const supervisor = await f.db.prisma.agent.findFirstOrThrow({
      where: { name: "Petugas SUPERVISOR" },
    });
    const audits = await f.db.prisma.auditLog.findMany({
      where: { action: "whatsapp.logout" },
      orderBy: { at: "asc" },
    });
    expect(audits.map((a) => [a.actorId, a.detail])).toEqual([
      [supervisor.id, { phase: "open", done: true }],
      [supervisor.id, { phase: "logged-out", done: false }],
    ]);
  });

  it("is for supervisors only; without the channel it says WhatsApp is off", async () => {
    for (const role of ["helpdesk", "admin", "analis"]) {
      const b = browser(web.app);
      await b.signIn(role, AGENT_PASSWORD);
      expect((await b.get("/konsol/whatsapp")).statusCode).toBe(403);
      const post = await b.post("/konsol/whatsapp/keluar", {
        _csrf: await b.csrf("/konsol/tiket"),
      });
      expect(post.statusCode).toBe(403);
      expect((await b.get("/konsol/tiket")).body).not.toContain('href="/konsol/whatsapp"');
    }
    const off = browser(f.web.app);
    await off.signIn("supervisor", AGENT_PASSWORD);
    const page = await off.get("/konsol/whatsapp");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Kanal WhatsApp tidak aktif");
    expect(page.body).toContain('href="/konsol/whatsapp"');
  });
});
