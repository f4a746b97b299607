// A report month ("YYYY-MM"): its WIB calendar boundaries, the usual month
// (the one before now), and the error for anything that is not a month.

const WIB_OFFSET_MS = 7 * 3600_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/u;

export interface ReportMonth {
  /** "2026-11". */
  month: string;
  year: number;
  monthNumber: number;
  /** First instant of the month in WIB. */
  start: Date;
  /** First instant of the next month in WIB (exclusive). */
  end: Date;
}

/** "2026-11" -> its WIB boundaries; null for anything else. */
export function parseReportMonth(text: string): ReportMonth | null {
  const match = MONTH.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const monthNumber = Number(match[2]);
  return {
    month: `${match[1]}-${match[2]}`,
    year,
    monthNumber,
    start: new Date(Date.UTC(year, monthNumber - 1, 1) - WIB_OFFSET_MS),
    end: new Date(Date.UTC(year, monthNumber, 1) - WIB_OFFSET_MS),
  };
}

/** The WIB month before the one `now` falls in, as "YYYY-MM" (the usual report). */
export function previousReportMonth(now: Date): string {
  const wib = new Date(now.getTime() + WIB_OFFSET_MS);
  const first = new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth() - 1, 1));
  return `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, "0")}`;
}

export class ReportMonthError extends Error {
  readonly code = "INVALID_REPORT_MONTH";
}
