// The monthly report on the real PostgreSQL: a seeded month with known
// tickets, steps, surveys and complaints, and the figures worked out by hand;
// then `npm run report`. The month is March 2031 because the hand-worked
// service times follow its weekdays (28 February a Friday, 3 March a Monday);
// the report reads no clock, and the file has a database of its own, so no
// other test's "now" ever lands in the month, whenever the suite runs.
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileComplaint } from "../../core/app/complaints.ts";
import { buildMonthlyReport } from "../../core/app/monthly-figures.ts";
import { exportMonthlyReport } from "../../core/app/monthly-report.ts";
import type { Channel, TicketStatus } from "../../core/infra/db.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { contactData } from "../support/app.ts";
import { isolatedDatabase } from "../support/database.ts";
import { TEST_SECRETS } from "../support/env.ts";
import { countOperator, pdfPlain } from "../support/pdf.ts";
import { runEntry } from "../support/process.ts";

let db: Database;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let dir: string;
/** WIB wall-clock time in 2031 (1 March 2031 is a Saturday; 3 March a Monday). */
const wib = (date: string, time: string) => new Date(`2031-${date}T${time}:00+07:00`);

type Step = [from: TicketStatus | null, to: TicketStatus, at: Date];

async function seedTicket(input: {
  category: string;
  channel: Channel;
  status: TicketStatus;
  createdAt: Date;
  resolvedAt?: Date;
  steps: Step[];
  survey?: { status: "SELESAI" | "DILEWATI" | "DITANYAKAN"; answers: number[]; at?: Date };
}) {
  const contact = await db.prisma.contact.create({
    data: contactData(input.channel, randomUUID(), `report-${randomUUID()}`),
  });
  const ticket = await db.prisma.ticket.create({
    data: {
      number: `RPT-${randomUUID()}`,
      contactId: contact.id,
      channel: input.channel,
      category: input.category,
      status: input.status,
      applicantName: "Contoh",
      description: "Contoh permohonan",
      consentAt: input.createdAt,
      createdAt: input.createdAt,
      resolvedAt: input.resolvedAt ?? null,
      events: {
        create: [
          [null, "BARU", input.createdAt] as Step,
          ["BARU", "BARU", input.createdAt] as Step, // routing
          ...input.steps,
        ].map(([fromStatus, toStatus, createdAt]) => ({
          fromStatus,
          toStatus,
          createdAt,
          actorType: "SYSTEM" as const,
        })),
      },
    },
  });
  if (input.survey) {
    await db.prisma.surveyResponse.create({
      data: {
        ticketId: ticket.id,
        status: input.survey.status,
        answers: input.survey.answers,
        completedAt: input.survey.at ?? null,
      },
    });
  }
  return { ticket, contact };
}

