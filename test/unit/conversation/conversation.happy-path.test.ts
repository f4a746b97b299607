import { describe, expect, it } from "vitest";
import { conversationStateSchema } from "../../../core/domain/conversation/index.ts";
import {
  ChatDriver,
  choiceIds,
  effectTypes,
  isoAfter,
  MINUTE,
} from "../../fixtures/conversation.builders.ts";

describe("a full request on Telegram, from first message to ticket number", () => {
  const chat = new ChatDriver({ channel: "TELEGRAM" });
  const states: unknown[] = [];
  const step = (send: () => unknown) => {
    send();
    states.push(JSON.parse(JSON.stringify(chat.state)));
  };

  it("walks every question in order and files the exact draft", () => {
    step(() => chat.text("Halo"));
    expect(chat.reply).toContain("Selamat datang di Helpdesk LPSE Kabupaten Landak");
    expect(choiceIds(chat.lastEffects)).toEqual([
      "menu.apply",
      "menu.status",
      "menu.info",
      "menu.complaint",
      "menu.agent",
      "menu.myData",
      "menu.deleteData",
    ]);

    const script: [() => unknown, string | null][] = [
      [() => chat.text("1"), "category"],
      [() => chat.choose("category.GAGAL_UNGGAH_PENAWARAN"), "consent"],
      [() => chat.text("setuju"), "name"],
      [() => chat.text("Siti Aminah"), "nik"],
      [() => chat.text("6171015508900002"), "role"],
      [() => chat.text("penyedia"), "organisation"],
      [() => chat.text("CV Maju Bersama"), "email"],
      [() => chat.text("siti@majubersama.co.id"), "phone"],
      [() => chat.send({ type: "contact", phone: "+62 812-3456-7890" }), "tenderCode"],
      [() => chat.text("10012345000"), "bidDeadline"],
      [() => chat.text("30/11/2026 14:00"), "description"],
      [
        () => chat.text("Saat mengunggah dokumen penawaran muncul pesan upload gagal."),
        "actingForOther",
      ],
      [() => chat.text("ya"), "ktp"],
      [() => chat.image("media-ktp"), "suratKuasa"],
      [() => chat.document("media-kuasa"), "screenshots"],
      [() => chat.image("media-shot-1", "image/png"), "screenshots"],
      [() => chat.image("media-shot-2", "image/png"), "screenshots"],
      [() => chat.text("selesai"), null],
    ];
    for (const [send, expectedStep] of script) {
      step(send);
      expect(chat.step, chat.reply).toBe(expectedStep);
    }

    expect(chat.mode).toBe("summary");
    expect(chat.reply).toContain("NIK: 6171********0002");
    expect(chat.reply).toContain("Batas akhir penawaran: Senin, 30 November 2026 pukul 14.00 WIB");
    expect(chat.reply).toContain("Surat kuasa: sudah diterima");
    expect(chat.reply).toContain("Screenshot permasalahan: 2 gambar");
    expect(chat.reply).not.toContain("6171015508900002");
    expect(choiceIds(chat.lastEffects)).toEqual([
      "summary.confirm",
      "summary.edit",
      "summary.cancel",
    ]);

    step(() => chat.text("kirim"));
    expect(chat.mode).toBe("submitting");
    expect(chat.lastEffects).toEqual([
      {
        type: "createTicket",
        draft: {
          category: "GAGAL_UNGGAH_PENAWARAN",
          name: "Siti Aminah",
          nik: "6171015508900002",
          role: "PENYEDIA",
          organisation: "CV Maju Bersama",
          email: "siti@majubersama.co.id",
          phone: "+6281234567890",
          tenderCode: "10012345000",
          bidDeadline: "2026-11-30T07:00:00.000Z",
          description: "Saat mengunggah dokumen penawaran muncul pesan upload gagal.",
          actingForOther: true,
          attachments: [
            { mediaId: "media-ktp", kind: "KTP" },
            { mediaId: "media-kuasa", kind: "SURAT_KUASA" },
            { mediaId: "media-shot-1", kind: "SCREENSHOT" },
            { mediaId: "media-shot-2", kind: "SCREENSHOT" },
          ],
          // Consent was the fourth message, one minute apart: T0 + 4 minutes.
          consentAt: isoAfter(4 * MINUTE),
          language: "id",
        },
      },
    ]);
  });

  it("announces the ticket number, next steps and service times; the files stay with the ticket", () => {
    step(() => chat.send({ type: "ticketCreated", ticketNumber: "LDK-2026-00042" }));
    expect(chat.mode).toBe("idle");
    expect(chat.state.draft).toBeNull();
    expect(effectTypes(chat.lastEffects)).toEqual(["reply"]);
    const reply = chat.reply;
    expect(reply).toContain("Terima kasih, Bapak/Ibu Siti Aminah");
    expect(reply).toContain("nomor tiket:\nLDK-2026-00042");
    expect(reply).toContain(
      "1. Helpdesk menerima dan memeriksa permohonan dan meneruskan kepada Bidang yang menangani (1-15 menit).",
    );
    expect(reply).toContain(
      "2. Verifikator/Admin/Bidang yang menangani menerima, menganalisa dan menangani sesuai permohonan (1-15 menit).",
    );
    expect(reply).toContain("3. Bila diperlukan, IT LKPP menangani permasalahan pengguna");
    expect(reply).toContain("(5 menit - selesai)");
    expect(reply).toContain("tidak dipungut biaya");
    expect(reply).toContain("Jam layanan: Senin-Jumat 08.00-16.00 WIB");
    expect(reply).toContain("status LDK-2026-00042");
  });

  it("kept every intermediate state parseable by the persisted-state schema", () => {
    for (const state of states) {
      expect(conversationStateSchema.safeParse(state).success).toBe(true);
    }
    expect(conversationStateSchema.parse(states.at(-1))).toEqual(chat.state);
  });
});

