import { describe, expect, it } from "vitest";
import {
  type ConversationEvent,
  type ConversationState,
  createDecider,
  type Draft,
  type IntakeStep,
} from "../../../core/domain/conversation/index.ts";
import {
  atStep,
  choiceIds,
  completeDraft,
  type EventInput,
  isoAfter,
  MINUTE,
  replyText,
  testSettings,
} from "../../fixtures/conversation.builders.ts";

const decide = createDecider(testSettings());
const AT = isoAfter(MINUTE);
const send = (state: ConversationState, event: EventInput) =>
  decide(state, { ...event, at: AT } as ConversationEvent);

const text = (value: string): EventInput => ({ type: "text", text: value });
const image = (mediaId: string, mime = "image/jpeg", size = 100_000): EventInput => ({
  type: "media",
  kind: "image",
  mime,
  size,
  mediaId,
});
const pdf = (mediaId: string): EventInput => ({
  type: "media",
  kind: "document",
  mime: "application/pdf",
  size: 100_000,
  mediaId,
});
const sticker: EventInput = {
  type: "media",
  kind: "sticker",
  mime: "image/webp",
  size: 20_000,
  mediaId: "sticker-1",
};

const UPLOAD = "GAGAL_UNGGAH_PENAWARAN";

interface StepCase {
  readonly step: IntakeStep;
  /** The draft before the answer: complete except for what this step fills. */
  readonly before: Partial<Draft>;
  readonly good: readonly { input: EventInput; expect: Partial<Draft> }[];
  readonly bad: readonly { input: EventInput; correction: string }[];
}

