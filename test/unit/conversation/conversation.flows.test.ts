import { describe, expect, it } from "vitest";
import { VIEW_ONCE_REFUSED } from "../../../core/content/index.ts";
import { type Effect, initialState } from "../../../core/domain/conversation/index.ts";
import {
  ChatDriver,
  choiceIds,
  completeDraft,
  effectTypes,
  emptyTestDraft,
  type StateOptions,
} from "../../fixtures/conversation.builders.ts";

const atSummary = (options: StateOptions = {}) =>
  new ChatDriver({ mode: { type: "summary", failures: 0 }, draft: completeDraft(), ...options });

const discarded = (effects: readonly Effect[]) =>
  effects.flatMap((effect) => (effect.type === "discardMedia" ? effect.mediaIds : []));

describe("three failed answers offer a human", () => {
  const failThreeTimes = () => {
    const chat = new ChatDriver({
      mode: { type: "intake", step: "nik", failures: 0, editing: false },
      draft: completeDraft({ nik: null }),
    });
    chat.text("123");
    expect(chat.state.mode).toMatchObject({ step: "nik", failures: 1 });
    expect(chat.reply).not.toContain("petugas");
    chat.text("1234");
    expect(chat.state.mode).toMatchObject({ step: "nik", failures: 2 });
    chat.text("12345");
    return chat;
  };

  it("corrects the third time too, then offers a staff member", () => {
    const chat = failThreeTimes();
    expect(chat.state.mode).toEqual({
      type: "humanOffer",
      returnTo: { type: "intake", step: "nik", failures: 0, editing: false },
    });
    expect(chat.reply).toContain("berisi 5 angka");
    expect(chat.reply).toContain("Apakah Bapak/Ibu ingin dibantu petugas Helpdesk?");
    expect(choiceIds(chat.lastEffects)).toEqual(["offer.agent", "offer.retry", "offer.menu"]);
  });

  it.each([
    ["1", "withAgent"],
    ["ya", "withAgent"],
    ["coba lagi", "intake"],
    ["3", "menu"],
  ])("%j leads to %s", (answer, mode) => {
    const chat = failThreeTimes();
    chat.text(answer);
    expect(chat.mode).toBe(mode);
  });

  it("hands off with reason repeatedFailures", () => {
    const chat = failThreeTimes();
    chat.choose("offer.agent");
    expect(chat.lastEffects[0]).toMatchObject({
      type: "handOff",
      reason: "repeatedFailures",
      context: "humanOffer>intake:nik",
    });
  });

  it("accepts a correct answer typed instead of choosing", () => {
    const chat = failThreeTimes();
    chat.text("6171011508900001");
    expect(chat.state.draft?.nik).toBe("6171011508900001");
    expect(chat.mode).toBe("summary");
  });

  it("takes a free-text answer that happens to contain the offer's words as an answer", () => {
    const chat = new ChatDriver({
      mode: {
        type: "humanOffer",
        returnTo: { type: "intake", step: "description", failures: 0, editing: false },
      },
      draft: completeDraft({ description: null }),
    });
    chat.text("Sudah coba lagi berkali-kali tapi upload dokumen tetap gagal.");
    expect(chat.state.draft?.description).toBe(
      "Sudah coba lagi berkali-kali tapi upload dokumen tetap gagal.",
    );
    expect(chat.mode).toBe("summary");
  });

  it("starts counting again after the offer", () => {
    const chat = failThreeTimes();
    chat.text("99");
    expect(chat.state.mode).toMatchObject({ type: "intake", step: "nik", failures: 1 });
    expect(chat.reply).toContain("berisi 2 angka");
  });

  it("applies to the main menu as well", () => {
    const chat = new ChatDriver({ mode: { type: "menu", failures: 0 } });
    chat.text("apa");
    chat.text("bagaimana");
    chat.text("hmm");
    expect(chat.mode).toBe("humanOffer");
  });

  it("honours a configured limit", () => {
    const chat = new ChatDriver({
      settings: { maxFailedTries: 1 },
      mode: { type: "intake", step: "email", failures: 0, editing: false },
      draft: completeDraft({ email: null }),
    });
    chat.text("bukan email");
    expect(chat.mode).toBe("humanOffer");
  });
});