describe("on WhatsApp the phone comes from the channel", () => {
  it("never asks for the phone and files the channel number", () => {
    const chat = new ChatDriver({ channel: "WHATSAPP", channelPhone: "6281298765432" });
    chat.text("menu");
    chat.text("1");
    chat.text("lupa password");
    chat.text("ya");
    chat.text("Budi Santoso");
    chat.text("6171011508900001");
    chat.text("2");
    chat.text("Dinas PUPR Kabupaten Landak");
    chat.text("budi@landakkab.go.id");
    expect(chat.step).toBe("description");
    chat.text("Lupa password akun SPSE, reset lewat e-mail tidak berhasil.");
    chat.text("tidak");
    chat.image("ktp");
    chat.image("shot");
    chat.text("selesai");
    expect(chat.reply).toContain("Nomor HP: +6281298765432");
    chat.choose("summary.confirm");
    const ticket = chat.lastEffects.find((effect) => effect.type === "createTicket");
    expect(ticket).toMatchObject({
      draft: { phone: "+6281298765432", role: "PPK", category: "LUPA_PASSWORD" },
    });
    expect(ticket).not.toHaveProperty("draft.tenderCode");
    expect(ticket).not.toHaveProperty("draft.bidDeadline");
  });

  it("asks after all when the WhatsApp number is not an Indonesian mobile", () => {
    const chat = new ChatDriver({ channel: "WHATSAPP", channelPhone: "+6591234567" });
    expect(chat.state.channelPhone).toBeNull();
    chat.text("halo");
    chat.text("1");
    chat.text("1");
    chat.text("setuju");
    chat.text("Budi Santoso");
    chat.text("6171011508900001");
    chat.text("1");
    chat.text("CV Maju");
    chat.text("budi@maju.co.id");
    expect(chat.step).toBe("phone");
    expect(chat.reply).toContain("Berapa nomor HP/WhatsApp");
  });
});