const cases: readonly StepCase[] = [
  {
    step: "category",
    before: { category: null },
    good: [
      { input: text("1"), expect: { category: "LUPA_PASSWORD" } },
      { input: text("lupa password"), expect: { category: "LUPA_PASSWORD" } },
      {
        input: { type: "choice", optionId: "category.KENDALA_OTP" },
        expect: { category: "KENDALA_OTP" },
      },
    ],
    bad: [
      { input: text("apa saja"), correction: "pilihan tersebut belum kami kenali" },
      { input: text("10"), correction: "pilihan tersebut belum kami kenali" },
      { input: sticker, correction: "tidak dapat memproses stiker" },
    ],
  },
  {
    step: "consent",
    before: { consentAt: null },
    good: [
      { input: text("setuju"), expect: { consentAt: AT } },
      { input: text("1"), expect: { consentAt: AT } },
      { input: { type: "choice", optionId: "consent.agree" }, expect: { consentAt: AT } },
    ],
    bad: [{ input: text("mungkin nanti"), correction: "pilihan tersebut belum kami kenali" }],
  },
  {
    step: "name",
    before: { name: null },
    good: [
      { input: text("  Siti   Aminah "), expect: { name: "Siti Aminah" } },
      { input: text("Ir. H. Budi Santoso, S.T."), expect: { name: "Ir. H. Budi Santoso, S.T." } },
    ],
    bad: [
      { input: text("Budi 2"), correction: "tanpa angka.\nContoh: Budi Santoso" },
      { input: text("B"), correction: "Nama terlalu pendek" },
      { input: image("photo-1"), correction: "belum memerlukan file" },
    ],
  },
  {
    step: "nik",
    before: { nik: null },
    good: [
      { input: text("6171015508900002"), expect: { nik: "6171015508900002" } },
      { input: text("6171 0115 0890 0001"), expect: { nik: "6171011508900001" } },
    ],
    bad: [
      {
        input: text("617101150890"),
        correction:
          "NIK harus terdiri dari 16 angka, sedangkan yang Bapak/Ibu kirim berisi 12 angka",
      },
      {
        input: text("2071011508900001"),
        correction: "Dua angka pertama NIK (20) bukan kode provinsi",
      },
      { input: text("6171013208900001"), correction: "tanggal lahir yang benar" },
      { input: text("NIK saya 6171011508900001"), correction: "NIK hanya berisi angka" },
    ],
  },
  {
    step: "role",
    before: { role: null },
    good: [
      { input: text("ppk"), expect: { role: "PPK" } },
      { input: text("3"), expect: { role: "POKJA_PEMILIHAN" } },
      { input: { type: "choice", optionId: "role.AUDITOR" }, expect: { role: "AUDITOR" } },
    ],
    bad: [{ input: text("bupati"), correction: "pilihan tersebut belum kami kenali" }],
  },
  {
    step: "organisation",
    before: { organisation: null },
    good: [{ input: text("PT Sinar Landak"), expect: { organisation: "PT Sinar Landak" } }],
    bad: [
      { input: text("12345"), correction: "dengan huruf.\nContoh: CV Maju Bersama" },
      { input: text("X"), correction: "terlalu pendek" },
    ],
  },
  {
    step: "email",
    before: { email: null },
    good: [{ input: text("Budi@MajuBersama.co.id"), expect: { email: "budi@majubersama.co.id" } }],
    bad: [
      { input: text("budi"), correction: "Format alamat e-mail belum benar" },
      { input: text("budi@gmail.con"), correction: "Apakah maksud Bapak/Ibu budi@gmail.com?" },
    ],
  },
  {
    step: "phone",
    before: { phone: null },
    good: [
      { input: text("0812-3456-7891"), expect: { phone: "+6281234567891" } },
      { input: { type: "contact", phone: "6281234567892" }, expect: { phone: "+6281234567892" } },
    ],
    bad: [
      { input: text("12345"), correction: "diawali 08, 628 atau +628" },
      { input: text("+6591234567"), correction: "nomor HP Indonesia (+62)" },
      { input: text("0561 123456"), correction: "bukan nomor telepon kantor" },
      {
        input: { type: "contact", phone: "+6591234567" },
        correction: "Kontak yang dibagikan bukan nomor HP Indonesia",
      },
    ],
  },
  {
    step: "tenderCode",
    before: { category: UPLOAD, tenderCode: null, bidDeadline: "2026-11-30T07:00:00.000Z" },
    good: [{ input: text("10012345000"), expect: { tenderCode: "10012345000" } }],
    bad: [
      { input: text("tender jalan desa"), correction: "hanya berisi angka (5 sampai 20 angka)" },
    ],
  },
  {
    step: "bidDeadline",
    before: { category: UPLOAD, tenderCode: "10012345000", bidDeadline: null },
    good: [
      { input: text("30/11/2026 14:00"), expect: { bidDeadline: "2026-11-30T07:00:00.000Z" } },
      {
        input: text("1 Desember 2026 pukul 09.30 WIB"),
        expect: { bidDeadline: "2026-12-01T02:30:00.000Z" },
      },
    ],
    bad: [
      { input: text("30/11/2026"), correction: "sertakan juga jam batas akhir" },
      { input: text("31/11/2026 14:00"), correction: "tidak ada di kalender" },
      { input: text("besok sore"), correction: "Contoh: 30/11/2026 14:00" },
      { input: text("30/11/2029 14:00"), correction: "lebih dari satu tahun" },
    ],
  },
  {
    step: "description",
    before: { description: null },
    good: [
      {
        input: text("  Tidak bisa login, muncul pesan user tidak aktif.  "),
        expect: { description: "Tidak bisa login, muncul pesan user tidak aktif." },
      },
    ],
    bad: [{ input: text("gagal login"), correction: "Uraian terlalu singkat (11 karakter)" }],
  },
  {
    step: "actingForOther",
    before: { actingForOther: null },
    good: [
      { input: text("tidak"), expect: { actingForOther: false } },
      { input: text("2"), expect: { actingForOther: false } },
    ],
    bad: [{ input: text("entahlah"), correction: "pilihan tersebut belum kami kenali" }],
  },
  {
    step: "ktp",
    before: { ktp: null },
    good: [
      { input: image("ktp-new"), expect: { ktp: { mediaId: "ktp-new", mime: "image/jpeg" } } },
      {
        input: {
          type: "media",
          kind: "document",
          mime: "image/png",
          size: 1000,
          mediaId: "ktp-doc",
        },
        expect: { ktp: { mediaId: "ktp-doc", mime: "image/png" } },
      },
    ],
    bad: [
      { input: pdf("ktp-pdf"), correction: "KTP harus dikirim sebagai foto" },
      { input: text("sudah saya kirim"), correction: "menunggu foto KTP" },
      { input: sticker, correction: "tidak dapat memproses stiker" },
      {
        input: image("big", "image/jpeg", 11 * 1024 * 1024),
        correction: "Ukuran file terlalu besar (maksimal 10 MB)",
      },
      {
        input: { type: "media", kind: "voice", mime: "audio/ogg", size: 5000, mediaId: "vn" },
        correction: "pesan suara",
      },
    ],
  },
  {
    step: "suratKuasa",
    before: { actingForOther: true, suratKuasa: null },
    good: [
      {
        input: pdf("kuasa-pdf"),
        expect: { suratKuasa: { mediaId: "kuasa-pdf", mime: "application/pdf" } },
      },
      {
        input: image("kuasa-img"),
        expect: { suratKuasa: { mediaId: "kuasa-img", mime: "image/jpeg" } },
      },
    ],
    bad: [
      {
        input: {
          type: "media",
          kind: "document",
          mime: "application/msword",
          size: 1000,
          mediaId: "doc",
        },
        correction: "jenis file tersebut",
      },
      { input: text("nanti menyusul"), correction: "menunggu foto atau PDF surat kuasa" },
    ],
  },
];

