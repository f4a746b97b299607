import { describe, expect, it } from "vitest";
import * as content from "../../../core/content/index.ts";

/** Every { id, en } text reachable from the content's exported data. */
function localizedTexts(value: unknown, path: string, found: [string, content.Localized][] = []) {
  if (value === null || typeof value !== "object") return found;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 2 && typeof record.id === "string" && typeof record.en === "string") {
    found.push([path, { id: record.id, en: record.en }]);
    return found;
  }
  for (const key of keys) localizedTexts(record[key], `${path}.${key}`, found);
  return found;
}

describe("content", () => {
  const texts = localizedTexts(content, "content");

  it("has every user-facing text in Indonesian and English", () => {
    expect(texts.length).toBeGreaterThan(100);
    for (const [path, text] of texts) {
      expect(text.id.trim(), path).not.toBe("");
      expect(text.en.trim(), path).not.toBe("");
      expect(text.en, path).not.toContain("Bapak/Ibu");
    }
  });

  it("holds the service standard as data", () => {
    expect(content.OFFICE).toMatchObject({
      address: "Jalan Raya Ngabang – Pontianak KM.3, Ngabang, Landak, Kalimantan Barat 79357",
      phone: "0811579941",
      website: "http://lpse.landakkab.go.id",
    });
    expect(content.SERVICE.decreeNumber).toBe("008/UMUM/TAHUN 2022");
    expect(content.SERVICE.name.id).toBe("Pelayanan Penanganan Masalah Pengguna");
    expect(content.SERVICE.cost.id).toBe("Tidak dipungut biaya");
    expect(content.SERVICE.product.id).toBe("Penanganan Masalah Pengguna");
    expect(content.REQUIREMENTS.map((requirement) => requirement.label.id)).toEqual([
      "KTP",
      "Surat Kuasa apabila diperlukan",
      "Permohonan penanganan",
      "Screenshot permasalahan",
    ]);
    expect(
      content.PROCEDURE.map((step) => [step.id, step.minMinutes, step.maxMinutes, step.time.id]),
    ).toEqual([
      ["a", 1, 5, "1-5 menit"],
      ["b", 1, 15, "1-15 menit"],
      ["c", 1, 15, "1-15 menit"],
      ["d", 5, null, "5 menit - selesai"],
    ]);
    expect(content.COMPLAINT_CHANNELS.map((channel) => channel.label.id)).toEqual([
      "Tatap muka langsung kepada Analis Pelayanan",
      "Tertulis disampaikan ke Kotak Pengaduan",
      "Helpdesk: 0811579941",
      "Tertulis ditujukan ke email LPSE",
    ]);
  });

  it("declares what each default category needs", () => {
    const needs = Object.fromEntries(
      content.DEFAULT_CATEGORIES.map((category) => [category.id, [...category.requires].sort()]),
    );
    expect(needs.GAGAL_UNGGAH_PENAWARAN).toEqual([
      "BID_DEADLINE",
      "KTP",
      "SCREENSHOT",
      "TENDER_CODE",
    ]);
    expect(needs.SURAT_KETERANGAN_GANGGUAN).toEqual(["KTP", "SCREENSHOT", "TENDER_CODE"]);
    expect(needs.LUPA_PASSWORD).toEqual(["KTP", "SCREENSHOT"]);
    expect(content.DEFAULT_CATEGORIES).toHaveLength(9);
  });

  it("has a label and explanation for every ticket status", () => {
    for (const status of content.TICKET_STATUSES) {
      expect(content.TICKET_STATUS_TEXT[status].label.id).not.toBe("");
    }
  });
});
