// The WhatsApp channel's connection lifecycle against a fake socket, on the
// real database (auth state) and Redis (the session lock): pairing by QR or
// code, every close code, the alerts, the admin QR page, sends while down.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { UnrecoverableError } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboundSendWorker } from "../../bot/outbound-send.worker.ts";
import type { WhatsappAlert } from "../../bot/whatsapp/whatsapp.alerts.ts";
import { readCreds } from "../../bot/whatsapp/whatsapp.auth-rows.ts";
import {
  createWhatsappChannel,
  type WhatsappChannel,
  type WhatsappChannelOptions,
} from "../../bot/whatsapp/whatsapp.channel.ts";
import { terminalPairingDisplay } from "../../bot/whatsapp/whatsapp.console.ts";
import { whatsappMessageId } from "../../bot/whatsapp/whatsapp.render.ts";
import { outboundQueue } from "../../core/contracts/queues.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import type { Route } from "../../core/infra/health-server.ts";
import { createQueue } from "../../core/infra/queues.ts";
import { createRedis } from "../../core/infra/redis.ts";
import { redisAcceptedSends } from "../../core/infra/stores/accepted-sends.store.ts";
import { createFakeWhatsapp, type FakeWhatsappSocket } from "../fakes/whatsapp-socket.ts";
import { capturingLogger, contactData, outboundData, testCipher } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("wa-life");
const ADMIN_TOKEN = "admin-token-for-the-whatsapp-tests-0123456789";
const { lines, logger } = capturingLogger();
let db: Database;
let redis: Redis;
const channels: WhatsappChannel[] = [];

const stubInbound: WhatsappChannelOptions["inbound"] = {
  handle: async () => ({ type: "duplicate" }),
  admitMedia: async () => ({ ok: true }),
  storeMedia: async () => ({ ok: false, reason: "EMPTY", size: 0, maxBytes: 0 }),
  amend: async () => ({ type: "duplicate" }),
};

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  await Promise.all(channels.map((c) => c.stop()));
  await deleteKeys(prefix);
  redis.disconnect();
  await db.close();
});

function start(extra: Partial<WhatsappChannelOptions> = {}) {
  const wa = createFakeWhatsapp();
  const alerts: WhatsappAlert[] = [];
  const qrs: string[] = [];
  const sessionId = extra.sessionId ?? `life-${randomUUID().slice(0, 8)}`;
  const lockKey = `${prefix}:${sessionId}:lock`;
  const channel = createWhatsappChannel({
    prisma: db.prisma,
    cipher: testCipher,
    redis,
    lockKey,
    inbound: stubInbound,
    logger,
    sessionId,
    maxDownloadBytes: 1_000_000,
    chatIntervalMs: 0,
    globalRatePerSecond: 50,
    makeSocket: wa.makeSocket,
    alert: async (alert) => {
      alerts.push(alert);
    },
    printQr: (qr) => qrs.push(qr),
    adminToken: ADMIN_TOKEN,
    random: () => 0.5,
    timing: {
      backoffBaseMs: 20,
      backoffCapMs: 80,
      alertAfterFailures: 3,
      lockTtlMs: 9000,
      lockRetryMs: 50,
      chatJitterMs: 0,
    },
    ...extra,
  });
  channels.push(channel);
  channel.start();
  const phase = () => channel.state().phase;
  return { wa, channel, alerts, qrs, sessionId, lockKey, phase };
}

async function serve(route: Route): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    void Promise.resolve(route(req, res)).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const openSocket = async (s: ReturnType<typeof start>): Promise<FakeWhatsappSocket> => {
  const sock = await s.wa.nextSocket();
  await s.wa.waitFor(() => s.phase() === "connecting", 5000, "connecting");
  return sock;
};

