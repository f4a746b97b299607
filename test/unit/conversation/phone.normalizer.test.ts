import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeIndonesianMobile } from "../../../core/domain/shared/phone.normalizer.ts";
import { typedPhoneArb } from "../../support/personal-data.arbitraries.ts";

describe("normalizeIndonesianMobile", () => {
  it.each([
    ["081234567890", "+6281234567890"],
    ["0812-3456-7890", "+6281234567890"],
    ["0812 3456 7890", "+6281234567890"],
    ["(0812) 3456.7890", "+6281234567890"],
    ["6281234567890", "+6281234567890"],
    ["+6281234567890", "+6281234567890"],
    ["+62 812 3456 7890", "+6281234567890"],
    ["+62 0812 3456 7890", "+6281234567890"],
    ["006281234567890", "+6281234567890"],
    ["0811579941", "+62811579941"],
    ["0895123456789", "+62895123456789"],
  ])("accepts %s as %s", (input, expected) => {
    expect(normalizeIndonesianMobile(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["81234567890", "format"],
    ["0812-abc-7890", "format"],
    ["", "format"],
    ["+6591234567", "foreign"],
    ["+1 202 555 0100", "foreign"],
    ["0561123456", "notMobile"],
    ["+62561123456", "notMobile"],
    ["0812345", "length"],
    ["08123456789012", "length"],
  ])("rejects %s (%s)", (input, code) => {
    expect(normalizeIndonesianMobile(input)).toEqual({ ok: false, error: { code } });
  });
});

describe("normalizeIndonesianMobile on every typed format", () => {
  it("accepts each generated number, whatever the prefix and separators, as E.164", () => {
    fc.assert(
      fc.property(typedPhoneArb, ({ e164, text }) => {
        expect(normalizeIndonesianMobile(text)).toEqual({ ok: true, value: e164 });
      }),
      { numRuns: 500 },
    );
  });
});
