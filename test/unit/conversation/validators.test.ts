import { describe, expect, it } from "vitest";
import { parseBidDeadline } from "../../../core/domain/conversation/validators/bid-deadline.parser.ts";
import { validateDescription } from "../../../core/domain/conversation/validators/description.validator.ts";
import { classifyMedia } from "../../../core/domain/conversation/validators/media.classifier.ts";
import { validateName } from "../../../core/domain/conversation/validators/name.validator.ts";
import { validateOrganisation } from "../../../core/domain/conversation/validators/organisation.validator.ts";
import { validateTenderCode } from "../../../core/domain/conversation/validators/tender-code.validator.ts";
import { validateEmail } from "../../../core/domain/shared/email.validator.ts";
import {
  formatTicketNumber,
  parseTicketNumber,
} from "../../../core/domain/shared/ticket-number.ts";
import { formatWibDateTime, wibWallTimeToIso } from "../../../core/domain/shared/wib-time.ts";
import { T0 } from "../../fixtures/conversation.builders.ts";

describe("validateName", () => {
  it.each([
    ["Budi Santoso", "Budi Santoso"],
    ["  Budi   Santoso ", "Budi Santoso"],
    ["Ir. H. Budi, S.T.", "Ir. H. Budi, S.T."],
    ["Ni Luh Putu Ayu", "Ni Luh Putu Ayu"],
    ["Sukarno", "Sukarno"],
    ["D'Costa-Rahman", "D'Costa-Rahman"],
  ])("accepts %j", (input, expected) => {
    expect(validateName(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", "tooShort"],
    ["B", "tooShort"],
    ["Budi 2", "invalidCharacters"],
    ["budi@mail.com", "invalidCharacters"],
    ["A".repeat(101), "tooLong"],
  ])("rejects %j (%s)", (input, error) => {
    expect(validateName(input)).toEqual({ ok: false, error });
  });
});

describe("validateEmail", () => {
  it.each([
    ["budi@majubersama.co.id", "budi@majubersama.co.id"],
    ["  Budi.Santoso@Gmail.com ", "budi.santoso@gmail.com"],
    ["pokja+landak@landakkab.go.id", "pokja+landak@landakkab.go.id"],
  ])("accepts %j", (input, expected) => {
    expect(validateEmail(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["budi", { code: "format" }],
    ["budi@", { code: "format" }],
    ["budi@mail", { code: "format" }],
    ["budi @mail.com", { code: "format" }],
    ["budi..s@mail.com", { code: "format" }],
    ["budi@gmail.con", { code: "typo", suggestion: "budi@gmail.com" }],
    ["budi@gmial.com", { code: "typo", suggestion: "budi@gmail.com" }],
  ])("rejects %j", (input, error) => {
    expect(validateEmail(input)).toEqual({ ok: false, error });
  });
});

describe("validateOrganisation", () => {
  it.each([
    ["CV Maju Bersama", { ok: true, value: "CV Maju Bersama" }],
    ["CV 88 Jaya", { ok: true, value: "CV 88 Jaya" }],
    ["X", { ok: false, error: "tooShort" }],
    ["12345", { ok: false, error: "noLetters" }],
    ["A".repeat(151), { ok: false, error: "tooLong" }],
  ])("%j", (input, expected) => {
    expect(validateOrganisation(input)).toEqual(expected);
  });
});

describe("validateTenderCode", () => {
  it.each([
    ["10012345000", { ok: true, value: "10012345000" }],
    ["Kode tender: 10012345000", { ok: true, value: "10012345000" }],
    ["100 123 45000", { ok: true, value: "10012345000" }],
    ["1234", { ok: false, error: "format" }],
    ["ABC12345", { ok: false, error: "format" }],
  ])("%j", (input, expected) => {
    expect(validateTenderCode(input)).toEqual(expected);
  });
});

describe("validateDescription", () => {
  it("accepts 20 characters or more and trims", () => {
    expect(validateDescription("  Tidak bisa login ke SPSE  ", 20)).toEqual({
      ok: true,
      value: "Tidak bisa login ke SPSE",
    });
  });
  it("rejects a short text with its length", () => {
    expect(validateDescription("gagal login", 20)).toEqual({
      ok: false,
      error: { code: "tooShort", length: 11 },
    });
  });
  it("rejects a text over the maximum", () => {
    expect(validateDescription("a".repeat(2001), 20)).toEqual({
      ok: false,
      error: { code: "tooLong" },
    });
  });
});

describe("parseBidDeadline (WIB, UTC+7)", () => {
  it.each([
    ["30/11/2026 14:00", "2026-11-30T07:00:00.000Z"],
    ["30-11-2026 14.00", "2026-11-30T07:00:00.000Z"],
    ["30/11/26 14:00", "2026-11-30T07:00:00.000Z"],
    ["Senin, 30/11/2026 pukul 14.00 WIB", "2026-11-30T07:00:00.000Z"],
    ["30 November 2026 14:00", "2026-11-30T07:00:00.000Z"],
    ["1 Desember 2026 jam 08:30", "2026-12-01T01:30:00.000Z"],
    ["2026-11-30 14:00", "2026-11-30T07:00:00.000Z"],
    ["1/12/2026 00:15", "2026-11-30T17:15:00.000Z"],
  ])("reads %j", (input, expected) => {
    expect(parseBidDeadline(input, T0)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["besok siang", "format"],
    ["30/11/2026", "missingTime"],
    ["30/11/2026 siang", "format"],
    ["31/11/2026 14:00", "invalidDate"],
    ["29/02/2027 10:00", "invalidDate"],
    ["30/13/2026 14:00", "invalidDate"],
    ["30/11/2026 24:00", "invalidDate"],
    ["30/11/2062 14:00", "outOfRange"],
    ["30 Novembr 2026 14:00", "format"],
  ])("rejects %j (%s)", (input, error) => {
    expect(parseBidDeadline(input, T0)).toEqual({ ok: false, error });
  });
});

describe("WIB time helpers", () => {
  it("converts wall-clock WIB to an instant and back", () => {
    const iso = wibWallTimeToIso({ year: 2026, month: 11, day: 30, hour: 14, minute: 0 });
    expect(iso).toBe("2026-11-30T07:00:00.000Z");
    expect(formatWibDateTime("2026-11-30T07:00:00.000Z")).toBe("30/11/2026 14:00");
    expect(formatWibDateTime("2026-11-30T18:05:00.000Z")).toBe("01/12/2026 01:05");
  });
  it("refuses dates that do not exist", () => {
    expect(wibWallTimeToIso({ year: 2026, month: 2, day: 30, hour: 10, minute: 0 })).toBeNull();
  });
});

describe("ticket numbers", () => {
  it.each([
    ["LDK-2026-00042", "LDK-2026-00042"],
    ["ldk-2026-00042", "LDK-2026-00042"],
    [" LDK 2026 00042 ", "LDK-2026-00042"],
    ["ldk/2026/00042", "LDK-2026-00042"],
  ])("parses %j", (input, expected) => {
    expect(parseTicketNumber(input)).toBe(expected);
  });
  it.each(["LDK-26-00042", "LDK-2026-42", "ABC-2026-00042", "2026-00042"])(
    "rejects %j",
    (input) => {
      expect(parseTicketNumber(input)).toBeNull();
    },
  );
  it("formats with zero padding", () => {
    expect(formatTicketNumber(2026, 42)).toBe("LDK-2026-00042");
  });
});

describe("classifyMedia", () => {
  const media = (
    kind: "image" | "document" | "sticker" | "voice" | "video" | "location",
    mime: string | null,
    size: number | null = 1000,
    mediaId: string | null = "m1",
  ) => ({
    type: "media" as const,
    at: T0,
    kind,
    mime,
    size,
    mediaId,
  });
  const max = 10 * 1024 * 1024;
  it.each([
    [media("image", "image/jpeg"), "image"],
    [media("image", "image/png"), "image"],
    [media("document", "image/webp"), "image"],
    [media("document", "application/pdf"), "pdf"],
    [media("document", "application/msword"), "unsupported"],
    [media("sticker", "image/webp"), "unsupported"],
    [media("voice", "audio/ogg"), "unsupported"],
    [media("video", "video/mp4"), "unsupported"],
    [media("location", null, null, null), "unsupported"],
    [media("image", "image/jpeg", max + 1), "tooLarge"],
    // Refused for its size by the channel, so never stored: still "too large".
    [media("document", "application/pdf", max + 1, null), "tooLarge"],
    [media("image", "image/jpeg", 1000, null), "missing"],
  ])("%# -> %s", (event, expected) => {
    expect(classifyMedia(event, max).type).toBe(expected);
  });
});