describe("pairing", () => {
  it("shows an unpaired session's QR in the terminal and as a PNG for the admin only", async () => {
    const s = start();
    const sock = await openSocket(s);
    expect(s.channel.state()).toMatchObject({ state: "starting", phase: "connecting" });
    sock.qr("2@fake-qr-ref,noise,identity,adv");
    expect(s.qrs).toEqual(["2@fake-qr-ref,noise,identity,adv"]);
    expect(s.phase()).toBe("pairing");

    const { url, server } = await serve(s.channel.route);
    try {
      const anonymous = await fetch(`${url}/admin/whatsapp/qr`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get("www-authenticate")).toContain("Basic");
      const wrong = await fetch(`${url}/admin/whatsapp/qr`, {
        headers: { authorization: "Bearer wrong-token" },
      });
      expect(wrong.status).toBe(401);
      const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
      const png = await fetch(`${url}/admin/whatsapp/qr`, { headers: auth });
      expect(png.status).toBe(200);
      expect(png.headers.get("content-type")).toBe("image/png");
      expect(png.headers.get("cache-control")).toBe("no-store");
      const bytes = Buffer.from(await png.arrayBuffer());
      expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      const basic = Buffer.from(`admin:${ADMIN_TOKEN}`).toString("base64");
      const page = await fetch(`${url}/admin/whatsapp`, {
        headers: { authorization: `Basic ${basic}` },
      });
      expect(await page.text()).toContain('<img src="/admin/whatsapp/qr"');

      sock.open();
      expect(s.channel.state()).toMatchObject({ state: "connected", phase: "open", failures: 0 });
      const after = await fetch(`${url}/admin/whatsapp/qr`, { headers: auth });
      expect(after.status).toBe(404);
    } finally {
      server.close();
    }
  });

  it("keeps the admin pages shut without ADMIN_TOKEN", async () => {
    const s = start({ adminToken: undefined });
    const { url, server } = await serve(s.channel.route);
    try {
      expect((await fetch(`${url}/admin/whatsapp/qr`)).status).toBe(503);
    } finally {
      server.close();
    }
  });

  it("asks for a pairing code instead when WHATSAPP_PAIRING_NUMBER is set, never logging the number", async () => {
    const s = start({ pairingNumber: "62811579941" });
    const sock = await openSocket(s);
    const before = lines.length;
    sock.qr("2@first");
    sock.qr("2@second");
    await s.wa.waitFor(() => s.channel.pairingView().pairingCode !== undefined, 5000, "code");
    expect(sock.pairingRequests).toEqual(["62811579941"]);
    expect(s.qrs).toEqual([]);
    expect(s.channel.pairingView()).toMatchObject({ pairingCode: "ABCD1234", qr: undefined });
    const logged = lines.slice(before).join("");
    expect(logged).not.toContain("ABCD1234");
    expect(logged).not.toContain("811579941");
  });

  it("keeps the creds in the database: a restart connects without pairing again", async () => {
    const s = start();
    const sock = await openSocket(s);
    Object.assign(sock.options.auth.creds, { registered: true });
    sock.emit("creds.update", { registered: true });
    const store = { prisma: db.prisma, cipher: testCipher, sessionId: s.sessionId };
    await expect
      .poll(async () => (await readCreds(store))?.registered, { timeout: 5000 })
      .toBe(true);
    sock.open();
    await s.channel.stop();
    expect(sock.endedWith).toEqual([undefined]);
    expect(s.phase()).toBe("stopped");
    expect(await redis.get(s.lockKey)).toBeNull();

    const again = start({ sessionId: s.sessionId });
    const next = await openSocket(again);
    expect(next.options.auth.creds.registered).toBe(true);
    expect(Buffer.from(next.options.auth.creds.noiseKey.private)).toEqual(
      Buffer.from(sock.options.auth.creds.noiseKey.private),
    );
    next.qr("2@should-not-show");
    expect(again.qrs).toEqual([]);
  });
});

