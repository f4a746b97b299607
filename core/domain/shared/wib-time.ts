/**
 * Western Indonesia Time (WIB, UTC+7, no daylight saving): the time zone of
 * Kabupaten Landak and of SPSE deadlines. Pure arithmetic, no host time zone.
 */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

/** The instant of a WIB wall-clock time, or null when that date does not exist (31/02). */
export function wibWallTimeToIso(wall: WallTime): string | null {
  const { year, month, day, hour, minute } = wall;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    return null;
  }
  return new Date(asUtc - WIB_OFFSET_MS).toISOString();
}

/** "30/11/2026 14:00" for an instant, as read on a clock in Landak. */
export function formatWibDateTime(iso: string): string {
  const wib = new Date(Date.parse(iso) + WIB_OFFSET_MS);
  if (Number.isNaN(wib.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(wib.getUTCDate())}/${pad(wib.getUTCMonth() + 1)}/${wib.getUTCFullYear()} ${pad(
    wib.getUTCHours(),
  )}:${pad(wib.getUTCMinutes())}`;
}

/** The WIB calendar year of an instant. */
export function wibYear(iso: string): number {
  return new Date(Date.parse(iso) + WIB_OFFSET_MS).getUTCFullYear();
}
