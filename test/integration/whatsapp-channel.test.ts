// The WhatsApp channel on the whole app (real PostgreSQL, Redis, workers and
// outbound senders) with a fake socket in place of WhatsApp's servers: users
// write through the fake, the real pipeline answers, and the replies leave
// through the fake's sendMessage as numbered lists.
import { randomInt, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { WAMessage } from "@whiskeysockets/baileys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboundSenders } from "../../bot/outbound.ts";
import { startBot } from "../../bot/start-bot.ts";
import {
  createWhatsappChannel,
  type WhatsappChannel,
} from "../../bot/whatsapp/whatsapp.channel.ts";
import { startWhatsapp, whatsappLockKey } from "../../bot/whatsapp/whatsapp.start.ts";
import type { InboundMessage } from "../../core/contracts/messages.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import {
  createFakeWhatsapp,
  documentMessage,
  type FakeSent,
  type FakeWhatsappSocket,
  imageMessage,
  textMessage,
  waMessage,
} from "../fakes/whatsapp-socket.ts";
import { jpegFile, pdfFile } from "../fixtures/files.ts";
import { capturingLogger, testAppConfig } from "../support/app.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("whatsapp");
const { lines: logLines, logger } = capturingLogger();
const lifecycle = createLifecycle(logger, 5000);
const wa = createFakeWhatsapp();
let dir: string;
let runtime: Runtime;
let whatsapp: WhatsappChannel;
let sock: FakeWhatsappSocket;
let senders: OutboundSenders;
/** What the channel handed to the inbound pipeline. */
const handled: InboundMessage[] = [];

/** A phone number of its own per test. */
const newUser = () => `62812${randomInt(1e7, 9e7)}@s.whatsapp.net`;

/** Delivers one message and returns what the bot sent back for it (the replies, after a quiet spell). */
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
const textOf = (sent: FakeSent[]) => sent.map((m) => m.text).join("\n");
const say = async (jid: string, text: string) =>
  textOf(await exchange(jid, textMessage({ from: jid, text })));

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lpse-whatsapp-"));
  const config = testAppConfig(prefix, dir);
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
        lockKey: whatsappLockKey(config.queuePrefix, "pipeline"),
        inbound: {
          handle: (message) => {
            handled.push(message as InboundMessage);
            return services.inbound.handle(message);
          },
          storeMedia: (input) => services.inbound.storeMedia(input),
          amend: (message, prepare, fallback) => services.inbound.amend(message, prepare, fallback),
        },
        logger,
        sessionId: "pipeline",
        maxDownloadBytes: config.helpdesk.mediaMaxBytes,
        // exchange() waits 300 ms for more replies: no pacing here.
        chatIntervalMs: 0,
        globalRatePerSecond: 50,
        makeSocket: wa.makeSocket,
        timing: { chatJitterMs: 0, backoffBaseMs: 50, backoffCapMs: 200 },
      });
      return [whatsapp.channel];
    },
  });
  runtime = started.runtime;
  senders = started.senders;
  startWhatsapp({ whatsapp, runtime, senders: started.senders, lifecycle });
  sock = await wa.nextSocket();
  sock.open();
}, 60_000);

afterAll(async () => {
  if (process.env.WHATSAPP_TEST_LOG) process.stdout.write(logLines.join(""));
  await lifecycle.shutdown("test done");
  await deleteKeys(prefix);
  await rm(dir, { recursive: true, force: true });
});

