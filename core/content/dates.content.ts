// Dates and times as users read them, in their language: day and month
// names, "pukul 14.00" in Bahasa Indonesia, "14:00" in English. Always on the
// WIB clock (UTC+7, no daylight saving), the office's and SPSE's time zone.
import { type Language, type Localized, perLanguage } from "./language.ts";

const MONTHS: Readonly<Record<Language, readonly string[]>> = {
  id: [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
};

/** Sunday first, as Date#getUTCDay counts. */
const WEEKDAY_NAMES: Readonly<Record<Language, readonly string[]>> = {
  id: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
};

const WIB_OFFSET_MS = 7 * 3600_000;
const wib = (at: Date) => new Date(at.getTime() + WIB_OFFSET_MS);
const pad = (n: number) => String(n).padStart(2, "0");

/** A weekday's name; 0 is Sunday. */
export function weekdayName(day: number, language: Language): string {
  return WEEKDAY_NAMES[language][((day % 7) + 7) % 7] ?? String(day);
}

/** "07.30" in Bahasa Indonesia, "07:30" in English, for an "HH:MM" time of day. */
export function clockTime(hhmm: string, language: Language): string {
  return language === "id" ? hhmm.replace(":", ".") : hhmm;
}

/** "2 Desember 2026" / "2 December 2026", on the WIB calendar. */
export function longDate(at: Date, language: Language): string {
  const d = wib(at);
  return `${d.getUTCDate()} ${MONTHS[language][d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "2 Desember 2026 pukul 09.30 WIB" / "2 December 2026, 09:30 WIB". */
export function longDateTime(at: Date, language: Language): string {
  const d = wib(at);
  const time = clockTime(`${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`, language);
  return language === "id"
    ? `${longDate(at, language)} pukul ${time} WIB`
    : `${longDate(at, language)}, ${time} WIB`;
}

/** "November 2026" for "2026-11". */
export function monthName(year: number, month: number, language: Language): string {
  return `${MONTHS[language][month - 1] ?? month} ${year}`;
}

/** "Rabu, 2 Desember 2026" / "Wednesday, 2 December 2026". */
export function dayAndDate(at: Date, language: Language): string {
  return `${weekdayName(wib(at).getUTCDay(), language)}, ${longDate(at, language)}`;
}

/** "Rabu, 2 Desember 2026 pukul 09.30 WIB" / "Wednesday, 2 December 2026, 09:30 WIB". */
export function dayAndDateTime(at: Date, language: Language): string {
  return `${weekdayName(wib(at).getUTCDay(), language)}, ${longDateTime(at, language)}`;
}

/** An instant (ISO) as users read it, in both languages. */
export function spokenDateTime(iso: string): Localized {
  const at = new Date(iso);
  return perLanguage((language) =>
    Number.isNaN(at.getTime()) ? iso : dayAndDateTime(at, language),
  );
}

/** A day (ISO instant) as users read it, in both languages. */
export function spokenDate(iso: string): Localized {
  const at = new Date(iso);
  return perLanguage((language) => (Number.isNaN(at.getTime()) ? iso : dayAndDate(at, language)));
}

/** "09.30 WIB" / "09:30 WIB" for an instant. */
export function spokenTime(iso: string): Localized {
  const d = wib(new Date(iso));
  return perLanguage(
    (language) => `${clockTime(`${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`, language)} WIB`,
  );
}
