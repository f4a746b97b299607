// WhatsApp as real phones use it (issue #18), on the whole app: every
// message is built the way Baileys rc14 builds it (test/fakes/whatsapp-socket.ts)
// and goes through the channel and the real pipeline (PostgreSQL, Redis,
// workers, outbound senders); the tests read what the user is answered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  draftFileWithdrawn,
  EDIT_NOT_READ,
  FILE_WITHDRAWN,
  PROMPT_NIK,
  PROMPT_ROLE,
  VIEW_ONCE_REFUSED,
  WITHDRAWN_FILE_NAMES,
} from "../../core/content/index.ts";
import { conversationStateSchema } from "../../core/domain/conversation/index.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import { contactIdHash } from "../../core/infra/stores/contact.store.ts";
import {
  editMessage,
  ephemeralSetting,
  ephemeralText,
  imageMessage,
  revokeMessage,
  textMessage,
  viewOnceStub,
  voiceNote,
} from "../fakes/whatsapp-socket.ts";
import {
  atStep,
  completeDraft,
  VALID_NIK_FEMALE,
  VALID_NIK_MALE,
} from "../fixtures/conversation.builders.ts";
import { jpegFile } from "../fixtures/files.ts";
import { newTicket } from "../support/app.ts";
import {
  newLid,
  newPhoneJid,
  startWhatsappApp,
  textOf,
  type WhatsappApp,
} from "../support/whatsapp-app.ts";

let app: WhatsappApp;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const WELCOME = "Selamat datang di Helpdesk LPSE Kabupaten Landak";

beforeAll(async () => {
  app = await startWhatsappApp("wa-phones");
}, 60_000);
afterAll(() => app.stop());

/** The contacts that answer to any of these WhatsApp ids. */
function contactsOf(...jids: string[]) {
  const hashes = jids.map((jid) => contactIdHash(app.services.cipher, "WHATSAPP", jid));
  return app.runtime.db.prisma.contact.findMany({
    where: { channel: "WHATSAPP", externalIdHash: { in: hashes } },
  });
}

async function storedState(contactId: string) {
  const row = await app.runtime.db.prisma.conversation.findUniqueOrThrow({ where: { contactId } });
  return conversationStateSchema.parse(
    JSON.parse(
      app.services.cipher.openText(
        Buffer.from(row.stateEnc),
        bound("conversations.state_enc", row.contactId),
      ),
    ),
  );
}

/** Walks a new user from the menu to the NIK question. */
async function toNikStep(user: string) {
  await app.say(user, "halo");
  await app.say(user, "1");
  await app.say(user, "1");
  await app.say(user, "setuju");
  expect(await app.say(user, "Budi Santoso")).toContain(PROMPT_NIK.id.split("\n")[0]);
}

describe("messages sent while the bot was offline ('append')", () => {
  it("answers an offline batch in order, once, even when it is delivered again", async () => {
    const user = newPhoneJid();
    await app.reconnect(428, false);
    const batch = [
      textMessage({ from: user, text: "halo", offline: true, timestamp: nowSeconds() - 40 }),
      textMessage({ from: user, text: "1", offline: true, timestamp: nowSeconds() - 30 }),
    ];
    app.sock.open();
    app.sock.receiveOffline(batch);
    await app.wa.waitFor(() => textOf(app.sock.sentTo(user)).includes("Gagal unggah"));
    const replies = textOf(app.sock.sentTo(user));
    expect(replies).toContain(WELCOME);
    expect(replies).toContain("Gagal unggah dokumen penawaran");
    expect(replies.indexOf(WELCOME)).toBeLessThan(replies.indexOf("Gagal unggah"));

    // The same batch again (another reconnect): processed_messages stops a second answer.
    const sock = await app.reconnect();
    sock.receiveOffline(batch);
    const help = await app.say(user, "bantuan");
    expect(help).not.toContain(WELCOME);
    expect(sock.sentTo(user).filter((m) => m.text.includes(WELCOME))).toHaveLength(0);
  });

  it("still ignores what is older than the last time the socket was open, and our own sends", async () => {
    const user = newPhoneJid();
    await app.say(user, "halo");
    // Open until now: what was sent an hour ago was seen live (or is history).
    const sock = await app.reconnect();
    const old = textMessage({
      from: user,
      text: "menu",
      offline: true,
      timestamp: nowSeconds() - 3600,
    });
    const ours = textMessage({ from: user, fromMe: true, text: "dari HP kantor", offline: true });
    // A minute before the socket was last seen open: inside the margin for clock skew, answered.
    const skewed = textMessage({
      from: user,
      text: "bantuan",
      offline: true,
      timestamp: nowSeconds() - 60,
    });
    const before = sock.sentTo(user).length;
    sock.receiveOffline([old, ours, skewed]);
    const help = textOf(await app.repliesAfter(user, before));
    expect(help).toContain("Perintah");
    expect(app.handled.map((m) => m.messageId)).toContain(skewed.key.id);
    expect(app.handled.map((m) => m.messageId)).not.toContain(old.key.id);
    expect(app.handled.map((m) => m.messageId)).not.toContain(ours.key.id);
  });
});

