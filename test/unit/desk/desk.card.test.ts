import { describe, expect, it } from "vitest";
import {
  type CardTicket,
  documentFileLabels,
  maskPhone,
  renderCard,
  sentFileWord,
  topicTitle,
} from "../../../bot/agent-desk/desk.card.ts";
import { parseButtonData } from "../../../bot/agent-desk/desk.commands.ts";

const TICKET: CardTicket = {
  id: "01a22425-7fb9-751b-9ff4-dabffb5c73f6",
  number: "LDK-2026-00042",
  category: "LUPA_PASSWORD",
  status: "DITERIMA",
  priority: "TINGGI",
  team: "HELPDESK",
  channel: "WHATSAPP",
  language: "ID",
  applicantName: "Siti <Aminah> & Co",
  nik: "6171054101900001",
  phone: "+6281234567890",
  role: "PENYEDIA",
  organisation: "CV Kapuas",
  email: "siti@example.com",
  tenderCode: "10012345",
  bidDeadline: new Date("2026-12-01T03:00:00Z"),
  actingForOther: true,
  description: "Tidak bisa masuk SPSE.",
  lkppTicketNumber: null,
  slaStage: "HELPDESK",
  slaDueAt: new Date("2026-11-30T07:30:00Z"),
  slaPausedAt: null,
  createdAt: new Date("2026-11-28T02:00:00Z"),
  assigneeName: "Budi (helpdesk)",
  documents: ["KTP", "SURAT_KUASA", "SCREENSHOT", "SCREENSHOT"],
};
const TOPIC_ID = "01a22425-c4eb-75ef-baed-8874e502d4b0";

describe("ticket card", () => {
  const { html, keyboard } = renderCard(TICKET, TOPIC_ID);

  it("shows the answers with the NIK and phone masked and markup escaped", () => {
    expect(html).toContain("LDK-2026-00042");
    expect(html).toContain("Lupa password / reset akun");
    expect(html).toContain("6171********0001");
    expect(html).not.toContain("6171054101900001");
    expect(html).toContain("+62812*****890");
    expect(html).not.toContain("81234567890");
    expect(html).toContain("Siti &lt;Aminah&gt; &amp; Co");
    expect(html).toContain("Batas waktu tahap Pemeriksaan Helpdesk: 30/11/2026 14:30 WIB");
    expect(html).toContain("Prioritas: Tinggi · Tim: Helpdesk");
    expect(html).toContain("Batas penawaran: 01/12/2026 10:00 WIB");
    expect(html).toContain("KTP, Surat kuasa, Tangkapan layar ×2");
    expect(html).toContain("Petugas: Budi (helpdesk)");
  });

  it("carries action buttons for this ticket, templates for its topic", () => {
    const buttons = keyboard.flat().map((b) => ({
      text: b.text,
      data: parseButtonData((b as { callback_data: string }).callback_data),
    }));
    expect(buttons.map((b) => b.data?.action ?? b.text)).toEqual([
      "claim",
      "process",
      "request",
      "resolve",
      "reject",
      "ktp",
      "tpl",
      "➡️ Teruskan",
      "📁 Tutup",
      "🕘 Riwayat",
    ]);
    // The guided steps' buttons name the ticket too.
    const guided = keyboard.at(-1)?.map((b) => (b as { callback_data: string }).callback_data);
    expect(guided).toEqual([`g:fwd:${TICKET.id}`, `g:cl:${TICKET.id}`, `g:hi:${TICKET.id}`]);
    expect(buttons.find((b) => b.data?.action === "claim")?.data?.id).toBe(TICKET.id);
    expect(buttons.find((b) => b.data?.action === "tpl")?.data?.id).toBe(TOPIC_ID);
  });

  it("cuts a very long description to stay within one message", () => {
    const long = renderCard({ ...TICKET, description: "x".repeat(5000) }, TOPIC_ID);
    expect(long.html.length).toBeLessThan(4096);
  });

  it("shows what is missing once a ticket is anonymised", () => {
    const gone = renderCard({ ...TICKET, nik: null, phone: null }, TOPIC_ID).html;
    expect(gone).toContain("NIK: - · HP: -");
  });
});

describe("topic name", () => {
  it("names number, category and status", () => {
    expect(topicTitle(TICKET)).toBe("LDK-2026-00042 · Lupa password / reset akun · Diterima");
  });
  it("stays within Telegram's 128 characters for unknown long categories", () => {
    expect(topicTitle({ ...TICKET, category: "X".repeat(200) }).length).toBeLessThanOrEqual(128);
  });
  it("masks phone numbers of any length", () => {
    expect(maskPhone("+6281234567890")).toBe("+62812*****890");
    expect(maskPhone("12345")).toBe("*****");
  });
});

describe("file labels in a ticket's topic", () => {
  it("numbers screenshots per kind and names single documents plainly", () => {
    expect(documentFileLabels(["SCREENSHOT", "REQUEST_FORM", "SCREENSHOT", "OTHER"])).toEqual([
      { label: "Tangkapan layar 1", baseName: "tangkapan-layar-1" },
      { label: "Formulir permohonan", baseName: "formulir-permohonan" },
      { label: "Tangkapan layar 2", baseName: "tangkapan-layar-2" },
      { label: "Dokumen lain 1", baseName: "dokumen-lain-1" },
    ]);
  });

  it("calls a photo a photo", () => {
    expect(sentFileWord("image/jpeg")).toBe("foto");
    expect(sentFileWord("application/pdf")).toBe("dokumen PDF");
  });
});
