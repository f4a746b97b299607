// /konsol/tiket on real PostgreSQL and Redis: every filter narrows the list,
// paging keeps the filters, the posted search finds by exact NIK (a part of
// one finds nothing), by phone and by name without echoing the term, and the
// CSV export follows the filters with formula-looking cells neutralised.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../core/infra/logger.ts";
import { contactIdHash } from "../../core/infra/stores/contact.store.ts";
import { contactData, fileTicketFor, testCipher } from "../support/app.ts";
import { DAY, MINUTE, numbersIn, seedTicket, wibDayOf } from "../support/console-tickets.ts";
import { uniqueNik } from "../support/nik.ts";
import { AGENT_PASSWORD, browser, webConsoleFixture } from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-tickets", logger);
const t: Record<string, { id: string; number: string; nikHash: string | null }> = {};
const nik1 = uniqueNik("6171", "0101");
let b: ReturnType<typeof browser>;
let helpdeskId = "";
const days = (n: number) => wibDayOf(f.nowMs - n * DAY);

beforeAll(async () => {
  const now = f.nowMs;
  const agents = await f.db.prisma.agent.findMany({ select: { id: true, role: true } });
  helpdeskId = agents.find((a) => a.role === "HELPDESK")?.id ?? "";
  t.a = await seedTicket(f.db, {
    createdAt: new Date(now - 5 * DAY),
    channel: "WHATSAPP",
    draft: { nik: nik1, phone: "+6281300000001", name: "Rahmat Hidayat" },
    set: { status: "DIPROSES", team: "VERIFIKATOR", category: "REGISTRASI_AKUN" },
  });
  await f.db.prisma.ticket.update({
    where: { id: t.a.id },
    data: { priority: "TINGGI", assigneeId: helpdeskId },
  });
  t.b = await seedTicket(f.db, {
    createdAt: new Date(now - 2 * DAY),
    draft: { phone: "+6281300000002", name: "Siti Aminah" },
    set: { status: "BARU", slaStage: "HELPDESK", slaDueAt: new Date(now + 10 * MINUTE) },
  });
  t.c = await seedTicket(f.db, {
    createdAt: new Date(now),
    draft: { phone: "+6281300000003", name: "Budi Santoso" },
    set: { status: "DITERUSKAN", team: "ADMIN", priority: "MENDESAK", slaStage: "TEAM" },
  });
  // A WhatsApp user whose form names another number: found by the chat's number too.
  const jid = "6281399990005@s.whatsapp.net";
  const contact = await f.db.prisma.contact.create({
    data: contactData("WHATSAPP", jid, contactIdHash(testCipher, "WHATSAPP", jid)),
  });
  const made = await fileTicketFor(f.db, testCipher, contact, new Date(now - 2 * DAY), {
    phone: "+6281300000005",
  });
  t.d = await f.db.prisma.ticket.update({
    where: { id: made.ticketId },
    data: { createdAt: new Date(now - 2 * DAY), category: '=HYPERLINK("http://x","klik")' },
  });
  for (let i = 0; i < 21; i++) {
    await seedTicket(f.db, {
      createdAt: new Date(now - 10 * DAY + i * MINUTE),
      set: { category: "KENDALA_OTP", status: "SELESAI" },
    });
  }
  b = browser(f.web.app);
  expect((await b.signIn("verifikator", AGENT_PASSWORD)).statusCode).toBe(303);
});

const list = async (query: string) => {
  const res = await b.get(`/konsol/tiket?${query}`);
  expect(res.statusCode, query).toBe(200);
  return numbersIn(res.body);
};
const n = (...keys: string[]) => keys.map((k) => t[k]?.number ?? "").sort();

