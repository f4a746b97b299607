import { describe, expect, it } from "vitest";
import { sanitizeUserText } from "../../../core/domain/privacy/sanitize.ts";

describe("sanitizeUserText", () => {
  it.each([
    ["composes decomposed letters", "Cafe\u0301", "Café"],
    ["drops control characters but keeps lines", "a\u0000b\u0007c\r\nd\te", "abc\nd\te"],
    ["drops bidi overrides and zero-width marks", "LDK\u202e-2026\u200b-00042", "LDK-2026-00042"],
    ["trims", "  halo  ", "halo"],
  ])("%s", (_, input, expected) => {
    expect(sanitizeUserText(input, 100)).toBe(expected);
  });

  it("caps on whole characters", () => {
    expect(sanitizeUserText("ab😀cd", 3)).toBe("ab😀");
    expect(sanitizeUserText("x".repeat(5000), 4000)).toHaveLength(4000);
  });
});