describe("closes", () => {
  it("restarts at once on 515 (restart required after pairing)", async () => {
    const s = start();
    const first = await openSocket(s);
    // Pairing succeeded: Baileys updates the creds, then WhatsApp asks for a restart.
    Object.assign(first.options.auth.creds, { registered: true });
    first.emit("creds.update", { registered: true });
    first.close(515);
    const second = await s.wa.nextSocket();
    expect(second).not.toBe(first);
    // The new connection starts from the paired creds, not a fresh QR.
    expect(second.options.auth.creds.registered).toBe(true);
    expect(s.channel.state().failures).toBe(0);
    second.open();
    expect(s.phase()).toBe("open");
    expect(s.alerts).toEqual([]);
  });

  it("reconnects with backoff on 428, 408 and 500, tells the agents once, and recovers", async () => {
    const s = start();
    let sock = await openSocket(s);
    const codes = [428, 408, 500, 428];
    for (const [i, code] of codes.entries()) {
      sock.close(code);
      expect(s.channel.state()).toMatchObject({
        state: "disconnected",
        phase: "reconnecting",
        failures: i + 1,
      });
      expect(s.channel.state().detail).toContain(`attempt ${i + 1}`);
      expect(s.channel.state().lastError).toContain(String(code));
      sock = await s.wa.nextSocket();
    }
    expect(s.wa.sockets).toHaveLength(5);
    // alertAfterFailures = 3: one alert for the whole outage.
    expect(s.alerts.map((a) => [a.state, a.failures])).toEqual([["reconnecting", 3]]);
    sock.open();
    expect(s.channel.state()).toMatchObject({ phase: "open", failures: 0 });
  });

  it.each([
    [401, "logged out"],
    [411, "multi-device mismatch, handled like logged out"],
  ])("stops on %i (%s): clears the session, alerts, does not reconnect", async (code) => {
    const s = start();
    const sock = await openSocket(s);
    sock.emit("creds.update", {});
    const count = () => db.prisma.whatsappAuthState.count({ where: { sessionId: s.sessionId } });
    await expect.poll(count, { timeout: 5000 }).toBeGreaterThan(0);
    sock.open();
    sock.close(code);
    expect(s.channel.state()).toMatchObject({ state: "error", phase: "logged-out" });
    await expect.poll(count, { timeout: 5000 }).toBe(0);
    expect(s.alerts.map((a) => a.state)).toEqual(["logged-out"]);
    // Well past the largest backoff (80 ms): still the one socket.
    await new Promise((r) => setTimeout(r, 400));
    expect(s.wa.sockets).toHaveLength(1);
    expect(s.phase()).toBe("logged-out");
  });

  it("stops for good on 403 (banned or restricted): alerts, does not reconnect", async () => {
    const s = start();
    const sock = await openSocket(s);
    sock.open();
    sock.close(403);
    expect(s.channel.state()).toMatchObject({ state: "error", phase: "banned" });
    expect(s.alerts.map((a) => a.state)).toEqual(["banned"]);
    await new Promise((r) => setTimeout(r, 400));
    expect(s.wa.sockets).toHaveLength(1);
  });

  it("retries 500 (bad session) a bounded number of times, then clears the session and alerts", async () => {
    const s = start({ timing: { backoffBaseMs: 20, backoffCapMs: 80, badSessionRetries: 2 } });
    let sock = await openSocket(s);
    sock.emit("creds.update", {});
    const count = () => db.prisma.whatsappAuthState.count({ where: { sessionId: s.sessionId } });
    await expect.poll(count, { timeout: 5000 }).toBeGreaterThan(0);
    for (const attempt of [1, 2]) {
      sock.close(500);
      expect(s.channel.state()).toMatchObject({ phase: "reconnecting", failures: attempt });
      sock = await s.wa.nextSocket();
    }
    sock.close(500);
    expect(s.channel.state()).toMatchObject({ state: "error", phase: "logged-out" });
    await expect.poll(count, { timeout: 5000 }).toBe(0);
    expect(s.alerts).toContainEqual(expect.objectContaining({ state: "bad-session", failures: 3 }));
    await new Promise((r) => setTimeout(r, 400));
    expect(s.wa.sockets).toHaveLength(3);
  });

  it("announces the current WhatsApp Web version, and Baileys' built-in one when the look-up fails or hangs", async () => {
    const current = start({
      fetchVersion: async () => ({ version: [2, 3000, 1_234_567_890], isLatest: true }),
    });
    expect((await openSocket(current)).options.version).toEqual([2, 3000, 1_234_567_890]);
    // Offline, Baileys' look-up answers with its own version and isLatest false.
    const offline = start({
      fetchVersion: async () => ({ version: [2, 3000, 1], isLatest: false, error: "offline" }),
    });
    expect((await openSocket(offline)).options.version).toBeUndefined();
    const thrown = start({ fetchVersion: () => Promise.reject(new Error("ENOTFOUND")) });
    expect((await openSocket(thrown)).options.version).toBeUndefined();
    const hanging = start({
      fetchVersion: () => new Promise(() => {}),
      timing: { versionTimeoutMs: 50, lockRetryMs: 50 },
    });
    expect((await openSocket(hanging)).options.version).toBeUndefined();
    // Asked once per process: a reconnect does not ask again.
    let asked = 0;
    const once = start({
      fetchVersion: async () => {
        asked++;
        return { version: [2, 3000, 7], isLatest: true };
      },
    });
    const first = await openSocket(once);
    first.close(428);
    expect((await once.wa.nextSocket()).options.version).toEqual([2, 3000, 7]);
    expect(asked).toBe(1);
  });

  it("does not fight back on 440 (another socket took the session)", async () => {
    const s = start();
    const sock = await openSocket(s);
    sock.open();
    sock.close(440);
    expect(s.channel.state()).toMatchObject({ state: "error", phase: "replaced" });
    expect(s.alerts.map((a) => a.state)).toEqual(["replaced"]);
    await new Promise((r) => setTimeout(r, 400));
    expect(s.wa.sockets).toHaveLength(1);
    // The lock stays with us, so no standby of ours takes the number back either.
    expect(await redis.get(s.lockKey)).not.toBeNull();
  });

  it("closes the socket and waits in standby when another process takes the lock", async () => {
    const s = start();
    const sock = await openSocket(s);
    sock.open();
    await redis.set(s.lockKey, "someone-else", "PX", 60_000);
    await s.wa.waitFor(() => s.phase() === "standby", 15_000, "standby");
    expect(sock.closed).toBe(true);
    expect(s.channel.state().state).toBe("starting");
    await redis.del(s.lockKey);
    const next = await s.wa.nextSocket();
    expect(next).not.toBe(sock);
  });
});

