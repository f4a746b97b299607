// Issue 19, points 1-5, walked as citizens do: on Telegram through the real
// grammY client against the local Bot API server, and on WhatsApp through
// the fake socket, with an agents group whose agents answer in forum topics.
// The office is closed this week (calendar around the real now), so every
// promise names the next opening; the hand-off's check is the real delayed
// job, promoted instead of waited for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spokenDate, spokenDateTime } from "../../core/content/index.ts";
import { loadConversation } from "../../core/infra/stores/conversation.store.ts";
import type { FakeUser } from "../fakes/bot-api-server.ts";
import { htmlParseError } from "../fakes/bot-api-server.ts";
import { wibParts } from "../support/clock.ts";
import { type Journeys, startJourneys } from "./journeys.support.ts";

let j: Journeys;
let helpdesk: FakeUser;
let analyst: FakeUser;

const INDONESIAN_NAMES = /Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Desember|Januari|pukul|Bapak/u;
const buttonsOf = (markup: unknown) =>
  [
    ...((markup as { inline_keyboard?: { text: string; callback_data?: string }[][] })
      ?.inline_keyboard ?? []),
    ...((markup as { keyboard?: { text: string; request_contact?: boolean }[][] })?.keyboard ?? []),
  ].flat();

beforeAll(async () => {
  j = await startJourneys("journeys", { desk: true });
  helpdesk = j.person("Budi");
  analyst = j.person("Ana");
  await j.agent(helpdesk, "HELPDESK");
  await j.agent(analyst, "ANALIS");
}, 60_000);

afterAll(async () => {
  await j?.close();
});

/** A Telegram user past the welcome. */
async function tgUser(): Promise<FakeUser> {
  const user = j.person();
  j.fake.text(user, "/start");
  await j.tgWait(user, "Selamat datang");
  return user;
}

/** The forum topic the desk opened for a contact's chat with an agent. */
async function chatTopic(contactId: string) {
  return j.until(
    () => j.runtime.db.prisma.deskTopic.findFirst({ where: { contactId, kind: "CHAT" } }),
    "the chat topic",
  );
}

/** A WhatsApp user past the welcome. */
async function waUser(): Promise<string> {
  const jid = j.jid();
  j.waSay(jid, "halo");
  await j.waWait(jid, "Selamat datang");
  return jid;
}