describe("one stable identity per person (LID and number)", () => {
  it("LID first, number later (lid-mapping.update): the user mid-intake keeps the draft and is not greeted again", async () => {
    const lid = newLid();
    const pn = newPhoneJid();
    await app.say(lid, "halo", lid);
    expect(await app.say(lid, "1", lid)).toContain("Gagal unggah");
    app.sock.learnLid(lid, pn);
    await expect.poll(async () => (await contactsOf(pn)).length).toBe(1);
    // Now the chat is addressed by number: the same conversation goes on.
    const next = await app.say(pn, "1");
    expect(next).not.toContain(WELCOME);
    expect(next).toContain("persetujuan");
    expect(await contactsOf(lid, pn)).toHaveLength(1);
  });

  it("number first, then the LID alone, then the mapping: one contact, tickets and the newer conversation kept", async () => {
    const pn = newPhoneJid();
    const lid = newLid();
    await app.say(pn, "halo");
    // WhatsApp switches the chat to the LID before telling us whose it is.
    await app.say(lid, "halo", lid);
    await app.say(lid, "1", lid);
    const [lidContact] = await contactsOf(lid);
    const [pnContact] = await contactsOf(pn);
    expect(lidContact?.id).toBeDefined();
    expect(lidContact?.id).not.toBe(pnContact?.id);
    const ticket = await newTicket(app.runtime.db, new Date());
    await app.runtime.db.prisma.ticket.update({
      where: { id: ticket.ticketId },
      data: { contactId: lidContact?.id ?? "" },
    });
    // An agent's note on the LID's chat follows the person too (erasure finds it by contact).
    const note = await app.runtime.db.prisma.deskNote.create({
      data: {
        contactId: lidContact?.id ?? "",
        agentId: lidContact?.id ?? "",
        bodyEnc: Buffer.of(0),
      },
    });

    app.sock.learnLid(lid, pn);
    await expect.poll(async () => (await contactsOf(lid, pn)).length).toBe(1);
    const [merged] = await contactsOf(pn);
    expect(merged?.id).toBe(pnContact?.id);
    const moved = await app.runtime.db.prisma.ticket.findUniqueOrThrow({
      where: { id: ticket.ticketId },
    });
    expect(moved.contactId).toBe(merged?.id);
    expect(
      (await app.runtime.db.prisma.deskNote.findUniqueOrThrow({ where: { id: note.id } }))
        .contactId,
    ).toBe(merged?.id);
    const audit = await app.runtime.db.prisma.auditLog.count({
      where: { action: "contact.merge", contactId: merged?.id ?? "" },
    });
    expect(audit).toBe(1);
    // The LID's conversation was the newer one: the user picks up where they were.
    // (The ticket's own receipts may reach the chat meanwhile: wait for the answer.)
    const before = app.sock.sentTo(pn).length;
    app.sock.receive(textMessage({ from: pn, text: "1" }));
    await app.wa.waitFor(
      () => textOf(app.sock.sentTo(pn).slice(before)).includes("persetujuan"),
      15_000,
      "the consent question of the kept conversation",
    );
  });

  it("mapping learned between two messages: the LID-only message reaches the number's conversation", async () => {
    const pn = newPhoneJid();
    const lid = newLid();
    await app.say(pn, "halo");
    app.sock.learnLid(lid, pn);
    await expect
      .poll(() =>
        app.runtime.db.prisma.whatsappLidMapping.count({ where: { sessionId: "wa-phones" } }),
      )
      .toBeGreaterThan(0);
    const before = app.sock.sentTo(pn).length;
    app.sock.receive(textMessage({ from: lid, text: "1" }));
    const replies = textOf(await app.repliesAfter(pn, before));
    expect(replies).toContain("Gagal unggah");
    expect(app.sock.sentTo(lid)).toHaveLength(0);
    expect(await contactsOf(lid, pn)).toHaveLength(1);
  });

  it("LID first, number on a later message (remoteJidAlt): re-keyed, draft kept, replies go to the number", async () => {
    const lid = newLid();
    const pn = newPhoneJid();
    await app.say(lid, "halo", lid);
    await app.say(lid, "1", lid);
    const before = app.sock.sentTo(pn).length;
    app.sock.receive(textMessage({ from: lid, phoneJid: pn, text: "1" }));
    const replies = textOf(await app.repliesAfter(pn, before));
    expect(replies).not.toContain(WELCOME);
    expect(replies).toContain("persetujuan");
    expect(await contactsOf(lid, pn)).toHaveLength(1);
    // And a number-addressed chat that names the LID (sender_lid) is the same person.
    expect(await app.exchange(pn, textMessage({ from: pn, lid, text: "batal" }))).not.toHaveLength(
      0,
    );
    expect(await contactsOf(lid, pn)).toHaveLength(1);
  });
});