describe("summary: edit one answer and come back", () => {
  it("changes the e-mail and returns to the summary", () => {
    const chat = atSummary();
    chat.text("ubah");
    expect(chat.mode).toBe("editPick");
    expect(choiceIds(chat.lastEffects)).toContain("edit.email");
    expect(choiceIds(chat.lastEffects)).not.toContain("edit.consent");
    chat.text("email");
    expect(chat.state.mode).toEqual({ type: "intake", step: "email", failures: 0, editing: true });
    expect(chat.reply).toContain("Jawaban saat ini: budi@majubersama.co.id");
    chat.text("budi.santoso@majubersama.co.id");
    expect(chat.mode).toBe("summary");
    expect(chat.reply).toContain("E-mail: budi.santoso@majubersama.co.id");
  });

  it("keeps the answer with 'Tidak diubah'", () => {
    const chat = atSummary();
    chat.choose("summary.edit");
    chat.choose("edit.nik");
    chat.choose("keep");
    expect(chat.mode).toBe("summary");
    expect(chat.state.draft?.nik).toBe(completeDraft().nik);
  });

  it("'kembali' while editing returns to the summary unchanged", () => {
    const chat = atSummary();
    chat.text("2");
    chat.text("nama");
    chat.text("kembali");
    expect(chat.mode).toBe("summary");
    expect(chat.state.draft).toEqual({ ...completeDraft(), reminderSentAt: null });
  });

  it("asks the extra questions a new category needs, then returns to the summary", () => {
    const chat = atSummary();
    chat.choose("summary.edit");
    chat.choose("edit.category");
    chat.text("gagal unggah dokumen penawaran");
    expect(chat.step).toBe("tenderCode");
    chat.text("10012345000");
    expect(chat.step).toBe("bidDeadline");
    chat.text("30/11/2026 14:00");
    expect(chat.mode).toBe("summary");
    expect(chat.reply).toContain("Kode tender/paket: 10012345000");
  });

  it("asks for a surat kuasa when 'acting for someone else' becomes yes, and drops it on no", () => {
    const chat = atSummary();
    chat.choose("summary.edit");
    chat.choose("edit.actingForOther");
    chat.text("ya");
    expect(chat.step).toBe("suratKuasa");
    chat.document("kuasa-1");
    expect(chat.mode).toBe("summary");
    expect(chat.reply).toContain("Surat kuasa: sudah diterima");

    chat.choose("summary.edit");
    chat.choose("edit.actingForOther");
    chat.text("tidak");
    expect(chat.mode).toBe("summary");
    expect(chat.state.draft?.suratKuasa).toBeNull();
    expect(discarded(chat.lastEffects)).toEqual(["kuasa-1"]);
  });

  it("replacing the KTP photo releases the old file", () => {
    const chat = atSummary();
    chat.choose("summary.edit");
    chat.text("ktp");
    chat.image("ktp-2");
    expect(chat.state.draft?.ktp).toEqual({ mediaId: "ktp-2", mime: "image/jpeg" });
    expect(discarded(chat.lastEffects)).toEqual(["media-ktp"]);
  });
});