/** A WhatsApp contact who wrote first, with a random number under `start`. */
async function whatsappContact(prisma: Database["prisma"], start: string) {
  const jid = `${start}${Math.floor(Math.random() * 1e7)}@s.whatsapp.net`;
  const contact = await prisma.contact.create({
    data: contactData("WHATSAPP", jid),
  });
  return { jid, contact };
}

describe("sending", () => {
  it("sends only to people who wrote first, and fails retryably while disconnected", async () => {
    const { jid, contact } = await whatsappContact(db.prisma, "62812");
    const s = start();
    const sock = await openSocket(s);
    const body = { kind: "text" as const, text: "Halo", choices: [{ id: "a", label: "Satu" }] };
    const recipient = { contactId: contact.id, externalId: jid };

    const down = s.channel.channel.send(recipient, body, randomUUID());
    await expect(down).rejects.toThrow(/not connected/);
    await expect(down).rejects.not.toBeInstanceOf(UnrecoverableError);

    sock.open();
    const sent = await s.channel.channel.send(recipient, body, randomUUID());
    expect(sock.sentTo(jid).map((m) => m.text)).toEqual(["Halo\n\n1. Satu"]);
    expect(sent.providerId).toBe(sock.sent[0]?.id);
    // WhatsApp's retry requests find the message again (getMessage).
    await expect
      .poll(async () => (await sock.options.getMessage({ id: sent.providerId }))?.conversation)
      .toBe("Halo\n\n1. Satu");

    const stranger = { contactId: randomUUID(), externalId: "6289999999999@s.whatsapp.net" };
    await expect(s.channel.channel.send(stranger, body, randomUUID())).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
    const group = { contactId: contact.id, externalId: "120363040000000000@g.us" };
    await expect(s.channel.channel.send(group, body, randomUUID())).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
    expect(sock.sent).toHaveLength(1);

    sock.failSends = new Error("socket hiccup");
    const failed = s.channel.channel.send(recipient, body, randomUUID());
    await expect(failed).rejects.toThrow(/WhatsApp send failed/);
    await expect(failed).rejects.not.toBeInstanceOf(UnrecoverableError);
  });

  it("gives Baileys a quiet logger that never shows a JID in clear", async () => {
    const s = start();
    const sock = await openSocket(s);
    const before = lines.length;
    sock.options.logger.info({ remoteJid: "6281234567890@s.whatsapp.net" }, "chatty info");
    sock.options.logger.warn(
      { key: { remoteJid: "6281234567890@s.whatsapp.net" }, lid: "123456789012345@lid" },
      "decrypt failed for 6281234567890@s.whatsapp.net",
    );
    const logged = lines.slice(before).join("");
    expect(logged).not.toContain("chatty info");
    expect(logged).toContain("decrypt failed");
    expect(logged).not.toContain("6281234567890");
    expect(logged).not.toContain("123456789012345");
    expect(logged).toContain('"component":"baileys"');
  });
});

