// The WhatsApp channel on the whole app (real PostgreSQL, Redis, workers and
// outbound senders) with a fake socket in place of WhatsApp's servers: users
// write through the fake, the real pipeline answers, and the replies leave
// through the fake's sendMessage as numbered lists.
// The WhatsApp channel on the whole app (real PostgreSQL, Redis, workers and
// outbound senders) with a fake socket in place of WhatsApp's servers: users
// write through the fake, the real pipeline answers, and the replies leave
// through the fake's sendMessage as numbered lists.
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUE } from "../../core/contracts/queues.ts";
import { documentMessage, imageMessage, textMessage, waMessage } from "../fakes/whatsapp-socket.ts";
import { jpegFile, pdfFile } from "../fixtures/files.ts";
import {
  newPhoneJid,
  startWhatsappApp,
  textOf,
  type WhatsappApp,
} from "../support/whatsapp-app.ts";

let app: WhatsappApp;
const newUser = newPhoneJid;

beforeAll(async () => {
  app = await startWhatsappApp("pipeline");
}, 60_000);
afterAll(() => app.stop());

describe("WhatsApp channel on the real pipeline", () => {
  it("greets a new user with the menu as a numbered list, and takes a bare number as the choice", async () => {
    const user = newUser();
    const welcome = await app.say(user, "halo");
    expect(welcome).toContain("Selamat datang di Helpdesk LPSE Kabupaten Landak");
    expect(welcome).toMatch(/\n1\. .+\n2\. .+/u);
    // No WhatsApp buttons or lists: plain text only.
    for (const m of app.sock.sentTo(user)) expect(Object.keys(m.content)).toEqual(["text"]);

    const next = await app.say(user, "1");
    expect(next).toContain("Gagal unggah dokumen penawaran");
    expect(next).toMatch(/\n1\. /u);
  });

  it("knows a user by phone number even when WhatsApp addresses them by LID", async () => {
    const user = newUser();
    const lid = `${randomInt(1e9, 9e9)}${randomInt(1e5, 9e5)}@lid`;
    await app.say(user, "halo");
    // The same person, now LID-addressed with the number alongside.
    const replies = await app.exchange(
      user,
      textMessage({ from: lid, phoneJid: user, text: "menu" }),
    );
    expect(replies.length).toBeGreaterThan(0);
    expect(app.sock.sentTo(lid)).toHaveLength(0);
    // And once more by LID alone: the stored mapping finds the number.
    const again = await app.exchange(user, textMessage({ from: lid, text: "menu" }));
    expect(again.length).toBeGreaterThan(0);

    const contacts = await app.runtime.db.prisma.contact.findMany({
      where: { channel: "WHATSAPP", outbound: { some: {} } },
      select: { id: true },
    });
    const ids = new Set<string>();
    for (const row of app.sock.sentTo(user)) ids.add(row.jid);
    expect([...ids]).toEqual([user]);
    expect(contacts.length).toBeGreaterThan(0);
    const mapped = await app.runtime.db.prisma.whatsappLidMapping.count({
      where: { sessionId: "pipeline" },
    });
    expect(mapped).toBeGreaterThan(0);
  });

  it("handles a message delivered twice only once", async () => {
    const user = newUser();
    const message = textMessage({ from: user, text: "halo", id: `DUP${randomUUID()}` });
    await app.exchange(user, message);
    app.sock.receive(message);
    // Messages of one chat are handled in order: once this is answered, the copy was seen.
    await app.say(user, "bantuan");
    const welcomes = app.sock.sentTo(user).filter((m) => m.text.includes("Selamat datang"));
    expect(welcomes).toHaveLength(1);
    const claims = await app.runtime.db.prisma.processedMessage.count({
      where: { channel: "WHATSAPP", messageId: message.key.id ?? "" },
    });
    expect(claims).toBe(1);
  });

  it("downloads an image and a PDF at once, checks and stores them, and hands over the media id", async () => {
    const user = newUser();
    await app.say(user, "halo");
    const contentOf = (id: string | null | undefined) =>
      app.handled.find((m) => m.messageId === id)?.content;
    // A file is fetched and checked before its message is handled (a PDF on a
    // worker thread): wait for that, not for the first reply in the chat.
    const handedOver = (id: string | null | undefined) =>
      app.wa.waitFor(() => contentOf(id) !== undefined, 15_000, "the message handed over");
    const photo = imageMessage({
      from: user,
      caption: "KTP saya",
      size: jpegFile().length,
      media: await app.mediaHost.upload(jpegFile(), "image"),
    });
    await app.exchange(user, photo);
    await handedOver(photo.key.id);
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
      media: await app.mediaHost.upload(pdfFile(), "document"),
    });
    await app.exchange(user, pdf);
    await handedOver(pdf.key.id);
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
      media: await app.mediaHost.upload(Buffer.from("MZ not a pdf"), "document"),
    });
    const refused = await app.exchange(user, bogus);
    expect(refused.length).toBeGreaterThan(0);
    await handedOver(bogus.key.id);
    expect(contentOf(bogus.key.id)).toEqual({
      type: "media",
      kind: "other",
      mime: null,
      size: 12,
      mediaId: null,
    });

    // Larger than MEDIA_MAX_BYTES: not even downloaded.
    const huge = imageMessage({ from: user, size: 50 * 1024 * 1024 });
    await app.exchange(user, huge);
    await handedOver(huge.key.id);
    expect(contentOf(huge.key.id)).toMatchObject({ kind: "image", mediaId: null });
  });

  it("answers stickers, voice notes and locations politely, and ignores reactions and edits", async () => {
    const user = newUser();
    await app.say(user, "halo");
    for (const content of [
      { stickerMessage: { mimetype: "image/webp" } },
      { audioMessage: { ptt: true } },
      { locationMessage: { degreesLatitude: 0.35, degreesLongitude: 109.95 } },
    ]) {
      const replies = await app.exchange(user, waMessage({ from: user }, content));
      expect(replies.length).toBeGreaterThan(0);
    }
    const before = app.sock.sentTo(user).length;
    const key = { remoteJid: user, fromMe: true, id: app.sock.sentTo(user)[0]?.id ?? "x" };
    app.sock.receive([
      waMessage({ from: user }, { reactionMessage: { key, text: "👍" } }),
      waMessage({ from: user }, { protocolMessage: { key, type: 0 } }),
      waMessage({ from: user }, { editedMessage: { message: { conversation: "ubah" } } }),
    ]);
    // Answered in order: the reply to "bantuan" is the only new one.
    const help = await app.exchange(user, textMessage({ from: user, text: "bantuan" }));
    expect(app.sock.sentTo(user).length).toBe(before + help.length);
  });

  it("ignores groups, status updates, our own messages and old history (append)", async () => {
    const user = newUser();
    const group = "120363040000000000@g.us";
    app.sock.receive(textMessage({ from: group, text: "halo semua" }));
    app.sock.receive(textMessage({ from: "status@broadcast", text: "status" }));
    app.sock.receive(textMessage({ from: user, fromMe: true, text: "dari HP kantor" }));
    // History is never answered: an 'append' from before the offline window
    // (the newer ones are messages sent while the bot was offline: whatsapp-real-phones.test.ts).
    const days = 4 * 24 * 3600;
    const old = textMessage({
      from: user,
      text: "pesan lama",
      timestamp: Math.floor(Date.now() / 1000) - days,
    });
    app.sock.receive(old, "append");
    const replies = await app.exchange(user, textMessage({ from: user, text: "halo" }));
    expect(textOf(replies)).toContain("Selamat datang");
    expect(app.sock.sentTo(group)).toHaveLength(0);
    expect(app.sock.sentTo("status@broadcast")).toHaveLength(0);
    expect(app.sock.sentTo(user).filter((m) => m.text.includes("Selamat datang"))).toHaveLength(1);
    expect(app.handled.map((m) => m.messageId)).not.toContain(old.key.id);
  });

  it("keeps replies queued while the socket is down and sends them after it reconnects", async () => {
    const user = newUser();
    await app.say(user, "halo");
    const sender = app.senders.workers.find((w) => w.name === QUEUE.outboundWhatsapp);
    expect(sender?.isPaused()).toBe(false);
    const old = app.sock;
    const before = old.sentTo(user).length;
    // Closes at once; the channel makes a new socket after its backoff.
    const reconnected = app.reconnect(428, false);
    expect(app.channel.state().phase).toBe("reconnecting");
    // Jobs stay in the queue rather than burn their retries on a closed socket.
    expect(sender?.isPaused()).toBe(true);
    // The message reaches the old socket's listeners only if it is still current: use the new one.
    const sock = await reconnected;
    expect(sock).not.toBe(old);
    const message = textMessage({ from: user, text: "menu" });
    app.sock.receive(message);
    // The reply is queued with the claim of the message, in one transaction.
    await expect
      .poll(() =>
        app.runtime.db.prisma.processedMessage.count({
          where: { channel: "WHATSAPP", messageId: message.key.id ?? "" },
        }),
      )
      .toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(app.sock.sentTo(user)).toHaveLength(0);
    sock.open();
    await app.wa.waitFor(() => sock.sentTo(user).length > 0, 15_000, "the queued reply");
    expect(old.sentTo(user)).toHaveLength(before);
    expect(textOf(app.sock.sentTo(user))).toMatch(/\n1\. /u);
    expect(sender?.isPaused()).toBe(false);
    const providerId = app.sock.sentTo(user)[0]?.id ?? "";
    await expect
      .poll(() => app.runtime.db.prisma.outboundMessage.findFirst({ where: { providerId } }))
      .toMatchObject({ status: "SENT" });
  });

  it("logs no phone number or JID", () => {
    const all = app.logLines.join("");
    expect(all).toContain('"component":"whatsapp"');
    expect(all).not.toMatch(/62812\d{7}/u);
  });
});