describe("the ticket list's filters", () => {
  it("each narrows the list to the tickets that match", async () => {
    expect(await list("status=DIPROSES")).toEqual(n("a"));
    expect(await list("tahap=HELPDESK")).toEqual(n("b"));
    expect(await list("tahap=TEAM")).toEqual(n("c"));
    expect(await list("tim=ADMIN")).toEqual(n("c"));
    expect(await list("kategori=REGISTRASI_AKUN")).toEqual(n("a"));
    expect(await list("kanal=WHATSAPP")).toEqual(n("a", "d"));
    expect(await list("prioritas=MENDESAK")).toEqual(n("c"));
    expect(await list(`petugas=${helpdeskId}`)).toEqual(n("a"));
    expect(await list(`petugas=${randomUUID()}`)).toEqual([]);
    expect(await list(`dari=${days(2)}&sampai=${days(2)}`)).toEqual(n("b", "d"));
    expect(await list(`dari=${days(0)}`)).toEqual(n("c"));
    expect(await list(`sampai=${days(5)}&status=DIPROSES`)).toEqual(n("a"));
    expect(await list("kanal=WHATSAPP&status=BARU")).toEqual(n("d"));
    expect(await list("kanal=WHATSAPP&status=DITERUSKAN")).toEqual([]);
  });

  it("refuses bad input with a message in Bahasa Indonesia, not an error page", async () => {
    for (const [query, text] of [
      ["status=BUKAN", "Status tidak dikenal."],
      ["dari=2026-02-30", "Tanggal awal tidak valid"],
      [`dari=${days(1)}&sampai=${days(3)}`, "lebih awal daripada tanggal awal"],
      ["petugas=bukan-id", "Petugas tidak dikenal."],
      ["kategori=%3Dx", "Kategori tidak dikenal."],
    ] as const) {
      const res = await b.get(`/konsol/tiket?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.body).toContain(text);
    }
  });

  it("keeps the filters when paging", async () => {
    const first = await b.get("/konsol/tiket?kategori=KENDALA_OTP");
    expect(first.body).toContain("21 tiket, halaman 1 dari 2");
    const next = /<a href="(\/konsol\/tiket\?[^"]+)">Berikutnya/u.exec(first.body)?.[1] ?? "";
    expect(next.replaceAll("&#38;", "&")).toBe("/konsol/tiket?kategori=KENDALA_OTP&halaman=2");
    const second = await b.get(next.replaceAll("&#38;", "&"));
    expect(numbersIn(second.body)).toHaveLength(1);
    expect(second.body).toContain("21 tiket, halaman 2 dari 2");
  });
});

describe("searching by the applicant's data (posted)", () => {
  const search = async (jenis: string, kata: string, extra: Record<string, string> = {}) =>
    b.post("/konsol/tiket/cari", { _csrf: await b.csrf("/konsol/tiket"), jenis, kata, ...extra });

  it("finds by the exact NIK only, without echoing it or auditing it", async () => {
    const found = await search("nik", nik1);
    expect(found.statusCode).toBe(200);
    expect(numbersIn(found.body)).toEqual(n("a"));
    expect(found.body).not.toContain(nik1);
    const partial = await search("nik", nik1.slice(0, 12));
    expect(partial.statusCode).toBe(400);
    expect(partial.body).toContain("NIK harus 16 angka");
    expect(numbersIn(partial.body)).toEqual([]);
    const audit = await f.db.prisma.auditLog.findMany({
      where: { action: "console.ticket_search" },
    });
    expect(audit.map((a) => a.detail)).toContainEqual({ kind: "nik", found: 1 });
    expect(JSON.stringify(audit)).not.toContain(nik1);
  });

  it("finds by the phone in the form, or the WhatsApp number it was sent from", async () => {
    const typed = await search("telepon", "0813-0000-0002");
    expect(numbersIn(typed.body)).toEqual(n("b"));
    expect(typed.body).not.toContain("81300000002");
    expect(numbersIn((await search("telepon", "+62 813 9999 0005")).body)).toEqual(n("d"));
    expect(numbersIn((await search("telepon", "081300000005")).body)).toEqual(n("d"));
    expect((await search("telepon", "12345")).statusCode).toBe(400);
  });

  it("finds by a part of the name, within the filters", async () => {
    expect(numbersIn((await search("nama", "santoso")).body)).toEqual(n("c"));
    expect(numbersIn((await search("nama", "RAHMAT hidayat")).body)).toEqual(n("a"));
    expect(numbersIn((await search("nama", "santoso", { kanal: "WHATSAPP" })).body)).toEqual([]);
    expect((await search("nama", "ab")).statusCode).toBe(400);
  });

  it("refuses a search without the form's CSRF token", async () => {
    const res = await b.post("/konsol/tiket/cari", { jenis: "nik", kata: nik1 });
    expect(res.statusCode).toBe(403);
  });
});

describe("/konsol/tiket.csv", () => {
  it("exports the filtered list, every cell quoted and formulas neutralised, and audits it", async () => {
    const res = await b.get("/konsol/tiket.csv?kanal=WHATSAPP");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toMatch(
      /^attachment; filename="tiket-[\d-]+\.csv"$/u,
    );
    const lines = res.body
      .replace(/^\uFEFF/u, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      '"Nomor","Dibuat (WIB)","Kanal","Status","Tahap","Tim","Kategori","Prioritas","Petugas","Batas waktu layanan (WIB)","Waktu layanan","Asal permohonan"',
    );
    const rows = lines.slice(1);
    expect(rows.map((l) => l.split(",")[0]?.replaceAll('"', "")).sort()).toEqual(n("a", "d"));
    const d = rows.find((l) => l.startsWith(`"${t.d?.number}"`)) ?? "";
    expect(d).toContain(`"'=HYPERLINK(""http://x"",""klik"")"`);
    for (const cell of rows.flatMap((l) => l.split('","'))) {
      expect(cell.replace(/^"/u, "")).not.toMatch(/^[=+\-@]/u);
    }
    expect(res.body).not.toContain("Rahmat");
    expect(res.body).not.toContain(nik1);
    const audit = await f.db.prisma.auditLog.findFirstOrThrow({
      where: { action: "console.tickets_export" },
    });
    expect(audit.detail).toMatchObject({ rows: 2, capped: false, filters: { kanal: "WHATSAPP" } });
    expect((await b.get("/konsol/tiket.csv?prioritas=SANGAT")).statusCode).toBe(400);
  });
});
