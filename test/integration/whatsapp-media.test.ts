// WhatsApp files as an attacker sends them, through the real channel and
// pipeline (PostgreSQL, Redis, workers) with a fake socket and a local
// stand-in for WhatsApp's media host: a message naming an address in the
// office LAN, a file far larger than its message claims, a download that
// stalls, files of a blocked or flooding sender. Each attack is first shown
// to work on what the bot used before (Baileys' downloadMediaMessage).
import { randomBytes, randomInt } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { downloadMediaMessage, type WAMessage } from "@whiskeysockets/baileys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot } from "../../bot/start-bot.ts";
import {
  createWhatsappChannel,
  type WhatsappChannel,
} from "../../bot/whatsapp/whatsapp.channel.ts";
import { startWhatsapp, whatsappLockKey } from "../../bot/whatsapp/whatsapp.start.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import type { Services } from "../../core/infra/services.ts";
import { resolveContact } from "../../core/infra/stores/contact.store.ts";
import { type FakeMediaHost, startFakeMediaHost } from "../fakes/whatsapp-media-host.ts";
import {
  createFakeWhatsapp,
  type FakeSent,
  type FakeWhatsappSocket,
  imageMessage,
  textMessage,
} from "../fakes/whatsapp-socket.ts";
import { jpegFile } from "../fixtures/files.ts";
import { capturingLogger, testAppConfig } from "../support/app.ts";
import { toKtpStep } from "../support/intake-walk.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const MAX_BYTES = 1024 * 1024;
const prefix = uniquePrefix("whatsapp-media");
const { lines: logLines, logger } = capturingLogger();
const lifecycle = createLifecycle(logger, 5000);
const wa = createFakeWhatsapp();
let dir: string;
let runtime: Runtime;
let services: Services;
let whatsapp: WhatsappChannel;
let sock: FakeWhatsappSocket;
let mediaHost: FakeMediaHost;
/** A server in the "office LAN": it records every connection made to it. */
let lan: { url: string; connections: () => number; close: () => Promise<void> };

async function startLan() {
  let connections = 0;
  const server = createServer((_req, res) => res.end('{"AccessKeyId":"secret"}'));
  server.on("connection", () => connections++);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `127.0.0.1:${port}`,
    connections: () => connections,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

const newUser = () => `62813${randomInt(1e7, 9e7)}@s.whatsapp.net`;
const textOf = (sent: FakeSent[]) => sent.map((m) => m.text).join("\n");

async function exchange(jid: string, message: WAMessage): Promise<string> {
  const before = sock.sentTo(jid).length;
  sock.receive(message);
  await wa.waitFor(() => sock.sentTo(jid).length > before, 15_000, "a reply");
  let seen = sock.sentTo(jid).length;
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    if (sock.sentTo(jid).length === seen) break;
    seen = sock.sentTo(jid).length;
  }
  return textOf(sock.sentTo(jid).slice(before));
}

async function walkToKtp(jid: string) {
  // WhatsApp vouches for the sender's number: no phone question.
  for (const [text, expected] of toKtpStep({ phoneKnown: true })) {
    const reply = await exchange(jid, textMessage({ from: jid, text }));
    if (!reply.includes(expected)) throw new Error(`after "${text}": ${reply}`);
  }
}

const contactOf = (jid: string) =>
  resolveContact(runtime.db.prisma, services.cipher, "WHATSAPP", {
    externalId: jid,
    phone: `+${jid.split("@")[0]}`,
  });
const filesOf = async (jid: string) =>
  runtime.db.prisma.attachment.findMany({ where: { contactId: (await contactOf(jid)).id } });

/** An image message whose file is wherever `media` says (a valid key unless given). */
const attack = (jid: string, media: object, size = 50_000) =>
  imageMessage({
    from: jid,
    size,
    media: { mediaKey: randomBytes(32), ...media } as Parameters<typeof imageMessage>[0]["media"],
  });