describe("view-once photos and voice notes", () => {
  it("answers a view-once stub (key.isViewOnce, no content) with the line to send a normal photo", async () => {
    const user = newPhoneJid();
    const replies = textOf(await app.exchange(user, viewOnceStub({ from: user })));
    expect(replies).toContain(VIEW_ONCE_REFUSED.id);
  });

  it("asks for a voice note as text", async () => {
    const user = newPhoneJid();
    await app.say(user, "halo");
    const replies = textOf(await app.exchange(user, voiceNote({ from: user })));
    expect(replies).toContain("pesan suara belum dapat kami dengarkan");
    expect(replies).toContain("sebagai pesan teks");
  });

  it("marks a handled message read and shows typing while the reply is made", async () => {
    const user = newPhoneJid();
    const message = textMessage({ from: user, text: "halo" });
    await app.exchange(user, message);
    await expect.poll(() => app.sock.read).toContain(message.key.id);
    expect(app.sock.presence).toContainEqual({ type: "composing", jid: user });
  });
});

describe("edits", () => {
  it('takes an edit of the latest message as the new answer: "1" edited to "2"', async () => {
    const other = newPhoneJid();
    await app.say(other, "halo");
    const expected = await app.say(other, "2");

    const user = newPhoneJid();
    await app.say(user, "halo");
    const one = textMessage({ from: user, text: "1" });
    expect(textOf(await app.exchange(user, one))).toContain("Gagal unggah");
    const edited = await app.exchange(
      user,
      editMessage({ from: user, target: one.key.id ?? "", text: "2" }),
    );
    expect(textOf(edited)).toBe(expected);
  });

  it("replaces a NIK with a typo by its edit (bare protocolMessage, as Baileys sends it)", async () => {
    const user = newPhoneJid();
    await toNikStep(user);
    const typo = textMessage({ from: user, text: VALID_NIK_FEMALE });
    expect(textOf(await app.exchange(user, typo))).toContain(PROMPT_ROLE.id);
    const fixed = editMessage({
      from: user,
      target: typo.key.id ?? "",
      text: VALID_NIK_MALE,
      wrapped: false,
    });
    expect(textOf(await app.exchange(user, fixed))).toContain(PROMPT_ROLE.id);
    const [contact] = await contactsOf(user);
    expect((await storedState(contact?.id ?? "")).draft?.nik).toBe(VALID_NIK_MALE);
  });

  it("says edits are not read for an older message, and keeps the answer", async () => {
    const user = newPhoneJid();
    await app.say(user, "halo");
    const first = textMessage({ from: user, text: "1" });
    await app.exchange(user, first);
    await app.say(user, "1");
    const replies = textOf(
      await app.exchange(user, editMessage({ from: user, target: first.key.id ?? "", text: "2" })),
    );
    expect(replies).toBe(EDIT_NOT_READ.id);
  });
});

