// /konsol/laporan on real PostgreSQL and Redis: the month's figures (the
// monthly report's, for tickets seeded in the previous WIB month of the real
// now), the PDF and CSV downloads (audited), a bad month, and the roles.
import { describe, expect, it } from "vitest";
import { parseReportMonth, previousReportMonth } from "../../core/app/report-month.ts";
import { monthName } from "../../core/content/messages/documents.messages.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { newTicket } from "../support/app.ts";
import { AGENT_PASSWORD, browser, webConsoleFixture } from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-report", logger);
const DAY = 86_400_000;

async function seedMonth() {
  const period = parseReportMonth(previousReportMonth(f.now()));
  if (!period) throw new Error("no previous month");
  const filed = new Date(period.start.getTime() + 2 * DAY + 3 * 3600_000);
  const resolve = async (ticketId: string, at: Date) => {
    await f.db.prisma.ticketEvent.create({
      data: {
        ticketId,
        fromStatus: "BARU",
        toStatus: "SELESAI",
        createdAt: at,
        actorType: "SYSTEM",
      },
    });
    await f.db.prisma.ticket.update({
      where: { id: ticketId },
      data: { status: "SELESAI", resolvedAt: at },
    });
  };
  const quick = await newTicket(f.db, filed, { category: "LUPA_PASSWORD" }, "WHATSAPP");
  await resolve(quick.ticketId, new Date(filed.getTime() + 60_000));
  const slow = await newTicket(f.db, filed, {}, "TELEGRAM");
  await resolve(slow.ticketId, new Date(filed.getTime() + 20 * DAY));
  await newTicket(f.db, filed, {}, "TELEGRAM");
  await f.db.prisma.surveyResponse.create({
    data: {
      ticketId: quick.ticketId,
      status: "SELESAI",
      answers: [4, 4, 4, 4, 4, 4, 4, 4, 4],
      completedAt: new Date(filed.getTime() + DAY),
    },
  });
  // A ticket of the month after is not counted.
  await newTicket(f.db, new Date(period.end.getTime() + DAY), {}, "WHATSAPP");
  return period;
}

describe("/konsol/laporan", () => {
  it("shows the previous month's figures with charts, and the month asked for", async () => {
    const period = await seedMonth();
    const b = browser(f.web.app);
    await b.signIn("analis", AGENT_PASSWORD);
    const res = await b.get("/konsol/laporan");
    expect(res.statusCode).toBe(200);
    const body = res.body;
    const label = monthName(period.year, period.monthNumber, "id");
    expect(body).toContain(`Laporan bulanan ${label}`);
    expect(body).toContain("Tiket masuk: <strong>3</strong>");
    expect(body).toContain("Tiket selesai: 2");
    // IKM of one survey answered 4 everywhere.
    expect(body).toMatch(/IKM: <strong>100<\/strong> — mutu A/u);
    // Helpdesk stage: one of two on time.
    expect(body).toContain("50% (1/2)");
    expect(body).toMatch(/<td>Lupa password \/ reset akun<\/td><td>1<\/td>/u);
    expect(body).toMatch(/<td>WhatsApp<\/td><td>1<\/td>/u);
    expect(body).toMatch(/<td>Telegram<\/td><td>2<\/td>/u);
    expect(body).toContain('<svg xmlns="http://www.w3.org/2000/svg" role="img"');
    expect(body).not.toContain("<script");
    expect(body).toContain(`/konsol/laporan/unduh?bulan=${period.month}&amp;format=pdf`);
    expect(body).toContain('href="/konsol/laporan"');

    const next = new Date(period.end.getTime() + DAY);
    const later = previousReportMonth(new Date(next.getTime() + 40 * DAY));
    const other = await b.get(`/konsol/laporan?bulan=${later}`);
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain("Tiket masuk: <strong>3</strong>");
  });

  it("downloads the PDF and the CSV, each audited, and refuses a bad month or format", async () => {
    const month = previousReportMonth(f.now());
    const b = browser(f.web.app);
    await b.signIn("supervisor", AGENT_PASSWORD);
    const pdf = await b.get(`/konsol/laporan/unduh?bulan=${month}&format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 4).toString("latin1")).toBe("%PDF");
    expect(pdf.headers["content-disposition"]).toBe(
      `attachment; filename="laporan-bulanan-${month}.pdf"`,
    );
    const csv = await b.get(`/konsol/laporan/unduh?bulan=${month}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split("\r\n")[0]).toBe("bagian,kunci,uraian,ukuran,nilai");
    const audits = await f.db.prisma.auditLog.findMany({
      where: { action: "report.export" },
      orderBy: { at: "asc" },
    });
    const supervisor = await f.db.prisma.agent.findFirstOrThrow({
      where: { name: "Petugas SUPERVISOR" },
    });
    expect(audits.map((a) => [a.actorId, a.detail])).toEqual([
      [supervisor.id, { month, via: "console", format: "pdf" }],
      [supervisor.id, { month, via: "console", format: "csv" }],
    ]);

    for (const url of [
      "/konsol/laporan?bulan=2026-13",
      `/konsol/laporan/unduh?bulan=x&format=pdf`,
    ]) {
      const bad = await b.get(url);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("Bulan tidak dikenali. Gunakan format TTTT-BB");
    }
    const format = await b.get(`/konsol/laporan/unduh?bulan=${month}&format=docx`);
    expect(format.statusCode).toBe(400);
    expect(format.body).toContain("Pilih PDF atau CSV");
    expect(await f.db.prisma.auditLog.count({ where: { action: "report.export" } })).toBe(2);
  });

  it("is for analysts, supervisors and admins only, and the menu shows it to them alone", async () => {
    for (const role of ["helpdesk", "verifikator"]) {
      const b = browser(f.web.app);
      await b.signIn(role, AGENT_PASSWORD);
      expect((await b.get("/konsol/laporan")).statusCode).toBe(403);
      expect((await b.get("/konsol/laporan/unduh?format=csv")).statusCode).toBe(403);
      expect((await b.get("/konsol/tiket")).body).not.toContain('href="/konsol/laporan"');
    }
    const admin = browser(f.web.app);
    await admin.signIn("admin", AGENT_PASSWORD);
    expect((await admin.get("/konsol/tiket")).body).toContain('href="/konsol/laporan"');
    expect((await admin.get("/konsol/laporan")).statusCode).toBe(200);
  });
});
