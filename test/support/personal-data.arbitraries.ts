// fast-check generators of NIKs and phone numbers in every format the
// validators accept. The validators' tests check that each generated text is
// accepted (and normalised to the canonical value); the redaction tests check
// that no generated text survives a log line. One generator for both, so a
// format the validators learn is a format redaction is tested on.
import fc from "fast-check";
import { INDONESIAN_PROVINCE_CODES } from "../../core/domain/shared/indonesian-province.codes.ts";

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""));
const twoDigits = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => String(n).padStart(2, "0"));

/** A structurally valid NIK: province, regency, district, birth date (+40 for women), serial. */
export const nikArb = fc
  .record({
    province: fc.constantFrom(...Object.keys(INDONESIAN_PROVINCE_CODES)),
    regency: twoDigits(1, 99),
    district: twoDigits(1, 99),
    day: fc.integer({ min: 1, max: 28 }),
    female: fc.boolean(),
    month: twoDigits(1, 12),
    year: digits(2),
    serial: fc.integer({ min: 1, max: 9999 }).map((n) => String(n).padStart(4, "0")),
  })
  .map(
    (p) =>
      `${p.province}${p.regency}${p.district}${String(p.day + (p.female ? 40 : 0)).padStart(2, "0")}${p.month}${p.year}${p.serial}`,
  );

/** Separators validateNik strips ([\s.:-]); whitespace includes tabs, newlines, NBSP. */
const NIK_SEPARATORS = [" ", ".", ":", "-", "\t", "\n", "\u00a0", "  ", " - "];
/** Separators normalizeIndonesianMobile strips ([\s\-.()]). */
const PHONE_SEPARATORS = [" ", "-", ".", "(", ")", "\t", "\u00a0", ") ", " ("];

/** Characters joined with a separator (or none) in each gap. */
function spread(chars: string, separators: readonly string[]) {
  return fc
    .array(fc.oneof(fc.constant(""), fc.constantFrom(...separators)), {
      minLength: chars.length - 1,
      maxLength: chars.length - 1,
    })
    .map((gaps) => [...chars].map((c, i) => c + (gaps[i] ?? "")).join(""));
}

/** A NIK as someone may type it, with the canonical 16 digits. */
export const typedNikArb = nikArb.chain((nik) =>
  fc.record({
    nik: fc.constant(nik),
    text: fc.oneof(fc.constant(nik), spread(nik, NIK_SEPARATORS)),
  }),
);

/** The national part of an Indonesian mobile number: 8 and 8-11 more digits. */
export const nationalMobileArb = fc
  .integer({ min: 8, max: 11 })
  .chain((n) => digits(n))
  .map((rest) => `8${rest}`);

/** A mobile number as someone may type it, with its E.164 form. */
export const typedPhoneArb = nationalMobileArb.chain((national) =>
  fc.constantFrom("0", "62", "+62", "0062", "+620", "+62 0", "(+62)", "+ 62").chain((prefix) =>
    fc.record({
      e164: fc.constant(`+62${national}`),
      national: fc.constant(national),
      text: spread(`${prefix}${national}`, PHONE_SEPARATORS).map((t) => t.trim()),
    }),
  ),
);