describe.each(cases)("intake step $step", ({ step, before, good, bad }) => {
  const draft = completeDraft(before);

  it.each(good)("accepts %o", ({ input, expect: expected }) => {
    const result = send(atStep(step, draft), input);
    expect(result.state.draft).toMatchObject(expected);
    expect(result.state.mode).toEqual({ type: "summary", failures: 0 });
  });

  it.each(bad)("corrects %o", ({ input, correction }) => {
    const result = send(atStep(step, draft), input);
    expect(result.state.mode).toEqual({ type: "intake", step, failures: 1, editing: false });
    expect(result.state.draft).toEqual(draft);
    expect(replyText(result.effects)).toContain(correction);
  });
});

describe("intake step screenshots", () => {
  const draft = completeDraft({ screenshots: [], screenshotsDone: false });

  it("collects screenshots one by one until 'selesai'", () => {
    let state = atStep("screenshots", draft);
    let result = send(state, image("s1", "image/png"));
    expect(result.state.mode).toMatchObject({ type: "intake", step: "screenshots" });
    expect(replyText(result.effects)).toContain("Screenshot ke-1 diterima");
    expect(choiceIds(result.effects)).toEqual(["shots.done", "shots.reset"]);
    state = result.state;
    result = send(state, image("s2", "image/webp"));
    expect(result.state.draft?.screenshots.map((shot) => shot.mediaId)).toEqual(["s1", "s2"]);
    result = send(result.state, text("selesai"));
    expect(result.state.draft).toMatchObject({ screenshotsDone: true });
    expect(result.state.mode.type).toBe("summary");
  });

  it("moves on by itself at the fifth screenshot", () => {
    let state = atStep("screenshots", draft);
    for (const id of ["s1", "s2", "s3", "s4"]) state = send(state, image(id)).state;
    const result = send(state, image("s5"));
    expect(replyText(result.effects)).toContain("Batas 5 screenshot sudah tercapai");
    expect(result.state.draft?.screenshots).toHaveLength(5);
    expect(result.state.mode.type).toBe("summary");
  });

  it.each([
    { input: text("selesai"), correction: "minimal 1 screenshot" },
    { input: pdf("shot-pdf"), correction: "Screenshot harus berupa gambar" },
    { input: text("ini screenshotnya"), correction: "menunggu screenshot berupa gambar" },
  ])("corrects %o", ({ input, correction }) => {
    const result = send(atStep("screenshots", draft), input);
    expect(replyText(result.effects)).toContain(correction);
    expect(result.state.mode).toMatchObject({ step: "screenshots", failures: 1 });
  });

  it("'ulang' removes the screenshots received so far and releases their files", () => {
    const withTwo = completeDraft({
      screenshots: [
        { mediaId: "s1", mime: "image/png" },
        { mediaId: "s2", mime: "image/png" },
      ],
      screenshotsDone: false,
    });
    const result = send(atStep("screenshots", withTwo), text("ulang"));
    expect(result.state.draft?.screenshots).toEqual([]);
    expect(replyText(result.effects)).toContain("Screenshot sebelumnya telah dihapus");
    expect(result.effects).toContainEqual({ type: "discardMedia", mediaIds: ["s1", "s2"] });
  });
});

describe("phone step by channel", () => {
  it("offers the share-contact button on Telegram", () => {
    const result = send(
      atStep("email", completeDraft({ email: null, phone: null })),
      text("budi@maju.id"),
    );
    expect(result.state.mode).toMatchObject({ step: "phone" });
    expect(result.effects).toContainEqual(
      expect.objectContaining({ type: "reply", requestContact: true }),
    );
  });

  it("asks the console user to type the number, without a contact button", () => {
    const state = atStep("email", completeDraft({ email: null, phone: null }), {
      channel: "CONSOLE",
    });
    const result = send(state, text("budi@maju.id"));
    expect(result.state.mode).toMatchObject({ step: "phone" });
    const reply = result.effects.find((effect) => effect.type === "reply");
    expect(reply).toBeDefined();
    expect(reply).not.toHaveProperty("requestContact");
    expect(replyText(result.effects)).toContain("Berapa nomor HP/WhatsApp");
  });
});

describe("corrections in English", () => {
  it("speaks the user's language", () => {
    const state = atStep("nik", completeDraft({ nik: null }), { language: "en" });
    const result = send(state, text("2071011508900001"));
    expect(replyText(result.effects)).toContain(
      "The first two digits of the NIK (20) are not a valid province code",
    );
  });
});