describe("WhatsApp channel on the real pipeline", () => {
  it("greets a new user with the menu as a numbered list, and takes a bare number as the choice", async () => {
    const user = newUser();
    const welcome = await say(user, "halo");
    expect(welcome).toContain("Selamat datang di Helpdesk LPSE Kabupaten Landak");
    expect(welcome).toMatch(/\n1\. .+\n2\. .+/u);
    // No WhatsApp buttons or lists: plain text only.
    for (const m of sock.sentTo(user)) expect(Object.keys(m.content)).toEqual(["text"]);

    const next = await say(user, "1");
    expect(next).toContain("Gagal unggah dokumen penawaran");
    expect(next).toMatch(/\n1\. /u);
  });

  it("knows a user by phone number even when WhatsApp addresses them by LID", async () => {
    const user = newUser();
    const lid = `${randomInt(1e9, 9e9)}${randomInt(1e5, 9e5)}@lid`;
    await say(user, "halo");
    // The same person, now LID-addressed with the number alongside.
    const replies = await exchange(user, textMessage({ from: lid, phoneJid: user, text: "menu" }));
    expect(replies.length).toBeGreaterThan(0);
    expect(sock.sentTo(lid)).toHaveLength(0);
    // And once more by LID alone: the stored mapping finds the number.
    const again = await exchange(user, textMessage({ from: lid, text: "menu" }));
    expect(again.length).toBeGreaterThan(0);

    const contacts = await runtime.db.prisma.contact.findMany({
      where: { channel: "WHATSAPP", outbound: { some: {} } },
      select: { id: true },
    });
    const ids = new Set<string>();
    for (const row of sock.sentTo(user)) ids.add(row.jid);
    expect([...ids]).toEqual([user]);
    expect(contacts.length).toBeGreaterThan(0);
    const mapped = await runtime.db.prisma.whatsappLidMapping.count({
      where: { sessionId: "pipeline" },
    });
    expect(mapped).toBeGreaterThan(0);
  });

  it("handles a message delivered twice only once", async () => {
    const user = newUser();
    const message = textMessage({ from: user, text: "halo", id: `DUP${randomUUID()}` });
    await exchange(user, message);
    sock.receive(message);
    // Messages of one chat are handled in order: once this is answered, the copy was seen.
    await say(user, "bantuan");
    const welcomes = sock.sentTo(user).filter((m) => m.text.includes("Selamat datang"));
    expect(welcomes).toHaveLength(1);
    const claims = await runtime.db.prisma.processedMessage.count({
      where: { channel: "WHATSAPP", messageId: message.key.id ?? "" },
    });
    expect(claims).toBe(1);
  });

  it("downloads an image and a PDF at once, checks and stores them, and hands over the media id", async () => {
    const user = newUser();
    await say(user, "halo");
    const contentOf = (id: string | null | undefined) =>
      handled.find((m) => m.messageId === id)?.content;
    const photo = imageMessage({ from: user, caption: "KTP saya", size: jpegFile().length });
    sock.media.set(photo.key.id ?? "", jpegFile());
    await exchange(user, photo);
    expect(contentOf(photo.key.id)).toMatchObject({
      type: "media",
      kind: "image",
      mime: "image/jpeg",
      mediaId: expect.stringMatching(/^[0-9a-f-]{36}$/u),
    });
    const pdf = documentMessage({
      from: user,
      fileName: "surat.pdf",
      mime: "application/pdf",
      size: pdfFile().length,
    });
    sock.media.set(pdf.key.id ?? "", pdfFile());
    await exchange(user, pdf);
    expect(contentOf(pdf.key.id)).toMatchObject({
      kind: "document",
      mime: "application/pdf",
      mediaId: expect.stringMatching(/^[0-9a-f-]{36}$/u),
    });

    // A "PDF" whose bytes are not one is refused by its magic bytes: nothing stored.
    const bogus = documentMessage({
      from: user,
      fileName: "x.pdf",
      mime: "application/pdf",
      size: 9,
    });
    sock.media.set(bogus.key.id ?? "", Buffer.from("MZ not a pdf"));
    const refused = await exchange(user, bogus);
    expect(refused.length).toBeGreaterThan(0);
    expect(contentOf(bogus.key.id)).toEqual({
      type: "media",
      kind: "other",
      mime: null,
      size: 12,
      mediaId: null,
    });

    // Larger than MEDIA_MAX_BYTES: not even downloaded.
    const huge = imageMessage({ from: user, size: 50 * 1024 * 1024 });
    await exchange(user, huge);
    expect(contentOf(huge.key.id)).toMatchObject({ kind: "image", mediaId: null });
  });

  it("answers stickers, voice notes and locations politely, and ignores reactions and edits", async () => {
    const user = newUser();
    await say(user, "halo");
    for (const content of [
      { stickerMessage: { mimetype: "image/webp" } },
      { audioMessage: { ptt: true } },
      { locationMessage: { degreesLatitude: 0.35, degreesLongitude: 109.95 } },
    ]) {
      const replies = await exchange(user, waMessage({ from: user }, content));
      expect(replies.length).toBeGreaterThan(0);
    }
    const before = sock.sentTo(user).length;
    const key = { remoteJid: user, fromMe: true, id: sock.sentTo(user)[0]?.id ?? "x" };
    sock.receive([
      waMessage({ from: user }, { reactionMessage: { key, text: "👍" } }),
      waMessage({ from: user }, { protocolMessage: { key, type: 0 } }),
      waMessage({ from: user }, { editedMessage: { message: { conversation: "ubah" } } }),
    ]);
    // Answered in order: the reply to "bantuan" is the only new one.
    const help = await exchange(user, textMessage({ from: user, text: "bantuan" }));
    expect(sock.sentTo(user).length).toBe(before + help.length);
  });

  it("ignores groups, status updates, our own messages and old history (append)", async () => {
    const user = newUser();
    const group = "120363040000000000@g.us";
    sock.receive(textMessage({ from: group, text: "halo semua" }));
    sock.receive(textMessage({ from: "status@broadcast", text: "status" }));
    sock.receive(textMessage({ from: user, fromMe: true, text: "dari HP kantor" }));
    // History is never answered: an 'append' from before the offline window
    // (the newer ones are messages sent while the bot was offline: whatsapp-real-phones.test.ts).
    const days = 4 * 24 * 3600;
    const old = textMessage({
      from: user,
      text: "pesan lama",
      timestamp: Math.floor(Date.now() / 1000) - days,
    });
    sock.receive(old, "append");
    const replies = await exchange(user, textMessage({ from: user, text: "halo" }));
    expect(textOf(replies)).toContain("Selamat datang");
    expect(sock.sentTo(group)).toHaveLength(0);
    expect(sock.sentTo("status@broadcast")).toHaveLength(0);
    expect(sock.sentTo(user).filter((m) => m.text.includes("Selamat datang"))).toHaveLength(1);
    expect(handled.map((m) => m.messageId)).not.toContain(old.key.id);
  });

  it("keeps replies queued while the socket is down and sends them after it reconnects", async () => {
    const user = newUser();
    await say(user, "halo");
    const sender = senders.workers.find((w) => w.name === QUEUE.outboundWhatsapp);
    expect(sender?.isPaused()).toBe(false);
    sock.close(428);
    expect(whatsapp.state().phase).toBe("reconnecting");
    // Jobs stay in the queue rather than burn their retries on a closed socket.
    expect(sender?.isPaused()).toBe(true);
    const before = sock.sentTo(user).length;
    const old = sock;
    // The message reaches the old socket's listeners only if it is still current: use the new one.
    sock = await wa.nextSocket();
    expect(sock).not.toBe(old);
    const message = textMessage({ from: user, text: "menu" });
    sock.receive(message);
    // The reply is queued with the claim of the message, in one transaction.
    await expect
      .poll(() =>
        runtime.db.prisma.processedMessage.count({
          where: { channel: "WHATSAPP", messageId: message.key.id ?? "" },
        }),
      )
      .toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(sock.sentTo(user)).toHaveLength(0);
    sock.open();
    await wa.waitFor(() => sock.sentTo(user).length > 0, 15_000, "the queued reply");
    expect(old.sentTo(user)).toHaveLength(before);
    expect(textOf(sock.sentTo(user))).toMatch(/\n1\. /u);
    expect(sender?.isPaused()).toBe(false);
    const providerId = sock.sentTo(user)[0]?.id ?? "";
    await expect
      .poll(() => runtime.db.prisma.outboundMessage.findFirst({ where: { providerId } }))
      .toMatchObject({ status: "SENT" });
  });

  it("logs no phone number or JID", () => {
    const all = logLines.join("");
    expect(all).toContain('"component":"whatsapp"');
    expect(all).not.toMatch(/62812\d{7}/u);
  });
});