describe("delete for everyone", () => {
  it("withdraws a KTP photo: marked, bytes gone, out of the draft, and the KTP is asked again", async () => {
    const user = newPhoneJid();
    await app.say(user, "halo");
    const [contact] = await contactsOf(user);
    const now = new Date().toISOString();
    // The user has answered everything up to the KTP photo.
    const state = atStep(
      "ktp",
      completeDraft({
        startedAt: now,
        consentAt: now,
        ktp: null,
        screenshots: [],
        screenshotsDone: false,
      }),
      { channel: "WHATSAPP", lastUserEventAt: now },
    );
    await app.runtime.db.prisma.conversation.update({
      where: { contactId: contact?.id ?? "" },
      data: {
        stateEnc: app.services.cipher.seal(
          JSON.stringify(state),
          bound("conversations.state_enc", contact?.id ?? ""),
        ),
        lastInputId: null,
      },
    });
    const photo = imageMessage({
      from: user,
      size: jpegFile().length,
      media: await app.mediaHost.upload(jpegFile(), "image"),
    });
    await app.exchange(user, photo);
    const ktp = (await storedState(contact?.id ?? "")).draft?.ktp;
    expect(ktp?.mediaId).toBeDefined();

    const replies = textOf(
      await app.exchange(user, revokeMessage({ from: user, target: photo.key.id ?? "" })),
    );
    expect(replies).toContain(draftFileWithdrawn(WITHDRAWN_FILE_NAMES.ktp).id);
    expect(replies).toContain("KTP");
    const row = await app.runtime.db.prisma.attachment.findUniqueOrThrow({
      where: { id: ktp?.mediaId ?? "" },
    });
    expect(row.withdrawnAt).not.toBeNull();
    expect(row.data).toBeNull();
    const after = await storedState(contact?.id ?? "");
    expect(after.draft?.ktp).toBeNull();
    expect(after.mode).toMatchObject({ type: "intake", step: "ktp" });
  });

  it("a withdrawn file already on a ticket is erased too, and the user may send a replacement", async () => {
    const user = newPhoneJid();
    await app.say(user, "halo");
    const [contact] = await contactsOf(user);
    const sourceMessageId = `KTP${Date.now()}`;
    const stored = await app.services.inbound.storeMedia({
      channel: "WHATSAPP",
      sender: { externalId: user },
      bytes: jpegFile(),
      sourceMessageId,
    });
    if (!stored.ok) throw new Error("not stored");
    const ticket = await newTicket(app.runtime.db, new Date());
    await app.runtime.db.prisma.ticket.update({
      where: { id: ticket.ticketId },
      data: { contactId: contact?.id ?? "" },
    });
    await app.runtime.db.prisma.attachment.update({
      where: { id: stored.mediaId },
      data: { ticketId: ticket.ticketId, kind: "KTP" },
    });
    const replies = textOf(
      await app.exchange(user, revokeMessage({ from: user, target: sourceMessageId })),
    );
    expect(replies).toBe(FILE_WITHDRAWN.id);
    const row = await app.runtime.db.prisma.attachment.findUniqueOrThrow({
      where: { id: stored.mediaId },
    });
    expect(row).toMatchObject({ ticketId: ticket.ticketId, data: null });
    expect(row.withdrawnAt).not.toBeNull();
  });
});

describe("replies in order", () => {
  it("a failed send is not overtaken by the next reply of the chat; other chats go on meanwhile", async () => {
    const other = newPhoneJid();
    await app.say(other, "halo");
    const expectedHelp = await app.say(other, "bantuan");

    const user = newPhoneJid();
    await app.say(user, "halo");
    const before = app.sock.sentTo(user).length;
    app.sock.failNextSends = 1;
    app.sock.receive(textMessage({ from: user, text: "bantuan" }));
    app.sock.receive(textMessage({ from: user, text: "menu" }));
    // While that chat waits for its retry, another chat is answered.
    const third = newPhoneJid();
    expect(await app.say(third, "halo")).toContain(WELCOME);
    await app.wa.waitFor(() => app.sock.sentTo(user).length >= before + 2, 20_000, "both replies");
    const [help, menu] = app.sock.sentTo(user).slice(before);
    expect(help?.text).toBe(expectedHelp);
    expect(menu?.text).toMatch(/\n1\. /u);
  });
});

describe("disappearing chats", () => {
  it("replies with the chat's timer, learned from contextInfo, until the user turns it off", async () => {
    const user = newPhoneJid();
    const week = 7 * 24 * 3600;
    const on = await app.exchange(
      user,
      ephemeralText({ from: user, text: "halo", expiration: week }),
    );
    expect(on.map((m) => m.expiration)).toEqual(on.map(() => week));
    app.sock.receive(ephemeralSetting({ from: user, expiration: 0 }));
    const off = await app.exchange(user, textMessage({ from: user, text: "bantuan" }));
    expect(off.map((m) => m.expiration)).toEqual(off.map(() => undefined));
  });
});

it("logs no phone number or LID", () => {
  const all = app.logLines.join("");
  expect(all).toContain('"component":"whatsapp"');
  expect(all).not.toMatch(/62812\d{7}/u);
});
