import { err, ok, type Result } from "../../shared/result.ts";
import { wibWallTimeToIso } from "../../shared/wib-time.ts";

export type BidDeadlineError = "format" | "missingTime" | "invalidDate" | "outOfRange";

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  januari: 1,
  january: 1,
  feb: 2,
  februari: 2,
  pebruari: 2,
  february: 2,
  peb: 2,
  mar: 3,
  maret: 3,
  march: 3,
  apr: 4,
  april: 4,
  mei: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  agu: 8,
  agt: 8,
  agus: 8,
  agustus: 8,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oktober: 10,
  oct: 10,
  october: 10,
  nov: 11,
  nop: 11,
  november: 11,
  nopember: 11,
  des: 12,
  desember: 12,
  dec: 12,
  december: 12,
};

/** Noise around a date and time as people write it: "Senin, 30/11/2026 pukul 14.00 WIB". */
const NOISE =
  /\b(?:wib|pukul|pkl|jam|at|tanggal|tgl|senin|selasa|rabu|kamis|jumat|sabtu|minggu|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|,/gu;

const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?=\s|t|$)/u;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?=\s|t|$)/u;
const NAMED_DATE = /^(\d{1,2})\s+([a-z]+)\s+(\d{4})(?=\s|$)/u;
const TIME = /^t?(\d{1,2})[:.](\d{2})$/u;

/** A bid deadline far from today is almost certainly a typo in the year. */
const MAX_DISTANCE_MS = 366 * 24 * 60 * 60 * 1000;

interface DatePart {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly rest: string;
}

function readDate(text: string): DatePart | null | "badMonth" {
  const iso = ISO_DATE.exec(text);
  if (iso !== null) {
    return {
      year: Number(iso[1]),
      month: Number(iso[2]),
      day: Number(iso[3]),
      rest: text.slice(iso[0].length),
    };
  }
  const numeric = NUMERIC_DATE.exec(text);
  if (numeric !== null) {
    const year = Number(numeric[3]);
    return {
      year: numeric[3]?.length === 2 ? 2000 + year : year,
      month: Number(numeric[2]),
      day: Number(numeric[1]),
      rest: text.slice(numeric[0].length),
    };
  }
  const named = NAMED_DATE.exec(text);
  if (named !== null) {
    const month = MONTHS[named[2] ?? ""];
    if (month === undefined) return "badMonth";
    return {
      year: Number(named[3]),
      month,
      day: Number(named[1]),
      rest: text.slice(named[0].length),
    };
  }
  return null;
}

/**
 * Reads the bid deadline (WIB wall-clock time) and returns the instant as an
 * ISO string. `nowIso` is the time of the message, to catch a mistyped year.
 */
export function parseBidDeadline(input: string, nowIso: string): Result<string, BidDeadlineError> {
  const text = input.toLowerCase().replace(NOISE, " ").replace(/\s+/gu, " ").trim();
  const date = readDate(text);
  if (date === null || date === "badMonth") return err("format");

  const rest = date.rest.trim();
  if (rest === "") return err("missingTime");
  const time = TIME.exec(rest);
  if (time === null) return err("format");

  const iso = wibWallTimeToIso({
    year: date.year,
    month: date.month,
    day: date.day,
    hour: Number(time[1]),
    minute: Number(time[2]),
  });
  if (iso === null) return err("invalidDate");
  if (Math.abs(Date.parse(iso) - Date.parse(nowIso)) > MAX_DISTANCE_MS) return err("outOfRange");
  return ok(iso);
}
