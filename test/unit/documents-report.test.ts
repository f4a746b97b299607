// The monthly report's pure parts: month boundaries, percentiles, the stage
// compliance replay, the CSV, and the PDF's charts (read back from the file).
import { describe, expect, it } from "vitest";
import { percentile } from "../../core/app/monthly-figures.ts";
import { parseReportMonth, previousReportMonth } from "../../core/app/report-month.ts";
import { csvField, monthlyReportCsv } from "../../core/documents/monthly-report.csv.ts";
import type { MonthlyReport } from "../../core/documents/monthly-report.model.ts";
import { renderMonthlyReportPdf } from "../../core/documents/monthly-report.pdf.ts";
import { monthlyReportSummary } from "../../core/documents/monthly-report.summary.ts";
import { DEFAULT_BUSINESS_CALENDAR } from "../../core/domain/sla/business-calendar.schema.ts";
import type { SlaStatusChange } from "../../core/domain/sla/sla.transition.ts";
import { finishedStages } from "../../core/domain/sla/stage-compliance.ts";
import { computeIkm } from "../../core/domain/survey/ikm.ts";
import type { TicketStatus } from "../../core/domain/ticket/ticket.enums.ts";
import { countOperator, pdfPlain, pdfText } from "../support/pdf.ts";

describe("report months", () => {
  it("are WIB calendar months", () => {
    const nov = parseReportMonth("2026-11");
    expect(nov?.start.toISOString()).toBe("2026-10-31T17:00:00.000Z");
    expect(nov?.end.toISOString()).toBe("2026-11-30T17:00:00.000Z");
    expect(parseReportMonth("2026-12")?.end.toISOString()).toBe("2026-12-31T17:00:00.000Z");
    for (const bad of ["2026-13", "2026-1", "26-11", "november", ""]) {
      expect(parseReportMonth(bad), bad).toBeNull();
    }
    // 1 December 00:30 WIB is still 30 November in UTC, but December in Landak.
    expect(previousReportMonth(new Date("2026-11-30T17:30:00Z"))).toBe("2026-11");
    expect(previousReportMonth(new Date("2026-01-15T03:00:00Z"))).toBe("2025-12");
  });
});

describe("percentile", () => {
  it("interpolates between closest ranks", () => {
    // Sorted: 10 20 30 40 50. Median: rank 2 -> 30. p90: rank 3.6 -> 40 + 0.6 × 10 = 46.
    expect(percentile([50, 10, 40, 20, 30], 0.5)).toBe(30);
    expect(percentile([50, 10, 40, 20, 30], 0.9)).toBeCloseTo(46, 10);
    // Even count: median is the mean of the middle two.
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });
});

// Wednesday 2 December 2026; WIB wall-clock times. Office hours 07:30-16:00.
const wib = (hhmm: string, day = 2) =>
  new Date(`2026-12-${String(day).padStart(2, "0")}T${hhmm}:00+07:00`);
const step = (from: TicketStatus | null, to: TicketStatus, at: Date): SlaStatusChange => ({
  fromStatus: from,
  toStatus: to,
  createdAt: at,
});
const stagesOf = (createdAt: Date, events: SlaStatusChange[]) =>
  finishedStages({ createdAt }, events, DEFAULT_BUSINESS_CALENDAR).map((s) => [s.stage, s.onTime]);

describe("stage compliance replay", () => {
  it("helpdesk forwarded in time, team resolved late; closing finishes nothing more", () => {
    expect(
      stagesOf(wib("09:00"), [
        step(null, "BARU", wib("09:00")),
        step("BARU", "BARU", wib("09:00")), // routing
        step("BARU", "DITERIMA", wib("09:05")),
        step("DITERIMA", "DITERUSKAN", wib("09:10")), // helpdesk due 09:15
        step("DITERUSKAN", "DIPROSES", wib("09:12")),
        step("DIPROSES", "SELESAI", wib("09:40")), // team due 09:25
        step("SELESAI", "DITUTUP", wib("10:00")),
      ]),
    ).toEqual([
      ["HELPDESK", true],
      ["TEAM", false],
    ]);
  });

  it("waiting for the user stops the clock; finishing exactly at the due time is late", () => {
    expect(
      stagesOf(wib("09:00"), [
        step("BARU", "DITERIMA", wib("09:05")),
        step("DITERIMA", "MENUNGGU_PENGGUNA", wib("09:10")), // 5 minutes left
        step("MENUNGGU_PENGGUNA", "DITERIMA", wib("13:00")), // due 13:05
        step("DITERIMA", "DITERUSKAN", wib("13:04")),
        step("DITERUSKAN", "DIPROSES", wib("13:05")),
        step("DIPROSES", "SELESAI", wib("13:19")), // team due 13:19: late
      ]),
    ).toEqual([
      ["HELPDESK", true],
      ["TEAM", false],
    ]);
  });

  it("escalation to LKPP pauses the team's clock and is not measured itself", () => {
    expect(
      stagesOf(wib("09:00"), [
        step("BARU", "DITERIMA", wib("09:01")),
        step("DITERIMA", "DITERUSKAN", wib("09:02")),
        step("DITERUSKAN", "DIPROSES", wib("09:03")),
        step("DIPROSES", "ESKALASI_LKPP", wib("09:10")), // team due 09:17
        step("ESKALASI_LKPP", "SELESAI", wib("10:00", 4)),
      ]),
    ).toEqual([
      ["HELPDESK", true],
      ["TEAM", true],
    ]);
  });
});