describe("cancelling", () => {
  it("asks first, then deletes the draft and its files", () => {
    const chat = atSummary();
    chat.text("3");
    expect(chat.mode).toBe("confirmCancel");
    expect(chat.reply).toContain("Yakin ingin membatalkan permohonan?");
    chat.text("ya");
    expect(chat.mode).toBe("idle");
    expect(chat.state.draft).toBeNull();
    expect(chat.reply).toContain("Permohonan dibatalkan");
    expect(discarded(chat.lastEffects)).toEqual(["media-ktp", "media-shot-1"]);
  });

  it("'tidak' goes back to where the user was", () => {
    const chat = atSummary();
    chat.text("batal");
    chat.text("tidak");
    expect(chat.mode).toBe("summary");
    expect(chat.state.draft).not.toBeNull();
  });

  it("an unclear answer to 'are you sure?' asks again without deleting anything", () => {
    const chat = atSummary();
    chat.text("batal");
    chat.text("hmm");
    expect(chat.mode).toBe("confirmCancel");
    expect(chat.state.draft).not.toBeNull();
  });
});

describe("consent refused", () => {
  it("files nothing, deletes the draft and explains the alternatives", () => {
    const chat = new ChatDriver();
    chat.text("halo");
    chat.text("1");
    chat.text("1");
    expect(chat.step).toBe("consent");
    chat.text("tidak setuju");
    expect(chat.mode).toBe("idle");
    expect(chat.state.draft).toBeNull();
    expect(chat.reply).toContain("Tanpa persetujuan pemrosesan data pribadi");
    expect(chat.reply).toContain("0811579941");
    expect(effectTypes(chat.lastEffects)).toEqual(["reply"]);
  });

  it("consent comes before any personal data is asked", () => {
    const chat = new ChatDriver();
    chat.text("halo");
    chat.text("1");
    chat.text("1");
    expect(chat.reply).toContain("UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi");
    expect(chat.state.draft).toMatchObject({ name: null, nik: null, ktp: null });
  });
});

describe("choices by number, by words, by button", () => {
  it.each([
    ["2", "statusAsk"],
    ["cek status", "statusAsk"],
    ["Pengaduan", "complaintAsk"],
    ["ajukan permohonan", "intake"],
    ["5", "withAgent"],
  ])("menu %j -> %s", (input, mode) => {
    const chat = new ChatDriver({ mode: { type: "menu", failures: 0 } });
    chat.text(input);
    expect(chat.mode).toBe(mode);
  });

  it("a button from an old message is refused without counting a failure", () => {
    const chat = new ChatDriver({ mode: { type: "menu", failures: 0 } });
    chat.choose("summary.confirm");
    expect(chat.reply).toContain("sudah tidak berlaku");
    expect(chat.state.mode).toEqual({ type: "menu", failures: 0 });
  });

  it("shows the standard for menu 3, with the menu underneath", () => {
    const chat = new ChatDriver({ mode: { type: "menu", failures: 0 } });
    chat.text("3");
    for (const fragment of [
      "Persyaratan:\n1. KTP\n2. Surat Kuasa apabila diperlukan\n3. Permohonan penanganan\n4. Screenshot permasalahan",
      "a. Pengguna mengirimkan permohonan penanganan melalui email atau datang langsung ke LPSE (1-5 menit)",
      "d. IT LKPP menangani permasalahan pengguna dan mengeluarkan Surat Keterangan Gangguan LPSE (5 menit - selesai)",
      "Biaya: Tidak dipungut biaya",
      "Produk: Penanganan Masalah Pengguna",
      "Jalan Raya Ngabang – Pontianak KM.3, Ngabang, Landak, Kalimantan Barat 79357",
      "Helpdesk: 0811579941",
      "E-mail: lpse@landakkab.go.id",
      "Website: http://lpse.landakkab.go.id",
      "Jam layanan: Senin-Jumat 08.00-16.00 WIB",
      "008/UMUM/TAHUN 2022",
    ]) {
      expect(chat.reply).toContain(fragment);
    }
    expect(chat.mode).toBe("menu");
    expect(choiceIds(chat.lastEffects)).toHaveLength(7);
  });
});

