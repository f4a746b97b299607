import { isIndonesianProvinceCode } from "./indonesian-province.codes.ts";
import { err, ok, type Result } from "./result.ts";

/** Why a NIK was refused; each reason gets its own correction message. */
export type NikError =
  | { readonly code: "notDigits" }
  | { readonly code: "length"; readonly digits: number }
  | { readonly code: "province"; readonly province: string }
  | { readonly code: "region" }
  | { readonly code: "birthDate" }
  | { readonly code: "serial" };

export interface ValidNik {
  readonly nik: string;
  readonly provinceCode: string;
  readonly sex: "male" | "female";
  /** Day and month as printed on the KTP; the year has only two digits in a NIK. */
  readonly birthDay: number;
  readonly birthMonth: number;
  readonly birthYear2: number;
}

const NIK_LENGTH = 16;
/** Women have 40 added to the day of birth (digits 7-8). */
const FEMALE_DAY_OFFSET = 40;

/**
 * Checks a NIK (Nomor Induk Kependudukan): PP KK CC DDMMYY SSSS.
 * The checksum-free format means only structure can be verified, not ownership.
 */
export function validateNik(input: string): Result<ValidNik, NikError> {
  // People paste "NIK: 6171 0115 0890 0001" or use dots as on some forms.
  const nik = input.replace(/^\s*nik\b/iu, "").replace(/[\s.:-]/gu, "");
  if (!/^\d+$/u.test(nik)) return err({ code: "notDigits" });
  if (nik.length !== NIK_LENGTH) return err({ code: "length", digits: nik.length });

  const provinceCode = nik.slice(0, 2);
  if (!isIndonesianProvinceCode(provinceCode)) {
    return err({ code: "province", province: provinceCode });
  }
  if (nik.slice(2, 4) === "00" || nik.slice(4, 6) === "00") return err({ code: "region" });

  const rawDay = Number(nik.slice(6, 8));
  const birthMonth = Number(nik.slice(8, 10));
  const birthYear2 = Number(nik.slice(10, 12));
  const sex = rawDay > FEMALE_DAY_OFFSET ? "female" : "male";
  const birthDay = sex === "female" ? rawDay - FEMALE_DAY_OFFSET : rawDay;
  if (!isPlausibleBirthDate(birthDay, birthMonth, birthYear2)) return err({ code: "birthDate" });

  if (nik.slice(12) === "0000") return err({ code: "serial" });
  return ok({ nik, provinceCode, sex, birthDay, birthMonth, birthYear2 });
}

function isPlausibleBirthDate(day: number, month: number, year2: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // The century is unknown; 29 February is accepted whenever 19YY or 20YY is a leap year.
  const leap = year2 % 4 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (daysInMonth[month - 1] ?? 0);
}

/** Shows enough of a NIK to recognise it without exposing it: 6171********0001. */
export function maskNik(nik: string): string {
  if (nik.length <= 8) return "*".repeat(nik.length);
  return `${nik.slice(0, 4)}${"*".repeat(nik.length - 8)}${nik.slice(-4)}`;
}
