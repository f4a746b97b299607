// Issue 19 points 9 and 10, walked as an agent works the desk: the real app
// (PostgreSQL, Redis, workers, senders) with the Telegram channel against the
// local Bot API server, buttons pressed on the messages the bot really sent
// (callback queries carry that message), own words given as Telegram replies
// to the bot's ForceReply prompt.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureRequestForm } from "../../core/app/request-form.ts";
import type { TicketDraft } from "../../core/domain/conversation/index.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import { loadConversation } from "../../core/infra/stores/conversation.store.ts";
import { storeMedia } from "../../core/infra/stores/media.store.ts";
import { createTicket } from "../../core/infra/stores/ticket.store.ts";
import type { FakeUser, SentMessage } from "../fakes/bot-api-server.ts";
import { jpegFile, pngFile } from "../fixtures/files.ts";
import { capturingLogger, ticketDraft } from "../support/app.ts";
import { requestFormIn } from "../support/desk-app.ts";
import { type Journeys, startJourneys } from "./journeys.support.ts";

let j: Journeys;
const budi: FakeUser = { id: 1_100_000_000 + Math.floor(Math.random() * 1e8), firstName: "Budi" };
const vina: FakeUser = { id: 1_300_000_000 + Math.floor(Math.random() * 1e8), firstName: "Vina" };

beforeAll(async () => {
  j = await startJourneys("deskux", { desk: true });
  await j.agent(budi, "HELPDESK");
  await j.agent(vina, "VERIFIKATOR");
}, 60_000);
afterAll(async () => {
  await j?.close();
});

type Keyboard = { inline_keyboard?: { text: string }[][]; force_reply?: boolean };
const buttonsOf = (m: SentMessage) =>
  ((m.replyMarkup as Keyboard | undefined)?.inline_keyboard ?? []).flat().map((b) => b.text);

/** A Telegram citizen's filed ticket, routed: its topic has its card. */
async function ticketOf(
  user: FakeUser,
  draft: Partial<TicketDraft> = {},
  files: { screenshots?: number; form?: boolean } = {},
) {
  const prisma = j.runtime.db.prisma;
  const cipher = j.services.cipher;
  const contactId = await j.contactId("TELEGRAM", String(user.id));
  const contact = await prisma.contact.findUniqueOrThrow({ where: { id: contactId } });
  const attachments: TicketDraft["attachments"] = [];
  for (const [kind, bytes] of [
    ["KTP", jpegFile()] as const,
    ...Array.from({ length: files.screenshots ?? 0 }, () => ["SCREENSHOT", pngFile()] as const),
  ]) {
    const stored = await storeMedia(prisma, cipher, { contactId, bytes, maxBytes: 10_000_000 });
    if (!stored.ok) throw new Error("file not stored");
    attachments.push({ mediaId: stored.mediaId, kind });
  }
  const at = new Date();
  const created = await prisma.$transaction((tx) =>
    createTicket(
      tx,
      cipher,
      contact,
      ticketDraft(at, {
        category: "LUPA_PASSWORD",
        description: "Tidak bisa masuk SPSE, lupa password.",
        attachments,
        ...draft,
      }),
      at,
    ),
  );
  const ticket = await prisma.ticket.findUniqueOrThrow({ where: { number: created.number } });
  if (files.form) {
    const { logger } = capturingLogger();
    await ensureRequestForm(
      { prisma, cipher, queueFor: j.services.queueFor, logger, documents: j.services.documents },
      ticket.id,
    );
  }
  await j.services.workflow.routeTicket(ticket.id);
  const topic = await j.fake.waitFor(
    () => j.fake.topics.find((t) => t.name.startsWith(ticket.number)),
    15_000,
    "the ticket's topic",
  );
  const card = await j.groupWait(topic.threadId, "Permasalahan");
  // The request form follows (rendered after routing when not made before).
  await requestFormIn(j.fake, topic.threadId);
  return { ticket, topic, card, contactId };
}

const statusOf = async (ticketId: string) =>
  (await j.runtime.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).status;
const reaches = (ticketId: string, status: string) =>
  j.until(async () => (await statusOf(ticketId)) === status, `the ticket ${status}`);
/** The citizen's conversation learns the status from its own job, a moment after. */
const conversationKnows = (contactId: string, status: string) =>
  j.until(
    async () =>
      (await loadConversation(j.runtime.db.prisma, j.services.cipher, contactId)).state?.openTicket
        ?.status === status,
    `the conversation to know ${status}`,
  );