describe("a send whose answer is lost", () => {
  it("goes again under the same message id: the user's phone shows it once", async () => {
    const { jid, contact } = await whatsappContact(db.prisma, "62813");
    const s = start();
    const sock = await openSocket(s);
    sock.open();
    await s.wa.waitFor(() => s.phase() === "open", 15_000, "open");
    const text = "Tiket Bapak/Ibu sedang diproses.";
    const row = await db.prisma.outboundMessage.create({
      data: outboundData(contact.id, "WHATSAPP", { kind: "text", text }),
    });
    // Delivered, then the socket's answer never comes: the sender retries.
    sock.loseAnswers = 1;
    const connection = createRedis(TEST_REDIS_URL, "worker");
    const sendPrefix = `${prefix}:lost-answer`;
    const sender = outboundSendWorker({
      prisma: db.prisma,
      cipher: testCipher,
      channel: s.channel.channel,
      accepted: redisAcceptedSends({ redis: connection, prefix: sendPrefix }),
    })({ connection, prefix: sendPrefix, logger });
    const queue = createQueue(outboundQueue("WHATSAPP"), { connection, prefix: sendPrefix });
    try {
      await queue.add("outbound.send", { outboundMessageId: row.id });
      await expect
        .poll(
          async () =>
            (await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).status,
          { timeout: 30_000 },
        )
        .toBe("SENT");
      const done = await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } });
      const id = whatsappMessageId(row.id);
      // Two relays reached WhatsApp, both under the row's id; one message arrived.
      expect(sock.attempts.get(id)).toBe(2);
      expect(sock.sentTo(jid).map((m) => [m.id, m.text])).toEqual([[id, text]]);
      expect(done.providerId).toBe(id);
      expect(done.attempts).toBe(2);
      expect(done.lastError).toMatch(/WhatsApp send failed/);
    } finally {
      await sender.close();
      await queue.close();
      await connection.quit();
    }
  }, 60_000);
});

