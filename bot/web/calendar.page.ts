// The /konsol/kalender page: the office calendar the service times run on now
// (the files' calendar with the console's changes), from this year on, and for
// supervisors and admins the forms that change it (bot/web/calendar.routes.ts).
import { type BusinessCalendar, WEEKDAYS } from "../../core/domain/sla/business-calendar.schema.ts";
import type { CalendarOverrides } from "../../core/domain/sla/calendar-overrides.ts";
import { csrfField, escapeHtml } from "./html.ts";

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

export interface CalendarView {
  calendar: BusinessCalendar;
  overrides: CalendarOverrides;
  /** The office-local date today, "YYYY-MM-DD". */
  today: string;
  /** The CSRF token when the viewer may change the calendar (SUPERVISOR, ADMIN). */
  editCsrf?: string;
}

/** This year and the next, when the calendar lists no holiday in them. */
function missingYears(calendar: BusinessCalendar, year: number): number[] {
  return [year, year + 1].filter((y) => !calendar.holidays.some((d) => d.startsWith(`${y}-`)));
}

const form = (action: string, csrf: string, fields: string, button: string) =>
  `<form method="post" action="${action}">${csrfField(csrf)}${fields}<button type="submit">${button}</button></form>`;
const dateField = (today: string) =>
  `<label>Tanggal <input type="date" name="date" min="${today}" required></label>`;
const hoursFields = `<label>Buka <input type="time" name="open" value="07:30"></label>
<label>Tutup <input type="time" name="close" value="16:00"></label>
<label><input type="checkbox" name="closed" value="1"> Tutup sepanjang hari</label>`;

function editForms(view: CalendarView, csrf: string): string {
  const weekdays = WEEKDAYS.map((d) => `<option value="${d}">${DAY_NAMES[d]}</option>`).join("");
  return `<h2>Ubah kalender</h2>
<p>Perubahan berlaku segera untuk perhitungan berikutnya; batas waktu yang sudah dihitung tetap.</p>
${form("/konsol/kalender/libur", csrf, `${dateField(view.today)}<label>Nama hari libur <input name="name" maxlength="100" required></label>`, "Tambah hari libur")}
${form("/konsol/kalender/khusus", csrf, `${dateField(view.today)}${hoursFields}`, "Simpan jam khusus")}
${form("/konsol/kalender/mingguan", csrf, `<label>Hari <select name="weekday">${weekdays}</select></label>${hoursFields}`, "Simpan jam mingguan")}`;
}

function holidayItem(view: CalendarView, date: string): string {
  const row = view.overrides.days.find((d) => d.date === date);
  const name = row?.kind === "HOLIDAY" ? ` — ${escapeHtml(row.name)} (ditambahkan di konsol)` : "";
  const remove =
    view.editCsrf && date >= view.today
      ? form(
          "/konsol/kalender/libur/hapus",
          view.editCsrf,
          `<input type="hidden" name="date" value="${date}">`,
          "Jadikan hari kerja",
        )
      : "";
  return `<li>${escapeHtml(dateText(date))}${name}${remove}</li>`;
}

function specialItem(view: CalendarView, day: BusinessCalendar["specialDays"][number]): string {
  const remove =
    view.editCsrf && day.date >= view.today
      ? form(
          "/konsol/kalender/khusus/hapus",
          view.editCsrf,
          `<input type="hidden" name="date" value="${day.date}">`,
          "Hapus jam khusus",
        )
      : "";
  return `<li>${escapeHtml(dateText(day.date))}: ${escapeHtml(hoursText(day.hours))}${remove}</li>`;
}

export function calendarPage(view: CalendarView): string {
  const { calendar } = view;
  const year = Number(view.today.slice(0, 4));
  const since = `${year}-01-01`;
  const weekly = WEEKDAYS.map(
    (d) =>
      `<tr><td>${DAY_NAMES[d]}</td><td>${escapeHtml(hoursText(calendar.weeklyHours[d]))}</td></tr>`,
  ).join("\n");
  const holidays = calendar.holidays.filter((d) => d >= since).sort();
  const special = calendar.specialDays.filter((d) => d.date >= since);
  const missing = missingYears(calendar, year);
  const warning = missing.length
    ? `<p class="error" role="alert">Belum ada hari libur tahun ${missing.join(" dan ")} di kalender kantor: hari libur dihitung sebagai hari kerja. Mohon tambahkan hari libur nasional dan cuti bersama (SKB 3 Menteri).</p>`
    : "";
  return `${warning}<table><caption>Jam layanan mingguan (waktu kantor)</caption><thead><tr><th scope="col">Hari</th><th scope="col">Jam</th></tr></thead><tbody>
${weekly}</tbody></table>
<h2>Hari libur sejak ${year}</h2>${
    holidays.length
      ? `<ul>${holidays.map((d) => holidayItem(view, d)).join("")}</ul>`
      : "<p>Belum ada hari libur yang dimuat. Waktu layanan dihitung tanpa hari libur.</p>"
  }
<h2>Hari dengan jam khusus</h2>${
    special.length
      ? `<ul>${special.map((d) => specialItem(view, d)).join("")}</ul>`
      : "<p>Tidak ada.</p>"
  }
${
  view.editCsrf
    ? editForms(view, view.editCsrf)
    : "<p>Kalender diubah oleh supervisor atau admin di halaman ini, atau lewat berkas kalender di server.</p>"
}`;
}