/** The newest message in the topic containing `part`, once there is one after `from`. */
const nextInTopic = (threadId: number, part: string, from: number) =>
  j.fake.waitFor(
    () =>
      j
        .inGroup(threadId)
        .slice(from)
        .find((m) => j.plain(m).includes(part)),
    15_000,
    `"${part}" in the topic`,
  );

/** The toast shown for the callback query of update `updateId`, once it is answered. */
async function toastOf(updateId: number) {
  const id = j.fake.injected.find((u) => u.update_id === updateId)?.callback_query?.id ?? "";
  await j.fake.waitFor(() => j.fake.callbackToasts.has(id), 15_000, "the callback answered");
  return j.fake.callbackToasts.get(id);
}

describe("point 9: what an agent reads", () => {
  it("confirms an internal note, keeps it sealed and shows it in the ticket's history", async () => {
    const user = j.person();
    const { ticket, topic } = await ticketOf(user);
    const from = j.inGroup(topic.threadId).length;
    j.fake.groupText(budi, j.group, topic.threadId, "/ambil");
    await reaches(ticket.id, "DITERIMA");
    j.fake.groupText(budi, j.group, topic.threadId, "// akun lama terkunci 3x, cek log SPSE");
    await nextInTopic(topic.threadId, "Catatan internal disimpan", from);

    const prisma = j.runtime.db.prisma;
    const note = await prisma.deskNote.findFirstOrThrow({ where: { ticketId: ticket.id } });
    // Sealed at rest, bound to its row; the audit holds its id, not its words.
    expect(Buffer.from(note.bodyEnc).includes(Buffer.from("terkunci"))).toBe(false);
    expect(
      j.services.cipher.openText(Buffer.from(note.bodyEnc), bound("desk_notes.body_enc", note.id)),
    ).toBe("akun lama terkunci 3x, cek log SPSE");
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { ticketId: ticket.id, action: "note.add" },
    });
    expect(audit.detail).toMatchObject({ noteId: note.id });
    expect(JSON.stringify(audit.detail)).not.toContain("terkunci");

    j.fake.groupText(vina, j.group, topic.threadId, "/riwayat");
    const history = j.plain(await nextInTopic(topic.threadId, "Riwayat tiket", from));
    expect(history).toContain(`Riwayat tiket ${ticket.number}`);
    expect(history).toContain("🧭 Diarahkan ke tim Helpdesk, prioritas Normal · sistem");
    expect(history).toContain("Baru → Diterima · Budi");
    expect(history).toContain("📝 Budi: akun lama terkunci 3x, cek log SPSE");
    // The card's 🕘 Riwayat shows the same.
    j.fake.press(vina, await j.groupWait(topic.threadId, "Permasalahan"), "🕘 Riwayat");
    await j.fake.waitFor(
      () =>
        j.inGroup(topic.threadId).filter((m) => j.plain(m).includes("📝 Budi: akun lama terkunci"))
          .length === 2,
      15_000,
      "the history again",
    );
    // Never the user's to read.
    expect(j.sentTo(user).map(j.plain).join("\n")).not.toContain("terkunci");
  });

  it("names categories, teams, stages and files in Bahasa Indonesia", async () => {
    const user = j.person();
    const { ticket, topic, card } = await ticketOf(
      user,
      { category: "GAGAL_UNGGAH_PENAWARAN", tenderCode: "10012345" },
      { screenshots: 2, form: true },
    );
    const digest = j.plain(await j.groupWait(undefined, `Tiket baru ${ticket.number}`));
    // No bid deadline given: the rule's base priority.
    expect(digest).toBe(
      `🆕 Tiket baru ${ticket.number} · Gagal unggah dokumen penawaran · prioritas Normal · tim Admin LPSE`,
    );
    expect(digest).not.toContain("GAGAL_UNGGAH_PENAWARAN");
    const text = j.plain(card);
    expect(text).toContain("Tim: Admin LPSE");
    expect(text).toContain("Batas waktu tahap Pemeriksaan Helpdesk:");
    expect(text).not.toMatch(/Tim: ADMIN|tahap HELPDESK/u);
    expect(text).toContain("Dokumen: KTP, Tangkapan layar ×2, Formulir permohonan");
    const files = await j.fake.waitFor(
      () => {
        const posted = j.fake.documents.filter((d) => d.threadId === topic.threadId);
        return posted.length >= 3 ? posted : undefined;
      },
      15_000,
      "the ticket's files in its topic",
    );
    expect(files.map((f) => [f.caption, f.fileName])).toEqual([
      ["Tangkapan layar 1", "tangkapan-layar-1.png"],
      ["Tangkapan layar 2", "tangkapan-layar-2.png"],
      ["Formulir permohonan", "formulir-permohonan.pdf"],
    ]);
  });

  it("refuses a step with the commands the agent can type, not step codes", async () => {
    const { ticket, topic } = await ticketOf(j.person());
    const from = j.inGroup(topic.threadId).length;
    j.fake.groupText(budi, j.group, topic.threadId, "/proses");
    const refusal = j.plain(await nextInTopic(topic.threadId, "Tidak dapat", from));
    expect(refusal).toBe(
      "Tidak dapat memproses tiket: tiket berstatus Baru. Perintah yang dapat dipakai: /ambil, /tolak.",
    );
    expect(await statusOf(ticket.id)).toBe("BARU");
  });
});

