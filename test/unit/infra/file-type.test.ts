import { describe, expect, it } from "vitest";
import { checkFile, sniffMime } from "../../../core/infra/media/file-type.ts";
import { pngFile } from "../../fixtures/files.ts";

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );

describe("sniffMime", () => {
  it.each([
    ["JPEG", bytes([0xff, 0xd8, 0xff, 0xe0], "JFIF"), "image/jpeg"],
    ["PNG", Uint8Array.from(pngFile(2, 2)), "image/png"],
    // file-type wants the IHDR chunk a real PNG starts with, not the signature alone.
    ["PNG signature without IHDR", bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), null],
    ["WebP", bytes("RIFF", [1, 2, 3, 4], "WEBPVP8 "), "image/webp"],
    ["PDF", bytes("%PDF-1.7\n"), "application/pdf"],
    ["RIFF but WAV", bytes("RIFF", [1, 2, 3, 4], "WAVEfmt "), null],
    ["Windows executable named .jpg", bytes("MZ", [0x90, 0]), null],
    ["HTML", bytes("<html>"), null],
    ["truncated PNG", bytes([0x89], "PN"), null],
  ])("%s", async (_, input, expected) => {
    expect(await sniffMime(input)).toBe(expected);
  });
});

describe("checkFile", () => {
  const pdf = bytes("%PDF-1.4 hello");
  it("accepts within the limit", async () => {
    expect(await checkFile(pdf, 1000)).toEqual({
      ok: true,
      mime: "application/pdf",
      size: pdf.length,
    });
  });
  it("refuses empty, too large and unknown files, saying the limit", async () => {
    expect(await checkFile(new Uint8Array(), 1000)).toMatchObject({ ok: false, reason: "EMPTY" });
    expect(await checkFile(pdf, 5)).toEqual({
      ok: false,
      reason: "TOO_LARGE",
      size: pdf.length,
      maxBytes: 5,
    });
    expect(await checkFile(bytes("GIF89a"), 1000)).toMatchObject({
      ok: false,
      reason: "UNSUPPORTED_TYPE",
    });
  });
});