describe("unsupported input", () => {
  it("a voice note gets its own line asking for the same as text, and the menu again", () => {
    const chat = new ChatDriver({ mode: { type: "menu", failures: 0 } });
    chat.send({ type: "media", kind: "voice", mime: "audio/ogg", size: 1000, mediaId: "vn-1" });
    expect(chat.reply).toContain("pesan suara belum dapat kami dengarkan");
    expect(chat.reply).toContain("sebagai pesan teks");
    expect(choiceIds(chat.lastEffects)).toHaveLength(7);
  });

  it("a view-once photo is asked again as a normal photo, at the menu and at the KTP step", () => {
    const viewOnce = {
      type: "media",
      kind: "viewOnce",
      mime: null,
      size: null,
      mediaId: null,
    } as const;
    const menu = new ChatDriver({ mode: { type: "menu", failures: 0 } });
    menu.send(viewOnce);
    expect(menu.reply).toContain(VIEW_ONCE_REFUSED.id);
    const ktp = new ChatDriver({
      mode: { type: "intake", step: "ktp", failures: 0, editing: false },
      draft: completeDraft({ ktp: null }),
    });
    ktp.send(viewOnce);
    expect(ktp.reply).toContain(VIEW_ONCE_REFUSED.id);
    expect(ktp.mode).toBe("intake");
  });

  it.each([
    ["sticker", "image/webp"],
    ["video", "video/mp4"],
    ["location", null],
  ] as const)("a %s in the menu gets an explanation and the menu again", (kind, mime) => {
    const chat = new ChatDriver({ mode: { type: "menu", failures: 0 } });
    chat.send({
      type: "media",
      kind,
      mime,
      size: 1000,
      mediaId: kind === "location" ? null : `${kind}-1`,
    });
    expect(chat.reply).toContain(
      "Maaf, kami tidak dapat memproses stiker, pesan suara, video, lokasi, atau jenis file tersebut.",
    );
    expect(chat.reply).toContain("Mohon balas dengan pesan teks.");
    expect(choiceIds(chat.lastEffects)).toHaveLength(7);
  });

  it("at a document step it says which files are accepted", () => {
    const chat = new ChatDriver({
      mode: { type: "intake", step: "ktp", failures: 0, editing: false },
      draft: completeDraft({ ktp: null }),
    });
    chat.send({ type: "media", kind: "video", mime: "video/mp4", size: 1000, mediaId: "vid" });
    expect(chat.reply).toContain("foto (JPG, PNG atau WEBP) atau dokumen PDF");
    expect(discarded(chat.lastEffects)).toEqual(["vid"]);
  });

  it("a photo sent where text is expected is released and the question repeated", () => {
    const chat = new ChatDriver({
      mode: { type: "intake", step: "name", failures: 0, editing: false },
      draft: emptyTestDraft({ category: "LUPA_PASSWORD", consentAt: "2026-11-28T03:00:00.000Z" }),
    });
    chat.image("early-photo");
    expect(chat.reply).toContain("belum memerlukan file");
    expect(chat.reply).toContain("Siapa nama lengkap Bapak/Ibu sesuai KTP?");
    expect(discarded(chat.lastEffects)).toEqual(["early-photo"]);
  });

  it("a first message that is a sticker gets the explanation and the menu", () => {
    const chat = new ChatDriver();
    chat.send({ type: "media", kind: "sticker", mime: "image/webp", size: 100, mediaId: "s" });
    expect(chat.reply).toContain("tidak dapat memproses stiker");
    expect(chat.reply).toContain("Selamat datang");
  });
});

describe("submitting", () => {
  it("asks to wait while the ticket is being created", () => {
    const chat = atSummary();
    chat.text("1");
    expect(chat.mode).toBe("submitting");
    chat.text("halo?");
    expect(chat.reply).toContain("sedang kami kirim, mohon tunggu");
    expect(chat.mode).toBe("submitting");
  });

  it("on failure goes back to the summary with the answers kept, and can try again", () => {
    const chat = atSummary();
    chat.text("1");
    chat.send({ type: "ticketFailed" });
    expect(chat.mode).toBe("summary");
    expect(chat.reply).toContain("belum berhasil dikirim karena gangguan sistem");
    expect(chat.state.draft).not.toBeNull();
    chat.text("1");
    expect(effectTypes(chat.lastEffects)).toEqual(["createTicket"]);
  });
});