const report = (): MonthlyReport => ({
  month: "2026-11",
  monthLabel: "November 2026",
  start: new Date("2026-10-31T17:00:00Z"),
  end: new Date("2026-11-30T17:00:00Z"),
  generatedAt: new Date("2026-12-01T02:00:00Z"),
  office: { name: "LPSE Kabupaten Landak", address: "Ngabang" },
  tickets: {
    total: 6,
    byCategory: [
      { key: "LUPA_PASSWORD", label: "Lupa password / reset akun", count: 4 },
      { key: "LAINNYA", label: 'Lainnya, "khusus"', count: 2 },
      { key: "KENDALA_OTP", label: '=HYPERLINK("x")', count: 0 },
    ],
    byChannel: [
      { key: "WHATSAPP", label: "WhatsApp", count: 5 },
      { key: "TELEGRAM", label: "Telegram", count: 1 },
    ],
    byStatus: [{ key: "SELESAI", label: "Selesai", count: 6 }],
  },
  compliance: {
    stages: [
      { stage: "HELPDESK", label: "Pemeriksaan Helpdesk", finished: 4, onTime: 3, rate: 0.75 },
      {
        stage: "TEAM",
        label: "Penanganan Verifikator/Admin/Bidang",
        finished: 2,
        onTime: 2,
        rate: 1,
      },
    ],
    overall: { stage: "TOTAL", label: "Seluruh tahap", finished: 6, onTime: 5, rate: 5 / 6 },
  },
  handling: { resolved: 6, medianMinutes: 90, p90Minutes: 600 },
  ikm: computeIkm([
    [4, 3, 3, 4, 3, 4, 4, 3, 3],
    [3, 3, 2, 4, 3, 3, 4, 3, 3],
  ]),
  complaints: { total: 1, byStatus: [{ key: "BARU", label: "Baru", count: 1 }] },
});

describe("monthly report files", () => {
  it("PDF: the figures and one drawn bar per category, channel, status, stage and element", async () => {
    const data = report();
    const pdf = await renderMonthlyReportPdf(data);
    const { pages } = await pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = await pdfPlain(pdf);
    for (const part of [
      "LAPORAN BULANAN LAYANAN HELPDESK",
      "Periode: November 2026",
      "Tiket per kategori",
      "Lupa password / reset akun",
      "Tiket per kanal",
      "Persentase tahap selesai tepat waktu",
      "75,0% (3/4)",
      "83,3%",
      "1 jam 30 menit",
      "10 jam",
      "Nilai IKM per unsur (skala 25-100)",
      "U9 Sarana dan prasarana",
    ]) {
      expect(text, part).toContain(part);
    }
    const bars =
      data.tickets.byCategory.length +
      data.tickets.byChannel.length +
      data.tickets.byStatus.length +
      data.compliance.stages.length +
      1 +
      data.ikm.elements.length;
    // Each bar is one rectangle; the two tables add one shaded header each.
    expect(countOperator(pdf, "re")).toBe(bars + 2);
  });

  it("CSV: one row per figure, quoted where needed, formulas defused", () => {
    const csv = monthlyReportCsv(report());
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("bagian,kunci,uraian,ukuran,nilai");
    expect(lines.at(-1)).toBe("");
    expect(lines).toContain("kategori,LUPA_PASSWORD,Lupa password / reset akun,jumlah,4");
    expect(lines).toContain('kategori,LAINNYA,"Lainnya, ""khusus""",jumlah,2');
    expect(lines).toContain(`kategori,KENDALA_OTP,"'=HYPERLINK(""x"")",jumlah,0`);
    expect(lines).toContain("kepatuhan,HELPDESK,Pemeriksaan Helpdesk,persen,75");
    expect(lines).toContain("kepatuhan,TOTAL,Seluruh tahap,persen,83.33");
    expect(lines).toContain("penanganan,P90,Persentil ke-90 waktu penanganan,menit,600");
    expect(lines).toContain("ikm,U1,Persyaratan,nrr,3.5");
    expect(lines.some((l) => l.startsWith("ikm,IKM,IKM unit pelayanan,mutu,"))).toBe(true);
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvField("-1")).toBe("'-1");
    expect(csvField(-1)).toBe("-1");
    expect(csvField(null)).toBe("");
  });

  it("summary text for the agents' chat", () => {
    const text = monthlyReportSummary(report());
    expect(text).toContain("Laporan bulanan November 2026");
    expect(text).toContain("Tiket masuk: 6 (terbanyak: Lupa password / reset akun, 4)");
    expect(text).toContain("Kepatuhan waktu layanan: 83,3% (5/6)");
    expect(text).toContain("IKM:");
  });
});
