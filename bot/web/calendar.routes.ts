// GET /konsol/kalender (every role): the office calendar the service times
// run on (WORKFLOW calendar and holiday files, loaded at start): the weekly
// hours, the holidays and the special days from this year on. Read-only:
// the calendar changes in its files (docs/configuration.md), then a restart.
import type { FastifyInstance } from "fastify";
import {
  type BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
  WEEKDAYS,
} from "../../core/domain/sla/business-calendar.schema.ts";
import { ALL_ROLES } from "./access.ts";
import { escapeHtml, page } from "./html.ts";
import { sendHtml, viewerOf } from "./respond.ts";

const DAY_NAMES: Record<(typeof WEEKDAYS)[number], string> = {
  sunday: "Minggu",
  monday: "Senin",
  tuesday: "Selasa",
  wednesday: "Rabu",
  thursday: "Kamis",
  friday: "Jumat",
  saturday: "Sabtu",
};
const LONG_DATE = new Intl.DateTimeFormat("id-ID", { dateStyle: "full", timeZone: "UTC" });
const dateText = (iso: string) => LONG_DATE.format(new Date(`${iso}T00:00:00Z`));
const hoursText = (hours: readonly { start: string; end: string }[]) =>
  hours.length ? hours.map((h) => `${h.start}–${h.end}`).join(", ") : "tutup";

export function calendarPage(calendar: BusinessCalendar, fromYear: number) {
  const since = `${fromYear}-01-01`;
  const weekly = WEEKDAYS.map(
    (d) =>
      `<tr><td>${DAY_NAMES[d]}</td><td>${escapeHtml(hoursText(calendar.weeklyHours[d]))}</td></tr>`,
  ).join("\n");
  const holidays = calendar.holidays.filter((d) => d >= since).sort();
  const special = calendar.specialDays.filter((d) => d.date >= since);
  return `<table><caption>Jam layanan mingguan (waktu kantor)</caption><thead><tr><th scope="col">Hari</th><th scope="col">Jam</th></tr></thead><tbody>
${weekly}</tbody></table>
<h2>Hari libur sejak ${fromYear}</h2>${
    holidays.length
      ? `<ul>${holidays.map((d) => `<li>${escapeHtml(dateText(d))}</li>`).join("")}</ul>`
      : "<p>Belum ada hari libur yang dimuat. Waktu layanan dihitung tanpa hari libur.</p>"
  }
<h2>Hari dengan jam khusus</h2>${
    special.length
      ? `<ul>${special.map((d) => `<li>${escapeHtml(dateText(d.date))}: ${escapeHtml(hoursText(d.hours))}</li>`).join("")}</ul>`
      : "<p>Tidak ada.</p>"
  }
<p>Kalender diubah lewat berkas kalender dan daftar hari libur di server, lalu bot dijalankan ulang.</p>`;
}

export function registerCalendarRoutes(
  app: FastifyInstance,
  deps: { now: () => Date; calendar?: BusinessCalendar },
) {
  app.get("/konsol/kalender", { config: { access: ALL_ROLES } }, (request, reply) => {
    const year = new Date(deps.now().getTime() + 7 * 3600_000).getUTCFullYear();
    const body = calendarPage(deps.calendar ?? DEFAULT_BUSINESS_CALENDAR, year);
    return sendHtml(reply, 200, page("Kalender layanan", body, viewerOf(request, reply)));
  });
}