describe("on the embedded database", () => {
  it("sends inside the outbound sender's transaction without waiting on itself", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "lpse-wa-pglite-"));
    const embedded = await openDatabase({ kind: "embedded", dir });
    try {
      await embedded.migrate();
      const { jid, contact } = await whatsappContact(embedded.prisma, "62813111");
      const s = start({ prisma: embedded.prisma });
      const sock = await openSocket(s);
      sock.open();
      const recipient = { contactId: contact.id, externalId: jid };
      // As bot/outbound-send.worker.ts does: the send runs inside a transaction,
      // and PGlite has one connection. Baileys' key reads and writes must not wait for it.
      const result = await embedded.prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          return s.channel.channel.send(recipient, { kind: "text", text: "Halo" }, randomUUID());
        },
        { timeout: 20_000 },
      );
      expect(result.providerId).toBe(sock.sent[0]?.id);
      await s.channel.stop();
      // The key Baileys advanced during the send reached the database afterwards.
      const keys = await embedded.prisma.whatsappAuthState.count({
        where: { sessionId: s.sessionId, category: "session" },
      });
      expect(keys).toBe(1);
    } finally {
      await embedded.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

/** A terminal (isTTY) or a pipe such as `docker logs`, recording what reached it. */
function screen(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = "";
  stream.on("data", (d) => {
    text += d;
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

/** What this test process writes to its own stderr meanwhile (a pipe here, as under docker). */
async function stderrDuring(run: () => Promise<void>): Promise<string> {
  let text = "";
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    text += String(chunk);
    return write(chunk, ...rest);
  }) as typeof process.stderr.write;
  try {
    await run();
    // The QR is rendered asynchronously before it is printed.
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    process.stderr.write = write;
  }
  return text;
}

// The QR and the pairing code link a device to the helpdesk number: whoever
// reads them in time owns the office's WhatsApp. Logs are shipped, kept and
// read by many, so neither may reach them, nor a pipe (docker logs); the admin
// page and a terminal a person watches show them.
describe("linking secrets", () => {
  it("never logs the QR nor prints it to a pipe; the admin view has it", async () => {
    expect(process.stderr.isTTY).toBeFalsy();
    const { wa, channel } = start({ printQr: undefined });
    const sock = await wa.nextSocket();
    const before = lines.length;
    const qr = `2@${randomUUID()},noise-key,identity-key,adv-secret`;
    const printed = await stderrDuring(async () => {
      sock.qr(qr);
      await wa.waitFor(() => channel.pairingView().qr === qr, 5000, "the QR");
    });
    expect(channel.state().phase).toBe("pairing");
    const logged = lines.slice(before).join("");
    expect(logged).toContain('"phase":"pairing"');
    for (const out of [logged, printed]) {
      expect(out).not.toContain(qr.slice(2, 38));
      expect(out).not.toContain("adv-secret");
      expect(out).not.toContain("pindai QR");
    }
  });

  it("never logs the pairing code nor prints it to a pipe; the admin view has it", async () => {
    const { wa, channel } = start({ pairingNumber: "62811579941", printQr: undefined });
    const sock = await wa.nextSocket();
    sock.pairingCode = "QX7K9M2P";
    const before = lines.length;
    const printed = await stderrDuring(async () => {
      sock.qr("2@first");
      await wa.waitFor(() => channel.pairingView().pairingCode !== undefined, 5000, "the code");
    });
    expect(channel.pairingView().pairingCode).toBe("QX7K9M2P");
    const logged = lines.slice(before).join("");
    expect(logged).toContain("/admin/whatsapp");
    for (const out of [logged, printed]) {
      expect(out).not.toContain("QX7K9M2P");
      expect(out).not.toMatch(/QX7K.?9M2P/);
    }
  });

  it("shows the QR and the pairing code on a terminal someone watches", async () => {
    const forQr = screen(true);
    const display = terminalPairingDisplay(forQr.stream);
    const byQr = start({ printQr: display.qr, printPairingCode: display.pairingCode });
    (await byQr.wa.nextSocket()).qr("2@shown-on-the-terminal");
    await byQr.wa.waitFor(() => forQr.text().includes("pindai QR ini"), 5000, "the QR");

    const forCode = screen(true);
    const codeDisplay = terminalPairingDisplay(forCode.stream);
    const byCode = start({
      pairingNumber: "62811579941",
      printQr: codeDisplay.qr,
      printPairingCode: codeDisplay.pairingCode,
    });
    const sock = await byCode.wa.nextSocket();
    sock.pairingCode = "ZT4R8W1N";
    sock.qr("2@first");
    await byCode.wa.waitFor(() => forCode.text().includes("ZT4R8W1N"), 5000, "the code");
    expect(forCode.text()).toContain("Tautkan dengan nomor telepon saja");
  });

  it("prints nothing to a pipe", async () => {
    const pipe = screen(false);
    const display = terminalPairingDisplay(pipe.stream);
    await display.qr("2@not-for-a-pipe");
    display.pairingCode("NOTSHOWN");
    expect(pipe.text()).toBe("");
  });
});