beforeAll(async () => {
  database = await isolatedDatabase("report");
  db = await openDatabase({ kind: "postgres", url: database.url });
  dir = await mkdtemp(path.join(tmpdir(), "lpse-report-"));
  // T1: helpdesk forwards at 09:10 (due 09:15, on time); team resolves 09:40 (due 09:25, late).
  const t1 = await seedTicket({
    category: "LUPA_PASSWORD",
    channel: "TELEGRAM",
    status: "DITUTUP",
    createdAt: wib("03-03", "09:00"),
    resolvedAt: wib("03-03", "09:40"),
    steps: [
      ["BARU", "DITERIMA", wib("03-03", "09:05")],
      ["DITERIMA", "DITERUSKAN", wib("03-03", "09:10")],
      ["DITERUSKAN", "DIPROSES", wib("03-03", "09:12")],
      ["DIPROSES", "SELESAI", wib("03-03", "09:40")],
      ["SELESAI", "DITUTUP", wib("03-03", "10:00")],
    ],
    survey: { status: "SELESAI", answers: [4, 3, 3, 4, 3, 4, 4, 3, 3], at: wib("03-03", "11:00") },
  });
  // T2: the desk resolves itself at 10:30 (helpdesk due 10:15, late).
  await seedTicket({
    category: "LUPA_PASSWORD",
    channel: "WHATSAPP",
    status: "SELESAI",
    createdAt: wib("03-03", "10:00"),
    resolvedAt: wib("03-03", "10:30"),
    steps: [
      ["BARU", "DITERIMA", wib("03-03", "10:20")],
      ["DITERIMA", "SELESAI", wib("03-03", "10:30")],
    ],
    survey: { status: "SELESAI", answers: [3, 3, 2, 4, 3, 3, 4, 3, 3], at: wib("03-04", "08:00") },
  });
  // T3: forwarded 08:05 (due 08:15), resolved 08:15 (team due 08:20): both on time.
  await seedTicket({
    category: "GAGAL_UNGGAH_PENAWARAN",
    channel: "WHATSAPP",
    status: "SELESAI",
    createdAt: wib("03-04", "08:00"),
    resolvedAt: wib("03-04", "08:15"),
    steps: [
      ["BARU", "DITERIMA", wib("03-04", "08:02")],
      ["DITERIMA", "DITERUSKAN", wib("03-04", "08:05")],
      ["DITERUSKAN", "DIPROSES", wib("03-04", "08:06")],
      ["DIPROSES", "SELESAI", wib("03-04", "08:15")],
    ],
    survey: { status: "SELESAI", answers: [4, 4, 3, 4, 4, 4, 4, 4, 3], at: wib("03-10", "08:00") },
  });
  // T4: rejected at 09:03 (helpdesk due 09:15, on time); its skipped survey does not count.
  await seedTicket({
    category: "ERROR_APLIKASI",
    channel: "WHATSAPP",
    status: "DITOLAK",
    createdAt: wib("03-05", "09:00"),
    steps: [
      ["BARU", "DITERIMA", wib("03-05", "09:01")],
      ["DITERIMA", "DITOLAK", wib("03-05", "09:03")],
    ],
    survey: { status: "DILEWATI", answers: [1, 1, 1, 1, 1, 1, 1, 1, 1], at: wib("03-05", "10:00") },
  });
  // T5: filed in the month's last second, still new; its survey is only asked.
  await seedTicket({
    category: "REGISTRASI_AKUN",
    channel: "TELEGRAM",
    status: "BARU",
    createdAt: wib("03-31", "23:59"),
    steps: [],
    survey: { status: "DITANYAKAN", answers: [] },
  });
  // T6: filed in February, forwarded in February (not counted), resolved 3 March
  // 08:30 (team due 28 Feb 15:25, late): counts for the team stage and handling time.
  await seedTicket({
    category: "DATA_PENYEDIA",
    channel: "WHATSAPP",
    status: "SELESAI",
    createdAt: wib("02-28", "15:00"),
    resolvedAt: wib("03-03", "08:30"),
    steps: [
      ["BARU", "DITERIMA", wib("02-28", "15:05")],
      ["DITERIMA", "DITERUSKAN", wib("02-28", "15:10")],
      ["DITERUSKAN", "DIPROSES", wib("03-03", "08:00")],
      ["DIPROSES", "SELESAI", wib("03-03", "08:30")],
    ],
    survey: { status: "SELESAI", answers: [3, 3, 3, 4, 3, 3, 3, 3, 3], at: wib("03-03", "09:00") },
  });
  // T7: forwarded 31 March 14:10 (on time), resolved in April: only its helpdesk stage counts.
  await seedTicket({
    category: "DATA_PENYEDIA",
    channel: "WHATSAPP",
    status: "SELESAI",
    createdAt: wib("03-31", "14:00"),
    resolvedAt: wib("04-01", "09:00"),
    steps: [
      ["BARU", "DITERIMA", wib("03-31", "14:05")],
      ["DITERIMA", "DITERUSKAN", wib("03-31", "14:10")],
      ["DITERUSKAN", "DIPROSES", wib("04-01", "08:00")],
      ["DIPROSES", "SELESAI", wib("04-01", "09:00")],
    ],
    survey: { status: "SELESAI", answers: [1, 1, 1, 1, 1, 1, 1, 1, 1], at: wib("04-01", "10:00") },
  });
  // T8: filed at 1 April 00:00 WIB (still 31 March in UTC): April's.
  await seedTicket({
    category: "LAINNYA",
    channel: "TELEGRAM",
    status: "BARU",
    createdAt: wib("04-01", "00:00"),
    steps: [],
  });
  for (const [status, at] of [
    ["BARU", wib("03-02", "10:00")],
    ["BARU", wib("03-20", "10:00")],
    ["SELESAI", wib("03-21", "10:00")],
    ["BARU", wib("04-01", "00:00")],
  ] as const) {
    const filed = await db.prisma.$transaction((tx) =>
      fileComplaint(tx, t1.contact, {
        text: "Contoh pengaduan",
        language: "id",
        dueAt: at.toISOString(),
        at,
      }),
    );
    await db.prisma.complaint.update({
      where: { id: filed.complaintId },
      data: { status, createdAt: at },
    });
  }
});