describe("1. after 'petugas' the user never writes into silence", () => {
  it("Telegram: who answers when, a receipt, 'bahasa' works, 'menu' leaves and the topic hears it", async () => {
    const user = await tgUser();
    const opens = spokenDateTime(j.opensAt.toISOString());
    j.fake.text(user, "petugas");
    const started = await j.tgWait(user, "telah kami teruskan");
    expect(j.plain(started)).toContain(`di luar jam layanan`);
    expect(j.plain(started)).toContain(`Petugas akan membalas mulai ${opens.id}.`);
    const topic = await chatTopic(await j.contactId("TELEGRAM", String(user.id)));

    const before = j.sentTo(user).length;
    j.fake.text(user, "halo? ada orang?");
    await j.groupWait(topic.threadId, "halo? ada orang?");
    const receipt = await j.tgWait(user, "sudah kami teruskan kepada petugas", before);
    expect(j.plain(receipt)).toContain(`mulai ${opens.id}`);
    // Bold in Telegram's own markup, never markdown asterisks (point 5).
    expect(receipt.text).toContain("Ketik <b>menu</b> bila ingin kembali");
    expect(j.plain(receipt)).not.toContain("*");

    j.fake.text(user, "saya tunggu");
    await j.groupWait(topic.threadId, "saya tunggu");
    j.fake.text(user, "bahasa");
    await j.tgWait(user, "Language changed to English.", before);
    expect(j.plain(await j.tgWait(user, "still connected", before))).toContain("Type menu");
    expect(j.inGroup(topic.threadId).some((m) => j.plain(m).includes("bahasa"))).toBe(false);
    // One receipt only: "saya tunggu" came a moment after the first.
    expect(
      j
        .sentTo(user)
        .slice(before)
        .filter(
          (m) => j.plain(m).includes("passed on") || j.plain(m).includes("sudah kami teruskan"),
        ),
    ).toHaveLength(1);

    j.fake.text(user, "menu");
    await j.tgWait(user, "ended the conversation with our staff", before);
    await j.tgWait(user, "Main menu", before);
    await j.groupWait(
      topic.threadId,
      'Pengguna keluar dari obrolan dengan petugas (mengetik "menu")',
    );
    // The chat topic is closed right after the line is posted.
    await j.until(
      async () =>
        (await j.runtime.db.prisma.deskTopic.findFirstOrThrow({ where: { id: topic.id } })).open ===
        false,
      "the chat topic closed",
    );
    // With the bot again: the next message gets the bot's answer, not the topic.
    j.fake.text(user, "status");
    await j.tgWait(user, "Please send your ticket number", before);
  });

  it("Telegram: no agent in the service time: the bot says so, and the user files a ticket instead", async () => {
    const user = await tgUser();
    j.fake.text(user, "petugas");
    await j.tgWait(user, "telah kami teruskan");
    const contactId = await j.contactId("TELEGRAM", String(user.id));
    await j.promoteHandoffCheck(contactId);
    const offer = await j.tgWait(
      user,
      "belum ada petugas yang membalas dalam waktu layanan (15 menit kerja)",
    );
    const buttons = buttonsOf(offer.replyMarkup);
    expect(buttons.map((b) => b.text)).toEqual([
      "Ajukan permohonan (tiket)",
      "Tetap menunggu petugas",
    ]);
    j.fake.callback(user, "handoff.ticket");
    await j.tgWait(user, "Silakan pilih kategori");
    const topic = await chatTopic(contactId);
    await j.groupWait(
      topic.threadId,
      "memilih mengajukan tiket karena belum ada petugas yang membalas",
    );
    const state = await loadConversation(j.runtime.db.prisma, j.services.cipher, contactId);
    expect(state.state?.mode).toMatchObject({ type: "intake", step: "category" });
  });

  it("Telegram: an agent answered in time: the check finds it and says nothing", async () => {
    const user = await tgUser();
    j.fake.text(user, "petugas");
    await j.tgWait(user, "telah kami teruskan");
    const contactId = await j.contactId("TELEGRAM", String(user.id));
    const topic = await chatTopic(contactId);
    j.fake.groupText(helpdesk, j.group, topic.threadId, "Selamat siang, ada yang bisa kami bantu?");
    await j.tgWait(user, "ada yang bisa kami bantu?");
    const job = await j.promoteHandoffCheck(contactId);
    await j.until(async () => (await job.getState()) === "completed", "the check done");
    expect(j.sentTo(user).some((m) => j.plain(m).includes("belum ada petugas"))).toBe(false);
  });

  it("WhatsApp: who answers when, a receipt, the offer as a numbered list, '1' files a ticket", async () => {
    const jid = await waUser();
    j.waSay(jid, "petugas");
    const started = await j.waWait(jid, "telah kami teruskan");
    expect(started).toContain(
      `Petugas akan membalas mulai ${spokenDateTime(j.opensAt.toISOString()).id}.`,
    );
    expect(started).toContain("Ketik *menu* bila ingin kembali");
    const before = j.waSent(jid).length;
    j.waSay(jid, "halo?");
    await j.waWait(jid, "sudah kami teruskan kepada petugas", before);
    await j.promoteHandoffCheck(await j.contactId("WHATSAPP", jid));
    const offer = await j.waWait(jid, "belum ada petugas yang membalas");
    expect(offer).toContain("\n1. Ajukan permohonan (tiket)\n2. Tetap menunggu petugas");
    j.waSay(jid, "1");
    await j.waWait(jid, "Silakan pilih kategori");
  });
});