describe("a hand-off while the ticket is being filed", () => {
  it("lets the user reach a human, and the late ticket keeps its files", () => {
    const chat = atSummary();
    chat.text("1");
    chat.text("petugas");
    expect(chat.mode).toBe("withAgent");
    chat.send({ type: "ticketCreated", ticketNumber: "LDK-2026-00043" });
    expect(chat.lastEffects).toEqual([]);
    expect(chat.state.draft).toBeNull();
    expect(chat.mode).toBe("withAgent");
  });
});

describe("status results", () => {
  it("renders a found ticket with its status and last update in WIB", () => {
    const chat = new ChatDriver({ mode: { type: "idle" } });
    chat.text("status LDK-2026-00042");
    expect(chat.lastEffects).toEqual([{ type: "lookupStatus", ticketNumber: "LDK-2026-00042" }]);
    chat.send({
      type: "statusResult",
      ticketNumber: "LDK-2026-00042",
      status: "ESKALASI_LKPP",
      updatedAt: "2026-11-28T08:15:00.000Z",
    });
    expect(chat.reply).toContain("Status tiket LDK-2026-00042: Ditangani IT LKPP");
    expect(chat.reply).toContain("Permasalahan sedang ditangani oleh IT LKPP.");
    // Day and month in the user's language (issue 19, point 4).
    expect(chat.reply).toContain("Terakhir diperbarui: Sabtu, 28 November 2026 pukul 15.15 WIB");
  });

  it("says 'not found or not yours' without telling which", () => {
    const chat = new ChatDriver({ mode: { type: "idle" } });
    chat.send({
      type: "statusResult",
      ticketNumber: "LDK-2026-00099",
      status: null,
      updatedAt: null,
    });
    expect(chat.reply).toContain(
      "Tiket LDK-2026-00099 tidak ditemukan, atau tiket tersebut tidak terdaftar atas kontak Bapak/Ibu.",
    );
  });

  it("picks the intake question up again after a look-up in the middle of it", () => {
    const chat = new ChatDriver({
      mode: { type: "intake", step: "email", failures: 0, editing: false },
      draft: completeDraft({ email: null }),
    });
    chat.text("status LDK-2026-00042");
    chat.send({
      type: "statusResult",
      ticketNumber: "LDK-2026-00042",
      status: "SELESAI",
      updatedAt: null,
    });
    const texts = chat.lastEffects.flatMap((effect) =>
      effect.type === "reply" ? [effect.text] : [],
    );
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain("Selesai");
    expect(texts[1]).toContain("Apa alamat e-mail Bapak/Ibu");
    expect(chat.step).toBe("email");
  });
});

describe("service complaints", () => {
  it("collects the complaint, files it and confirms", () => {
    const chat = new ChatDriver({ mode: { type: "menu", failures: 0 } });
    chat.text("4");
    expect(chat.reply).toContain("Tatap muka langsung kepada Analis Pelayanan");
    expect(chat.reply).toContain("Tertulis disampaikan ke Kotak Pengaduan");
    expect(chat.reply).toContain("Helpdesk: 0811579941");
    expect(chat.reply).toContain("Tertulis ditujukan ke email LPSE (lpse@landakkab.go.id)");
    chat.text("lambat");
    expect(chat.reply).toContain("Pengaduan terlalu singkat");
    chat.text("Permohonan saya minggu lalu belum ditanggapi sampai sekarang.");
    expect(chat.lastEffects).toEqual([
      {
        type: "fileComplaint",
        text: "Permohonan saya minggu lalu belum ditanggapi sampai sekarang.",
        language: "id",
        dueAt: expect.any(String),
      },
    ]);
    expect(chat.mode).toBe("idle");
    const filed = chat.lastEffects[0];
    if (filed?.type !== "fileComplaint") throw new Error("no complaint filed");
    chat.send({ type: "complaintFiled", complaintNumber: "ADU-2026-00003", dueAt: filed.dueAt });
    expect(chat.reply).toContain(
      "Pengaduan Bapak/Ibu telah kami terima dengan nomor:\nADU-2026-00003",
    );
    expect(chat.reply).toContain("ditangani oleh Analis Pelayanan");
    expect(chat.reply).toContain("(5 hari kerja)");
    expect(chat.reply).toContain("status ADU-2026-00003");
  });
});

