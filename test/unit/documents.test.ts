// The generated PDFs read back with a PDF parser: the fields each document
// must carry, the preview mark, the page count; and the letter number format.
import { describe, expect, it } from "vitest";
import { consentStatement } from "../../core/content/messages/documents.messages.ts";
import { promptConsent } from "../../core/content/messages/intake-prompts.messages.ts";
import {
  type DisruptionLetterData,
  renderDisruptionLetter,
} from "../../core/documents/disruption-letter.pdf.ts";
import { formatLetterNumber } from "../../core/documents/letter-number.ts";
import { type RequestFormData, renderRequestForm } from "../../core/documents/request-form.pdf.ts";
import { maskNikForUser } from "../../core/domain/privacy/mask.ts";
import { pdfPlain, pdfText } from "../support/pdf.ts";

const NIK = "6171054101900003";
const office = { name: "LPSE Kabupaten Landak", address: "Jl. Pangeran Cinata, Ngabang" };

const form = (over: Partial<RequestFormData> = {}): RequestFormData => ({
  language: "id",
  office,
  ticketNumber: "LDK-2026-00042",
  // 2 December 2026, 09:30 WIB.
  submittedAt: new Date("2026-12-02T02:30:00Z"),
  applicant: {
    name: "Siti Aminah",
    maskedNik: maskNikForUser(NIK),
    role: "Penyedia (pelaku usaha)",
    organisation: "CV Kapuas",
    email: "siti@example.com",
    maskedPhone: "+62812•••••890",
  },
  category: "Gagal unggah dokumen penawaran",
  tenderCode: "10012345000",
  bidDeadline: new Date("2026-12-03T09:00:00Z"),
  actingForOther: true,
  description: "Unggahan dokumen penawaran berhenti di 90% dengan pesan galat.",
  attachments: [
    { label: "Foto KTP", count: 1 },
    { label: "Surat kuasa", count: 1 },
    { label: "Screenshot permasalahan", count: 2 },
  ],
  consentAt: new Date("2026-12-02T02:21:00Z"),
  ...over,
});

const letter = (number: string | null): DisruptionLetterData => ({
  office,
  number,
  issuedAt: new Date("2026-12-02T02:30:00Z"),
  ticketNumber: "LDK-2026-00042",
  tenderCode: "10012345000",
  disruptionStart: new Date("2026-12-01T06:00:00Z"),
  disruptionEnd: new Date("2026-12-01T09:15:00Z"),
  affectedParties: "Seluruh peserta tender paket 10012345000",
  signer: {
    name: "Drs. Contoh Kepala",
    position: "Kepala LPSE Kabupaten Landak",
    nip: "197001012000031001",
  },
});

describe("request form", () => {
  it("carries the ticket, the applicant with masked NIK, the request, documents and consent", async () => {
    const pdf = await renderRequestForm(form());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const { pages } = await pdfText(pdf);
    expect(pages).toBe(1);
    const text = await pdfPlain(pdf);
    for (const part of [
      "LPSE KABUPATEN LANDAK",
      "FORMULIR PERMOHONAN PENANGANAN MASALAH PENGGUNA",
      "LDK-2026-00042",
      "2 Desember 2026 pukul 09.30 WIB",
      "Siti Aminah",
      "6171••••••••0003",
      "CV Kapuas",
      "Gagal unggah dokumen penawaran",
      "10012345000",
      "Unggahan dokumen penawaran berhenti di 90% dengan pesan galat.",
      "Foto KTP",
      "Surat kuasa",
      "Screenshot permasalahan (2)",
      "UU Nomor 27 Tahun 2022",
      "pukul 09.21 WIB",
    ]) {
      expect(text, part).toContain(part);
    }
    expect(text).not.toContain(NIK);
  });

  it("speaks English to an English-speaking user, under the form's official title", async () => {
    const text = await pdfPlain(await renderRequestForm(form({ language: "en" })));
    expect(text).toContain("FORMULIR PERMOHONAN PENANGANAN MASALAH PENGGUNA");
    expect(text).toContain("Full name");
    expect(text).toContain("Documents attached");
    expect(text).toContain("2 December 2026, 09:30 WIB");
    expect(text).toContain("Law No. 27 of 2022");
  });

  it("restates the consent the chat asked for", () => {
    const statement = consentStatement(new Date("2026-12-02T02:21:00Z"));
    const [, what] = promptConsent(24).id.split("\n\n");
    expect(what).toBeDefined();
    expect(statement.id).toContain(what ?? "?");
    expect(statement.id).toContain("2 Desember 2026 pukul 09.21 WIB");
  });
});

describe("disruption letter", () => {
  it("issued: number, date, tender, window, duration, parties, ticket and signer", async () => {
    const pdf = await renderDisruptionLetter(letter("007/SKG/LPSE-LDK/2026"));
    const { pages } = await pdfText(pdf);
    expect(pages).toBe(1);
    const text = await pdfPlain(pdf);
    for (const part of [
      "SURAT KETERANGAN GANGGUAN LPSE",
      "Nomor: 007/SKG/LPSE-LDK/2026",
      "Ngabang, 2 Desember 2026",
      "10012345000",
      "1 Desember 2026 pukul 13.00 WIB s.d. 1 Desember 2026 pukul 16.15 WIB",
      "3 jam 15 menit",
      "Seluruh peserta tender paket 10012345000",
      "LDK-2026-00042",
      "Drs. Contoh Kepala",
      "Kepala LPSE Kabupaten Landak",
      "NIP. 197001012000031001",
    ]) {
      expect(text, part).toContain(part);
    }
    expect(text).not.toContain("PRATINJAU");
  });

  it("preview: marked PRATINJAU / PREVIEW and without a number", async () => {
    const text = await pdfPlain(await renderDisruptionLetter(letter(null)));
    expect(text).toContain("PRATINJAU / PREVIEW");
    expect(text).toContain("(nomor diberikan saat surat diterbitkan)");
    expect(text).not.toMatch(/\d{3}\/SKG\//u);
  });

  it("leaves the NIP line out when the signer has none", async () => {
    const data = letter("001/SKG/LPSE-LDK/2026");
    const text = await pdfPlain(
      await renderDisruptionLetter({ ...data, signer: { ...data.signer, nip: "-" } }),
    );
    expect(text).not.toContain("NIP");
  });
});

describe("letter numbers", () => {
  it("fills {seq} zero-padded to three and {year}", () => {
    expect(formatLetterNumber("{seq}/SKG/LPSE-LDK/{year}", 7, 2026)).toBe("007/SKG/LPSE-LDK/2026");
    expect(formatLetterNumber("{seq}/SKG/LPSE-LDK/{year}", 1234, 2026)).toBe(
      "1234/SKG/LPSE-LDK/2026",
    );
    expect(formatLetterNumber("SKG-{year}-{seq}", 42, 2027)).toBe("SKG-2027-042");
    expect(() => formatLetterNumber("{seq}", 0, 2026)).toThrow(RangeError);
  });
});