describe("2. texts name what each channel shows", () => {
  it("Telegram: the menu entry by its button's words, the contact button by its own", async () => {
    const user = await tgUser();
    j.fake.callback(user, "menu.info");
    const info = await j.tgWait(user, "Melalui bot ini");
    expect(j.plain(info)).toContain(
      "permohonan dapat diajukan langsung dengan memilih Ajukan permohonan penanganan masalah.",
    );
    expect(buttonsOf(info.replyMarkup).map((b) => b.text)).toContain(
      "Ajukan permohonan penanganan masalah",
    );
    expect(j.plain(info)).not.toMatch(/menu 1|pilih 1/u);

    // Through the intake to the phone question, each answer awaited after the last.
    const answer = async (send: () => void, next: string) => {
      const from = j.sentTo(user).length;
      send();
      return j.tgWait(user, next, from);
    };
    await answer(() => j.fake.callback(user, "menu.apply"), "Silakan pilih kategori");
    await answer(() => j.fake.callback(user, "category.LUPA_PASSWORD"), "setuju");
    await answer(() => j.fake.callback(user, "consent.agree"), "nama lengkap");
    await answer(() => j.fake.text(user, "Budi Santoso"), "NIK");
    await answer(() => j.fake.text(user, "6171011508900001"), "peran");
    await answer(() => j.fake.callback(user, "role.PENYEDIA"), "perusahaan");
    await answer(() => j.fake.text(user, "CV Maju Bersama"), "e-mail");
    const phone = await answer(() => j.fake.text(user, "budi@majubersama.co.id"), "nomor HP");
    expect(j.plain(phone)).toContain(
      "dengan menekan tombol Kirim nomor HP saya / Share my number di bawah",
    );
    expect(buttonsOf(phone.replyMarkup)).toContainEqual({
      text: "Kirim nomor HP saya / Share my number",
      request_contact: true,
    });
    expect(j.plain(phone)).not.toContain("Bagikan kontak");

    const count = j.sentTo(user).length;
    j.fake.text(user, "menu");
    const menu = await j.tgWait(user, "belum selesai", count);
    expect(j.plain(menu)).toContain(
      "Pilih Ajukan permohonan penanganan masalah untuk melanjutkannya.",
    );
    expect(buttonsOf(menu.replyMarkup).map((b) => b.text)).toContain(
      "Ajukan permohonan penanganan masalah",
    );
  });

  it("WhatsApp: the same entry by the number typed for it", async () => {
    const jid = await waUser();
    j.waSay(jid, "3");
    const info = await j.waWait(jid, "Melalui bot ini");
    expect(info).toContain("dengan memilih *1*.");
    expect(info).toContain("\n1. Ajukan permohonan penanganan masalah");
  });
});