describe("talking to a staff member", () => {
  it("relays to the agent, acknowledges the first message, keeps the files; menu leaves", () => {
    const chat = new ChatDriver({ mode: { type: "menu", failures: 0 } });
    chat.text("5");
    expect(effectTypes(chat.lastEffects)).toEqual(["handOff", "reply"]);
    expect(chat.mode).toBe("withAgent");
    for (const [send, effects] of [
      [() => chat.text("halo pak"), ["relayToDesk", "reply"]],
      [() => chat.image("for-agent"), ["relayToDesk"]],
      [() => chat.timeout(2 * 60 * 1000), []],
      [() => chat.text("english"), ["setLanguage", "reply"]],
    ] as const) {
      send();
      // No file released: what went to the agent stays with the chat.
      expect(effectTypes(chat.lastEffects)).toEqual(effects);
      expect(chat.mode).toBe("withAgent");
    }
    expect(chat.state.language).toBe("en");
    chat.text("menu");
    expect(effectTypes(chat.lastEffects)).toEqual(["leaveHandoff", "reply"]);
    expect(chat.mode).toBe("menu");
  });

  it("says goodbye when the agent ends the hand-off", () => {
    const chat = new ChatDriver({ mode: { type: "menu", failures: 0 } });
    chat.text("petugas");
    chat.send({ type: "handoffEnded" });
    expect(chat.mode).toBe("idle");
    expect(chat.reply).toContain("Sesi dengan petugas telah selesai");
  });

  it("offers the unfinished draft again after the hand-off", () => {
    const chat = new ChatDriver({
      mode: { type: "intake", step: "nik", failures: 0, editing: false },
      draft: completeDraft({ nik: null }),
    });
    chat.text("petugas");
    chat.send({ type: "handoffEnded" });
    expect(chat.mode).toBe("resumePrompt");
    expect(chat.reply).toContain("Sesi dengan petugas telah selesai");
    expect(choiceIds(chat.lastEffects)).toEqual([
      "resume.continue",
      "resume.restart",
      "resume.discard",
    ]);
    chat.text("lanjutkan");
    expect(chat.step).toBe("nik");
  });

  it("an agent may take over on their own; the bot goes quiet", () => {
    const chat = new ChatDriver({ mode: { type: "menu", failures: 0 } });
    chat.send({ type: "handoffStarted" });
    expect(chat.lastEffects).toEqual([]);
    expect(chat.state.mode).toMatchObject({ type: "withAgent", reason: "agentInitiated" });
  });
});

describe("English throughout", () => {
  it("runs the menu, consent and corrections in English", () => {
    const chat = new ChatDriver({ language: "en" });
    chat.text("hello");
    expect(chat.reply).toContain("Welcome to the LPSE Kabupaten Landak helpdesk");
    chat.text("1");
    expect(chat.reply).toContain("What problem are you facing?");
    chat.text("otp");
    expect(chat.reply).toContain("Law No. 27 of 2022 on Personal Data Protection");
    chat.text("yes");
    chat.text("Budi 2");
    expect(chat.reply).toContain("no digits.\nExample: Budi Santoso");
  });

  it("a new state can start in English for a contact known to prefer it", () => {
    expect(initialState({ channel: "CONSOLE", language: "en" }).language).toBe("en");
  });
});
