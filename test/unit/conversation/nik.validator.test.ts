import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INDONESIAN_PROVINCE_CODES } from "../../../core/domain/shared/indonesian-province.codes.ts";
import { maskNik, validateNik } from "../../../core/domain/shared/nik.validator.ts";
import { typedNikArb } from "../../support/personal-data.arbitraries.ts";

describe("validateNik", () => {
  it.each([
    {
      name: "valid male (day as is)",
      input: "6171011508900001",
      expected: {
        nik: "6171011508900001",
        sex: "male",
        birthDay: 15,
        birthMonth: 8,
        birthYear2: 90,
      },
    },
    {
      name: "valid female (day + 40)",
      input: "6171015508900002",
      expected: {
        nik: "6171015508900002",
        sex: "female",
        birthDay: 15,
        birthMonth: 8,
        birthYear2: 90,
      },
    },
    {
      name: "spaces, dots and a 'NIK:' label are ignored",
      input: "NIK: 6171.01 150890 0001",
      expected: { nik: "6171011508900001", sex: "male" },
    },
    {
      name: "29 February in a leap year",
      input: "3201012902000001",
      expected: { birthDay: 29, birthMonth: 2, birthYear2: 0 },
    },
    {
      name: "female born on the 31st (day 71)",
      input: "3578077112850003",
      expected: { sex: "female", birthDay: 31, birthMonth: 12 },
    },
    {
      name: "new Papua province (Papua Pegunungan, 95)",
      input: "9501010101010001",
      expected: { provinceCode: "95" },
    },
  ])("accepts $name", ({ input, expected }) => {
    const result = validateNik(input);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject(expected);
  });

  it.each([
    {
      name: "bad province code 20",
      input: "2071011508900001",
      error: { code: "province", province: "20" },
    },
    {
      name: "bad province code 99",
      input: "9971011508900001",
      error: { code: "province", province: "99" },
    },
    {
      name: "bad province code 37",
      input: "3771011508900001",
      error: { code: "province", province: "37" },
    },
    { name: "day 32", input: "6171013208900001", error: { code: "birthDate" } },
    { name: "day 00", input: "6171010008900001", error: { code: "birthDate" } },
    { name: "month 13", input: "6171011513900001", error: { code: "birthDate" } },
    { name: "31 April", input: "6171013104900001", error: { code: "birthDate" } },
    { name: "29 February, no leap year", input: "6171012902010001", error: { code: "birthDate" } },
    { name: "female day 72 (32 + 40)", input: "6171017208900001", error: { code: "birthDate" } },
    {
      name: "day 35 (neither male nor female)",
      input: "6171013508900001",
      error: { code: "birthDate" },
    },
    {
      name: "too short (15 digits)",
      input: "617101150890001",
      error: { code: "length", digits: 15 },
    },
    {
      name: "too long (17 digits)",
      input: "61710115089000012",
      error: { code: "length", digits: 17 },
    },
    { name: "letters", input: "6171O11508900001", error: { code: "notDigits" } },
    { name: "empty", input: "", error: { code: "notDigits" } },
    { name: "regency 00", input: "6100011508900001", error: { code: "region" } },
    { name: "serial 0000", input: "6171011508900000", error: { code: "serial" } },
  ])("rejects $name", ({ input, error }) => {
    expect(validateNik(input)).toEqual({ ok: false, error });
  });

  it("knows exactly the 38 province codes, including the 2022 Papua provinces", () => {
    const codes = Object.keys(INDONESIAN_PROVINCE_CODES).sort();
    expect(codes).toHaveLength(38);
    expect(codes).toEqual([
      ...["11", "12", "13", "14", "15", "16", "17", "18", "19", "21"],
      ...["31", "32", "33", "34", "35", "36", "51", "52", "53"],
      ...["61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82"],
      ...["91", "92", "93", "94", "95", "96"],
    ]);
    for (const code of codes) {
      expect(validateNik(`${code}71011508900001`).ok, `province ${code}`).toBe(true);
    }
  });
});

describe("validateNik on every typed format", () => {
  it("accepts each generated NIK, whatever the separators, as its 16 digits", () => {
    fc.assert(
      fc.property(typedNikArb, ({ nik, text }) => {
        expect(validateNik(text)).toMatchObject({ ok: true, value: { nik } });
      }),
      { numRuns: 500 },
    );
  });
});

describe("maskNik", () => {
  it.each([
    ["6171011508900001", "6171********0001"],
    ["3201012902000001", "3201********0001"],
    ["12345678", "********"],
  ])("masks %s as %s", (nik, masked) => {
    expect(maskNik(nik)).toBe(masked);
  });
});