afterAll(async () => {
  await db.close();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

const count = (rows: { key: string; count: number }[], key: string) =>
  rows.find((r) => r.key === key)?.count;

describe("monthly report of a seeded month", () => {
  it("counts, compliance, handling times, IKM and complaints match the hand-worked figures", async () => {
    const report = await buildMonthlyReport(db.prisma, "2031-03");
    expect(report.monthLabel).toBe("Maret 2031");
    // Filed in March (WIB): T1, T2, T3, T4, T5, T7.
    expect(report.tickets.total).toBe(6);
    expect(count(report.tickets.byCategory, "LUPA_PASSWORD")).toBe(2);
    expect(count(report.tickets.byCategory, "DATA_PENYEDIA")).toBe(1);
    expect(count(report.tickets.byCategory, "GAGAL_UNGGAH_PENAWARAN")).toBe(1);
    expect(count(report.tickets.byCategory, "ERROR_APLIKASI")).toBe(1);
    expect(count(report.tickets.byCategory, "REGISTRASI_AKUN")).toBe(1);
    expect(count(report.tickets.byCategory, "LAINNYA")).toBe(0);
    expect(report.tickets.byCategory[0]).toMatchObject({
      key: "LUPA_PASSWORD",
      label: "Lupa password / reset akun",
    });
    expect(report.tickets.byChannel.map((r) => [r.key, r.count])).toEqual([
      ["WHATSAPP", 4],
      ["TELEGRAM", 2],
    ]);
    expect(Object.fromEntries(report.tickets.byStatus.map((r) => [r.key, r.count]))).toEqual({
      SELESAI: 3,
      DITUTUP: 1,
      DITOLAK: 1,
      BARU: 1,
    });

    // Helpdesk stages finished in March: T1 ✓, T2 ✗, T3 ✓, T4 ✓, T7 ✓ (T6's was in February).
    // Team stages finished in March: T1 ✗, T3 ✓, T6 ✗ (T7's is in April).
    expect(report.compliance.stages).toEqual([
      expect.objectContaining({ stage: "HELPDESK", finished: 5, onTime: 4, rate: 0.8 }),
      expect.objectContaining({ stage: "TEAM", finished: 3, onTime: 1, rate: 1 / 3 }),
    ]);
    expect(report.compliance.overall).toMatchObject({ finished: 8, onTime: 5, rate: 0.625 });

    // Resolved in March: T3 15, T2 30, T1 40, T6 3930 minutes (28 Feb 15:00 -> 3 Mar 08:30).
    // Median (30 + 40) / 2 = 35; p90 rank 0.9 × 3 = 2.7 -> 40 + 0.7 × (3930 - 40) = 2763.
    expect(report.handling.resolved).toBe(4);
    expect(report.handling.medianMinutes).toBe(35);
    expect(report.handling.p90Minutes).toBeCloseTo(2763, 6);

    // Completed surveys in March: T1, T2, T3, T6 (the four of test/unit/ikm.test.ts):
    // NRR 3.50 3.25 2.75 4.00 3.25 3.50 3.75 3.25 3.00, Σ 30.25, /9 × 25 = 84.03, B.
    expect(report.ikm.respondents).toBe(4);
    expect(report.ikm.elements.map((e) => e.nrr)).toEqual([
      3.5, 3.25, 2.75, 4, 3.25, 3.5, 3.75, 3.25, 3,
    ]);
    expect(report.ikm.ikm).toBe(84.03);
    expect(report.ikm.grade?.letter).toBe("B");

    expect(report.complaints.total).toBe(3);
    expect(Object.fromEntries(report.complaints.byStatus.map((r) => [r.key, r.count]))).toEqual({
      BARU: 2,
      DITANGGAPI: 0,
      SELESAI: 1,
    });
  });

  it("exports a PDF with its charts, the CSV and a summary for /laporan", async () => {
    const result = await exportMonthlyReport({ prisma: db.prisma }, "2031-03");
    expect(result.fileBase).toBe("laporan-bulanan-2031-03");
    const text = await pdfPlain(result.pdf);
    for (const part of [
      "Periode: Maret 2031",
      "Tiket per kategori",
      "Lupa password / reset akun",
      "Persentase tahap selesai tepat waktu",
      "80,0% (4/5)",
      "62,5% (5/8)",
      "84,03 (B, Baik)",
    ]) {
      expect(text, part).toContain(part);
    }
    const r = result.report;
    const bars =
      r.tickets.byCategory.length +
      r.tickets.byChannel.length +
      r.tickets.byStatus.length +
      r.compliance.stages.length +
      1 +
      r.ikm.elements.length;
    expect(countOperator(result.pdf, "re")).toBe(bars + 2);
    expect(result.csv.split("\r\n")).toEqual(
      expect.arrayContaining([
        "tiket,TOTAL,Tiket masuk,jumlah,6",
        "kepatuhan,TOTAL,Seluruh tahap,persen,62.5",
        "penanganan,MEDIAN,Median waktu penanganan,menit,35",
        "ikm,IKM,IKM unit pelayanan,nilai_konversi,84.03",
      ]),
    );
    expect(result.summaryText).toContain("Laporan bulanan Maret 2031");
    expect(result.summaryText).toContain("Tiket masuk: 6");
  });

  it("`npm run report -- 2031-03` writes the PDF and CSV and audits the export", async () => {
    const out = path.join(dir, "reports");
    const run = runEntry("workers/report.cli.ts", ["2031-03", "--out", out], {
      DATABASE_URL: database.url,
      DATA_DIR: dir,
      LOG_LEVEL: "silent",
      ...TEST_SECRETS,
    });
    expect(await run.exit, run.output()).toBe(0);
    const pdfFile = path.join(out, "laporan-bulanan-2031-03.pdf");
    const csvFile = path.join(out, "laporan-bulanan-2031-03.csv");
    expect(run.output()).toContain(pdfFile);
    expect(run.output()).toContain(csvFile);
    expect(await pdfPlain(await readFile(pdfFile))).toContain("Periode: Maret 2031");
    expect(await readFile(csvFile, "utf8")).toContain("tiket,TOTAL,Tiket masuk,jumlah,6");
    const audit = await db.prisma.auditLog.findMany({
      where: { action: "report.export", detail: { path: ["month"], equals: "2031-03" } },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "SYSTEM", actorId: "report-cli" });

    const bad = runEntry("workers/report.cli.ts", ["maret"], { DATABASE_URL: database.url });
    expect(await bad.exit).not.toBe(0);
    expect(bad.output()).toContain("Bulan tidak valid");
  }, 60_000);
});