async function waitUntil(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  mediaHost = await startFakeMediaHost();
  lan = await startLan();
  dir = await mkdtemp(path.join(tmpdir(), "lpse-whatsapp-media-"));
  const config = testAppConfig(prefix, dir, {
    MEDIA_MAX_BYTES: String(MAX_BYTES),
    MEDIA_DOWNLOAD_TIMEOUT_MS: "1500",
    RATE_LIMIT_BURST: "40",
    RATE_LIMIT_PER_MINUTE: "1",
  });
  const started = await startBot({
    config,
    logger,
    lifecycle,
    allInOne: true,
    http: false,
    channelStates: () => ({ whatsapp: whatsapp.state() }),
    channels: (s, rt) => {
      services = s;
      whatsapp = createWhatsappChannel({
        prisma: rt.db.prisma,
        cipher: s.cipher,
        redis: rt.redis,
        lockKey: whatsappLockKey(config.queuePrefix, "media"),
        inbound: s.inbound,
        logger,
        sessionId: "media",
        maxDownloadBytes: config.helpdesk.mediaMaxBytes,
        downloadTimeoutMs: config.helpdesk.mediaDownloadTimeoutMs,
        mediaBaseUrl: mediaHost.baseUrl,
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
}, 60_000);

afterAll(async () => {
  if (process.env.WHATSAPP_TEST_LOG) process.stdout.write(logLines.join(""));
  await lifecycle.shutdown("test done");
  await mediaHost?.close();
  await lan?.close();
  await deleteKeys(prefix);
  await rm(dir, { recursive: true, force: true });
});

describe("WhatsApp media intake under attack", () => {
  it("never requests an address a message names, only WhatsApp's media host", async () => {
    const lanUrl = `http://${lan.url}/latest/meta-data/iam/security-credentials/`;
    // Control: what the bot called before reaches into the LAN, by `url`
    // alone, and by `url`'s host with any directPath.
    for (const media of [{ url: lanUrl }, { url: lanUrl, directPath: "/latest/meta-data/" }]) {
      const before = lan.connections();
      const message = attack("6281300000000@s.whatsapp.net", media);
      await downloadMediaMessage(message, "buffer", {}).catch(() => null);
      expect(lan.connections()).toBeGreaterThan(before);
    }

    const user = newUser();
    await walkToKtp(user);
    const hitsBefore = lan.connections();
    const hostile = [
      { url: lanUrl },
      { url: lanUrl, directPath: "/latest/meta-data/" },
      { url: lanUrl, directPath: `@${lan.url}/x` },
      { directPath: `//${lan.url}/x` },
      { directPath: `/\\\\${lan.url}/x` },
      { directPath: `/v/t62.7118-24/../../@${lan.url}` },
      { directPath: `http://${lan.url}/x` },
      { directPath: "/v/t62.7118-24/x.enc?ccb=11-4#@evil" },
    ];
    for (const media of hostile) {
      const reply = await exchange(user, attack(user, media));
      expect(reply, JSON.stringify(media)).toContain("File belum berhasil kami terima");
    }
    expect(lan.connections()).toBe(hitsBefore);
    expect(await filesOf(user)).toEqual([]);

    // The real file named by its directPath comes from the media host; the
    // `url` beside it (into the LAN) is ignored.
    const ktp = await mediaHost.upload(jpegFile(4000, 16, 16), "image");
    const reply = await exchange(user, attack(user, { ...ktp, url: lanUrl }, ktp.fileLength));
    expect(reply).toContain("surat kuasa");
    expect(mediaHost.hitsOf(ktp.directPath)).toBe(1);
    expect(lan.connections()).toBe(hitsBefore);
    expect((await filesOf(user)).map((f) => f.mime)).toEqual(["image/jpeg"]);
  }, 90_000);

  it("stops reading a file far larger than its message claims, and tells the user the limit", async () => {
    // Control: what the bot called before reads it all into memory.
    const control = mediaHost.endless(16 * 1024 * 1024);
    await downloadMediaMessage(
      attack("6281300000000@s.whatsapp.net", {
        url: `${mediaHost.baseUrl}${control.directPath}`,
      }),
      "buffer",
      {},
    ).catch(() => null);
    expect(control.sent()).toBe(16 * 1024 * 1024);

    const user = newUser();
    await walkToKtp(user);
    const lying = mediaHost.endless(64 * 1024 * 1024);
    const reply = await exchange(user, attack(user, { directPath: lying.directPath }, 1000));
    expect(reply).toContain("Ukuran file terlalu besar (maksimal 1 MB)");
    // Reading stopped just past the cap; sockets buffer a little more.
    expect(lying.sent()).toBeLessThan(8 * MAX_BYTES);
    // An honest file over the cap is refused the same way, by its bytes.
    const big = await mediaHost.upload(jpegFile(2 * MAX_BYTES), "image");
    expect(await exchange(user, attack(user, big, 5000))).toContain("terlalu besar");
    expect(await filesOf(user)).toEqual([]);
  }, 90_000);

  it("gives up a download that stalls, answers, and keeps the chat's order", async () => {
    const user = newUser();
    await walkToKtp(user);
    const stalled = mediaHost.stall();
    sock.receive(attack(user, { directPath: stalled }));
    const before = sock.sentTo(user).length;
    sock.receive(textMessage({ from: user, text: "bantuan" }));
    // Waits for the answer to "bantuan" itself, not for a quiet moment: on a
    // loaded machine the stalled download's answer may take longer than any gap.
    const help = "Perintah yang dapat diketik kapan saja";
    await wa.waitFor(() => textOf(sock.sentTo(user).slice(before)).includes(help), 30_000, "help");
    const reply = textOf(sock.sentTo(user).slice(before));
    // The file's answer first, then the answer to what came after it.
    const file = reply.indexOf("File belum berhasil kami terima");
    expect(file).toBe(0);
    expect(reply.indexOf(help)).toBeGreaterThan(file);
  }, 60_000);

  it("downloads a chat's files at once, outside the chat's turn, and answers them in order", async () => {
    const user = newUser();
    await walkToKtp(user);
    const ktp = await mediaHost.upload(jpegFile(3000, 16, 16), "image", { held: true });
    const kuasa = await mediaHost.upload(jpegFile(3500, 16, 16), "image", { held: true });
    sock.receive(attack(user, ktp, ktp.fileLength));
    sock.receive(attack(user, kuasa, kuasa.fileLength));
    // Both requests reach the host while neither has been answered: the
    // second file's download did not wait for the first message's turn.
    await wa.waitFor(
      () => mediaHost.hitsOf(ktp.directPath) === 1 && mediaHost.hitsOf(kuasa.directPath) === 1,
      10_000,
      "both downloads under way",
    );
    const before = sock.sentTo(user).length;
    kuasa.release();
    ktp.release();
    await wa.waitFor(() => sock.sentTo(user).length >= before + 2, 15_000, "two answers");
    const answers = textOf(sock.sentTo(user).slice(before));
    const ktpAnswer = answers.indexOf("surat kuasa");
    expect(ktpAnswer).toBeGreaterThanOrEqual(0);
    expect(answers.indexOf("screenshot", ktpAnswer)).toBeGreaterThan(ktpAnswer);
  }, 60_000);

  it("never fetches the files of a blocked sender or of one over the rate limit", async () => {
    const blocked = newUser();
    await exchange(blocked, textMessage({ from: blocked, text: "halo" }));
    await runtime.db.prisma.contact.updateMany({
      where: { id: (await contactOf(blocked)).id },
      data: { blocked: true },
    });
    const fromBlocked = await mediaHost.upload(jpegFile(2000), "image");
    const blockedPhoto = attack(blocked, fromBlocked, fromBlocked.fileLength);
    sock.receive(blockedPhoto);
    // Handled (claimed) without an answer, as everything a blocked sender sends.
    await waitUntil(
      async () =>
        (await runtime.db.prisma.processedMessage.count({
          where: { channel: "WHATSAPP", messageId: blockedPhoto.key.id ?? "" },
        })) === 1,
      "the blocked sender's photo handled",
    );

    const flooding = newUser();
    for (let i = 0; i < 40; i++) sock.receive(textMessage({ from: flooding, text: `halo ${i}` }));
    sock.receive(textMessage({ from: flooding, text: "halo lagi" }));
    await wa.waitFor(
      () => textOf(sock.sentTo(flooding)).includes("pesan Anda terlalu cepat"),
      20_000,
      "the flood notice",
    );
    const limited = () => logLines.filter((l) => l.includes("sender over the rate limit")).length;
    const limitedBefore = limited();
    const fromFlood = await mediaHost.upload(jpegFile(2000), "image");
    sock.receive(attack(flooding, fromFlood, fromFlood.fileLength));
    await wa.waitFor(() => limited() > limitedBefore, 15_000, "the photo refused for the flood");

    expect(mediaHost.hitsOf(fromBlocked.directPath)).toBe(0);
    expect(mediaHost.hitsOf(fromFlood.directPath)).toBe(0);
  }, 90_000);
});