describe("point 10: fewer taps", () => {
  it("asks for a document by button; the user's photo is announced and offers ▶️ Lanjut", async () => {
    const user = j.person();
    const { ticket, topic, card, contactId } = await ticketOf(user);
    j.fake.press(budi, card, "🙋 Ambil");
    await reaches(ticket.id, "DITERIMA");
    await conversationKnows(contactId, "DITERIMA");

    let from = j.inGroup(topic.threadId).length;
    j.fake.press(budi, card, "📎 Minta dokumen");
    const ask = await nextInTopic(topic.threadId, "Apa yang perlu dikirim pengguna", from);
    expect(buttonsOf(ask)).toEqual(
      expect.arrayContaining(["Foto KTP yang jelas", "✍️ Tulis sendiri", "✖️ Batal"]),
    );
    const asked = structuredClone(ask);
    j.fake.press(budi, ask, "Foto KTP yang jelas");
    await reaches(ticket.id, "MENUNGGU_PENGGUNA");
    // The user is told exactly what to send, by the same workflow as /minta.
    await j.tgWait(user, "foto KTP yang jelas, seluruh sisi terbaca");
    // The question is settled: its buttons are gone, it says who chose what.
    await j.fake.waitFor(() => buttonsOf(ask).length === 0, 15_000, "the buttons removed");
    expect(j.plain(ask)).toBe("☑️ Foto KTP yang jelas — dipilih oleh Budi (helpdesk).");
    // A second press on the old buttons (another agent, a slow client) changes nothing.
    // It is told in a toast to the presser only: no message spent on the group's budget.
    await nextInTopic(topic.threadId, "Status: Diterima → Menunggu", from);
    const groupMessages = j.inGroup(topic.threadId).length;
    const stale = toastOf(j.fake.press(vina, asked, "Foto KTP yang jelas"));
    expect(await stale).toMatch(/^Pilihan ini sudah tidak berlaku/u);
    expect(j.inGroup(topic.threadId)).toHaveLength(groupMessages);
    const audit = await j.runtime.db.prisma.auditLog.count({
      where: { ticketId: ticket.id, action: "ticket.request_user_info" },
    });
    expect(audit).toBe(1);

    await conversationKnows(contactId, "MENUNGGU_PENGGUNA");
    from = j.inGroup(topic.threadId).length;
    const earlier = j.fake.documents.length;
    j.fake.photo(user, jpegFile(6000));
    const photo = await j.fake.waitFor(
      () => j.fake.documents.slice(earlier).find((d) => d.threadId === topic.threadId && d.caption),
      15_000,
      "the photo in the topic",
    );
    expect(photo.caption).toBe("👤 Pengguna mengirim foto.");
    const offer = await nextInTopic(topic.threadId, "Pengguna sudah mengirim balasan", from);
    expect(j.plain(offer)).toContain('atas permintaan: "foto KTP yang jelas');
    expect(buttonsOf(offer)).toEqual(["▶️ Lanjut"]);
    // Offered once per request, however much the user sends.
    j.fake.text(user, "Sudah saya kirim ya");
    await nextInTopic(topic.threadId, "Sudah saya kirim ya", from);
    await new Promise((r) => setTimeout(r, 1000));
    const offers = j
      .inGroup(topic.threadId)
      .filter((m) => j.plain(m).includes("Pengguna sudah mengirim balasan"));
    expect(offers).toHaveLength(1);
    j.fake.press(budi, offer, "▶️ Lanjut");
    await reaches(ticket.id, "DITERIMA");
    await j.fake.waitFor(() => buttonsOf(offer).length === 0, 15_000, "the offer settled");
    expect(j.plain(offer)).toBe("☑️ ▶️ Lanjut — dipilih oleh Budi (helpdesk).");
  });

  it("resolves with the agent's own words given as a reply to the ForceReply prompt, then closes", async () => {
    const user = j.person();
    const { ticket, topic, card } = await ticketOf(user);
    j.fake.press(budi, card, "🙋 Ambil");
    await reaches(ticket.id, "DITERIMA");
    const from = j.inGroup(topic.threadId).length;
    j.fake.press(budi, card, "✅ Selesai");
    const ask = await nextInTopic(topic.threadId, "Catatan penyelesaian tiket", from);
    j.fake.press(budi, ask, "✍️ Tulis sendiri");
    const prompt = await nextInTopic(topic.threadId, "sebagai balasan pesan ini", from);
    expect(prompt.replyMarkup).toMatchObject({ force_reply: true, selective: true });
    // Selective: the prompt names the agent who pressed, so only their client opens the reply.
    expect(prompt.text).toContain(`<a href="tg://user?id=${budi.id}">Budi</a>`);

    j.fake.groupReply(budi, prompt, "Akun sudah kami aktifkan kembali, silakan masuk.");
    await reaches(ticket.id, "SELESAI");
    const told = await j.tgWait(user, "Akun sudah kami aktifkan kembali");
    // Only through the workflow's notice: the words were not relayed as a chat reply too.
    expect(j.plain(told)).not.toContain("— Petugas Helpdesk LPSE Landak");
    expect(
      j.sentTo(user).filter((m) => j.plain(m).includes("Akun sudah kami aktifkan kembali")),
    ).toHaveLength(1);
    // Replying to the used prompt again sends nothing anywhere.
    j.fake.groupReply(budi, prompt, "Akun sudah kami aktifkan kembali (2)");
    await nextInTopic(topic.threadId, "sudah tidak berlaku", from);

    // A Telegram reply to any other message of the bot is an ordinary answer to the user.
    j.fake.groupReply(budi, card, "Terima kasih, Ibu Siti.");
    const signed = await j.tgWait(user, "Terima kasih, Ibu Siti.");
    expect(j.plain(signed)).toContain("— Petugas Helpdesk LPSE Landak");

    j.fake.press(budi, card, "📁 Tutup");
    await reaches(ticket.id, "DITUTUP");
    // The same audit as the typed commands (written just after the status change).
    const actions = await j.until(async () => {
      const rows = await j.runtime.db.prisma.auditLog.findMany({
        where: { ticketId: ticket.id, actorType: "AGENT" },
        select: { action: true },
      });
      const names = rows.map((a) => a.action);
      return names.includes("ticket.close") ? names : undefined;
    }, "the close in the audit");
    expect(actions).toEqual(
      expect.arrayContaining(["ticket.claim", "ticket.resolve", "ticket.close"]),
    );
  });

  it("rejects with a common reason, forwards by picking the team", async () => {
    const rejected = j.person();
    const first = await ticketOf(rejected);
    let from = j.inGroup(first.topic.threadId).length;
    j.fake.press(budi, first.card, "⛔ Tolak");
    const reasons = await nextInTopic(first.topic.threadId, "Alasan menolak tiket", from);
    j.fake.press(budi, reasons, "Permohonan ganda");
    await reaches(first.ticket.id, "DITOLAK");
    await j.tgWait(rejected, "Permohonan ganda: permasalahan yang sama sudah ditangani");

    const second = await ticketOf(j.person());
    j.fake.press(budi, second.card, "🙋 Ambil");
    await reaches(second.ticket.id, "DITERIMA");
    from = j.inGroup(second.topic.threadId).length;
    j.fake.press(budi, second.card, "➡️ Teruskan");
    const teams = await nextInTopic(second.topic.threadId, "ke tim mana", from);
    expect(buttonsOf(teams)).toEqual(["Verifikator", "Admin LPSE", "Bidang", "Analis", "✖️ Batal"]);
    // Forwarding a checked ticket is the front desk's: a verifier's press is
    // refused with the reason, and the question stays open for the desk.
    const picker = structuredClone(teams);
    j.fake.press(vina, picker, "Verifikator");
    await nextInTopic(second.topic.threadId, "tidak berwenang meneruskan tiket ke tim", from);
    expect(await statusOf(second.ticket.id)).toBe("DITERIMA");
    expect(buttonsOf(teams)).toContain("Verifikator");
    j.fake.press(budi, picker, "Verifikator");
    await reaches(second.ticket.id, "DITERUSKAN");
    const forwarded = await j.runtime.db.prisma.ticket.findUniqueOrThrow({
      where: { id: second.ticket.id },
    });
    expect(forwarded.team).toBe("VERIFIKATOR");
    // The picked team's agent carries on with the card's buttons.
    j.fake.press(vina, second.card, "⚙️ Proses");
    await reaches(second.ticket.id, "DIPROSES");
  });
});
