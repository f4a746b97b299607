// Changing the office calendar on /konsol/kalender: supervisors and admins
// only, with the form's CSRF token, each change audited with its date (no
// names), and the reasons a form is refused told in Bahasa Indonesia.
import { describe, expect, it } from "vitest";
import { BusinessCalendarSchema } from "../../core/domain/sla/business-calendar.schema.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { wibDate } from "../support/office-calendar.ts";
import { AGENT_PASSWORD, browser, webConsoleFixture } from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const year = (at: Date) => new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();
// A holiday of the files, a week on (the page lists it, the office may declare it a working day).
const fileHoliday = wibDate(new Date(), 7);
const f = webConsoleFixture("web-console-calendar-edit", logger, {
  calendar: BusinessCalendarSchema.parse({ holidays: [fileHoliday] }),
});
const long = (iso: string) =>
  new Intl.DateTimeFormat("id-ID", { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );

async function signedIn(role: string) {
  const b = browser(f.web.app);
  expect((await b.signIn(role, AGENT_PASSWORD)).statusCode).toBe(303);
  return b;
}

async function post(b: Awaited<ReturnType<typeof signedIn>>, url: string, form: object) {
  return b.post(url, { _csrf: await b.csrf("/konsol/kalender"), ...form });
}

const auditOf = (action: string) =>
  f.db.prisma.auditLog.findMany({ where: { action }, orderBy: { at: "asc" } });

describe("changing the calendar in the console", () => {
  it("shows the forms to supervisors and admins only", async () => {
    for (const role of ["supervisor", "admin"]) {
      const body = (await (await signedIn(role)).get("/konsol/kalender")).body;
      expect(body, role).toContain('action="/konsol/kalender/libur"');
      expect(body, role).toContain('action="/konsol/kalender/mingguan"');
    }
    for (const role of ["helpdesk", "verifikator", "analis"]) {
      const b = await signedIn(role);
      expect((await b.get("/konsol/kalender")).body, role).not.toContain("/konsol/kalender/libur");
      const refused = await post(b, "/konsol/kalender/libur", {
        date: wibDate(f.now(), 3),
        name: "Libur",
      });
      expect(refused.statusCode, role).toBe(403);
    }
    expect(await auditOf("calendar.holiday_add")).toEqual([]);
  });

  it("refuses a form without its CSRF token", async () => {
    const b = await signedIn("supervisor");
    const res = await b.post("/konsol/kalender/libur", {
      date: wibDate(f.now(), 3),
      name: "Libur",
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("Formulir kedaluwarsa");
    expect(f.web.calendar.current().holidays).not.toContain(wibDate(f.now(), 3));
  });

  it("tells why a date or hours are refused, and changes nothing", async () => {
    const b = await signedIn("supervisor");
    const cases: [string, object, string][] = [
      ["/konsol/kalender/libur", { date: "2027-02-30", name: "X" }, "Tanggal tidak valid"],
      ["/konsol/kalender/libur", { date: wibDate(f.now(), -1), name: "X" }, "Tanggal sudah lewat"],
      ["/konsol/kalender/libur", { date: wibDate(f.now(), 3), name: " " }, "Nama hari libur wajib"],
      [
        "/konsol/kalender/khusus",
        { date: wibDate(f.now(), 3), open: "14:00", close: "14:00" },
        "Jam tutup harus sesudah jam buka",
      ],
      [
        "/konsol/kalender/mingguan",
        { weekday: "monday", open: "16:00", close: "08:00" },
        "Jam tutup harus sesudah jam buka",
      ],
      [
        "/konsol/kalender/mingguan",
        { weekday: "monday", open: "7", close: "9" },
        "Jam tidak valid",
      ],
      ["/konsol/kalender/libur/hapus", { date: wibDate(f.now(), 4) }, "bukan hari libur"],
    ];
    const before = f.web.calendar.current();
    for (const [url, form, text] of cases) {
      const res = await post(b, url, form);
      expect(res.statusCode, `${url} ${JSON.stringify(form)}`).toBe(400);
      expect(res.body).toContain(text);
    }
    expect(f.web.calendar.current()).toBe(before);
    expect(
      await f.db.prisma.auditLog.count({ where: { action: { startsWith: "calendar." } } }),
    ).toBe(0);
  });

  it("adds and removes holidays, sets special days and weekly hours, each audited", async () => {
    const supervisor = await signedIn("supervisor");
    const admin = await signedIn("admin");
    const added = wibDate(f.now(), 3);
    const special = wibDate(f.now(), 5);

    expect(
      (await post(supervisor, "/konsol/kalender/libur", { date: added, name: "Cuti bersama" }))
        .statusCode,
    ).toBe(303);
    expect(
      (await post(admin, "/konsol/kalender/libur/hapus", { date: fileHoliday })).statusCode,
    ).toBe(303);
    expect(
      (
        await post(supervisor, "/konsol/kalender/khusus", {
          date: special,
          open: "08:00",
          close: "12:00",
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await post(admin, "/konsol/kalender/mingguan", {
          weekday: "friday",
          open: "07:30",
          close: "11:30",
        })
      ).statusCode,
    ).toBe(303);

    const calendar = f.web.calendar.current();
    expect(calendar.holidays).toContain(added);
    expect(calendar.holidays).not.toContain(fileHoliday);
    expect(calendar.specialDays).toContainEqual({
      date: special,
      hours: [{ start: "08:00", end: "12:00" }],
    });
    expect(calendar.weeklyHours.friday).toEqual([{ start: "07:30", end: "11:30" }]);

    const page = (await supervisor.get("/konsol/kalender")).body;
    expect(page).toContain(`${long(added)} — Cuti bersama (ditambahkan di konsol)`);
    expect(page).not.toContain(long(fileHoliday));
    expect(page).toContain(`${long(special)}: 08:00–12:00`);
    expect(page).toContain("<tr><td>Jumat</td><td>07:30–11:30</td></tr>");

    const [add] = await auditOf("calendar.holiday_add");
    const supervisorId = (
      await f.db.prisma.agent.findFirstOrThrow({ where: { role: "SUPERVISOR" } })
    ).id;
    expect(add).toMatchObject({ actorType: "AGENT", actorId: supervisorId });
    expect(add?.detail).toEqual({ date: added, via: "console" });
    expect((await auditOf("calendar.holiday_remove"))[0]?.detail).toEqual({
      date: fileHoliday,
      via: "console",
    });
    expect((await auditOf("calendar.special_day_set"))[0]?.detail).toEqual({
      date: special,
      hours: "08:00-12:00",
      via: "console",
    });
    expect((await auditOf("calendar.weekly_hours_set"))[0]?.detail).toEqual({
      weekday: "friday",
      hours: "07:30-11:30",
      via: "console",
    });

    // Taken back: the added holiday and the special day go, the weekday is its weekday again.
    expect(
      (await post(supervisor, "/konsol/kalender/libur/hapus", { date: added })).statusCode,
    ).toBe(303);
    expect(
      (await post(supervisor, "/konsol/kalender/khusus/hapus", { date: special })).statusCode,
    ).toBe(303);
    const after = f.web.calendar.current();
    expect(after.holidays).not.toContain(added);
    expect(after.specialDays.map((d) => d.date)).not.toContain(special);
    expect(await auditOf("calendar.special_day_remove")).toHaveLength(1);
  });

  it("warns when this or next year has no holiday", async () => {
    const b = await signedIn("helpdesk");
    const body = (await b.get("/konsol/kalender")).body;
    const next = year(f.now()) + 1;
    expect(f.web.calendar.current().holidays.some((d) => d.startsWith(`${next}-`))).toBe(false);
    expect(body).toContain("Belum ada hari libur tahun");
    expect(body).toContain(String(next));
  });
});