describe("3. a complaint has a number, a handler, a date, a status and an answer", () => {
  it("Telegram: filed, alerted, checked, answered (escaped), closed once", async () => {
    const user = await tgUser();
    j.fake.callback(user, "menu.complaint");
    await j.tgWait(user, "Pengaduan layanan");
    const sentAt = new Date();
    j.fake.text(user, "Petugas tidak membalas pesan saya selama dua hari.");
    const filed = await j.tgWait(user, "Pengaduan Bapak/Ibu telah kami terima");
    const number = /ADU-\d{4}-\d{5}/u.exec(j.plain(filed))?.[0] ?? "";
    // The WIB year it was filed in (either side of New Year if the test ran across it).
    const years = new Set([wibParts(sentAt).year, wibParts(new Date()).year]);
    expect(years).toContain(Number(number.slice(4, 8)));
    const row = await j.runtime.db.prisma.complaint.findUniqueOrThrow({ where: { number } });
    expect(j.plain(filed)).toContain("ditangani oleh Analis Pelayanan LPSE Kabupaten Landak");
    expect(j.plain(filed)).toContain(
      `paling lambat ${spokenDate(row.dueAt?.toISOString() ?? "").id} (5 hari kerja)`,
    );
    expect(filed.text).toContain(`<b>${number}</b>`);
    const alert = await j.groupWait(undefined, `Pengaduan layanan baru ${number}`);
    expect(j.plain(alert)).toContain(`/tanggapi ${number}`);

    const count = j.sentTo(user).length;
    j.fake.text(user, `status ${number}`);
    const status = await j.tgWait(user, `Status pengaduan ${number}`, count);
    expect(j.plain(status)).toContain("Diterima, sedang ditelaah oleh Analis Pelayanan");

    j.fake.groupText(analyst, j.group, undefined, `/aduan ${number}`);
    const shown = await j.groupWait(undefined, `${number} · Baru`);
    expect(j.plain(shown)).toContain('Isi: "Petugas tidak membalas pesan saya selama dua hari."');
    j.fake.groupText(helpdesk, j.group, undefined, `/tanggapi ${number} coba`);
    await j.groupWait(undefined, "untuk peran ANALIS atau SUPERVISOR");
    j.fake.groupText(
      analyst,
      j.group,
      undefined,
      `/tanggapi ${number} Mohon maaf, <petugas> & tim sudah kami tegur.`,
    );
    await j.groupWait(undefined, `Tanggapan untuk ${number} telah dikirim`);
    const answer = await j.tgWait(user, `Tanggapan atas pengaduan ${number}`);
    expect(htmlParseError(answer.text)).toBeNull();
    expect(j.plain(answer)).toContain("Mohon maaf, <petugas> & tim sudah kami tegur.");
    expect(j.plain(answer)).toContain("masih kami tindak lanjuti");

    const again = j.sentTo(user).length;
    j.fake.text(user, `status ${number}`);
    const answered = await j.tgWait(user, `Status pengaduan ${number}`, again);
    expect(j.plain(answered)).toContain("Sudah ditanggapi");
    expect(j.plain(answered)).toContain("Tanggapan: Mohon maaf, <petugas> & tim sudah kami tegur.");

    j.fake.groupText(
      analyst,
      j.group,
      undefined,
      `/aduanselesai ${number} Prosedur balasan sudah diperbaiki.`,
    );
    await j.tgWait(user, "Pengaduan ini kami nyatakan selesai");
    j.fake.groupText(analyst, j.group, undefined, `/aduanselesai ${number} lagi`);
    await j.groupWait(undefined, `Pengaduan ${number} sudah selesai`);
    const closed = await j.runtime.db.prisma.complaint.findUniqueOrThrow({ where: { number } });
    expect(closed.status).toBe("SELESAI");
    expect(closed.outcomeEnc).not.toBeNull();
    expect(Buffer.from(closed.outcomeEnc ?? []).includes(Buffer.from("Prosedur balasan"))).toBe(
      false,
    );
    const audit = await j.runtime.db.prisma.auditLog.findMany({
      where: { contactId: row.contactId, action: { startsWith: "complaint." } },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "complaint.view",
      "complaint.answer",
      "complaint.close",
    ]);
  });

  it("WhatsApp: filed with its number, and checked", async () => {
    const jid = await waUser();
    j.waSay(jid, "4");
    await j.waWait(jid, "Pengaduan layanan");
    j.waSay(jid, "Antrean di kantor terlalu lama dan tidak ada nomor antrean.");
    const filed = await j.waWait(jid, "Pengaduan Bapak/Ibu telah kami terima");
    const number = /ADU-\d{4}-\d{5}/u.exec(filed)?.[0] ?? "";
    expect(filed).toContain(`*${number}*`);
    const count = j.waSent(jid).length;
    j.waSay(jid, `status ${number}`);
    expect(await j.waWait(jid, `Status pengaduan *${number}*`, count)).toContain("Diterima");
  });
});

describe("4. English is all English", () => {
  it("Telegram: service hours and the next opening in English", async () => {
    const user = await tgUser();
    j.fake.text(user, "english");
    await j.tgWait(user, "Language changed to English.");
    j.fake.callback(user, "menu.info");
    const info = await j.tgWait(user, "Service hours:");
    expect(j.plain(info)).toContain("Service hours: Monday–Friday 07:30–16:00 WIB");
    expect(j.plain(info)).not.toMatch(/Senin|Jumat|07\.30/u);
    j.fake.text(user, "agent");
    const started = await j.tgWait(user, "A staff member will answer from");
    expect(j.plain(started)).toContain(spokenDateTime(j.opensAt.toISOString()).en);
    expect(j.plain(started)).not.toMatch(INDONESIAN_NAMES);
  });
});

describe("5. one formatting model, each channel's markup", () => {
  it("Telegram: bullets and bold in HTML; WhatsApp: '- ' and *bold*", async () => {
    const user = await tgUser();
    j.fake.text(user, "bantuan");
    const help = await j.tgWait(user, "Perintah yang dapat diketik");
    expect(j.plain(help)).toContain('\n• "menu": kembali ke menu utama');
    j.fake.text(user, "data saya");
    const mine = await j.tgWait(user, "Data pribadi Bapak/Ibu yang kami simpan");
    expect(mine.text).toContain("<b>Kontak</b>");
    expect(j.plain(mine)).not.toMatch(/\*\S/u);

    const jid = await waUser();
    j.waSay(jid, "bantuan");
    expect(await j.waWait(jid, "Perintah yang dapat diketik")).toContain(
      '\n- "menu": kembali ke menu utama',
    );
    j.waSay(jid, "data saya");
    expect(await j.waWait(jid, "Data pribadi Bapak/Ibu")).toContain("*Kontak*");
  });
});
