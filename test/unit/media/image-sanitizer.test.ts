// Re-encoding runs off the main thread so that a big photo does not hold the
// bot: through libvips when asked and available, else on worker threads, whose
// result must be exactly what the main thread makes.
import { afterAll, describe, expect, it } from "vitest";
import { loadSharp, sanitizeNatively } from "../../../core/infra/media/image-sanitizer.native.ts";
import { createImageSanitizer } from "../../../core/infra/media/image-sanitizer.ts";
import { sanitizeFile } from "../../../core/infra/media/sanitize-file.ts";
import { exifSegment, jpegFile, pdfFile, pngFile } from "../../fixtures/files.ts";

const sanitizer = createImageSanitizer({ threads: 2 });
afterAll(() => sanitizer.close());

describe("image sanitizer on worker threads", () => {
  it("re-encodes on a thread with the same result as the main thread", async () => {
    const jpeg = jpegFile(4096, 64, 48, [exifSegment(6)]);
    const png = pngFile(32, 32, 5000);
    const [a, b, c] = await Promise.all([
      sanitizer.sanitize(jpeg, "image/jpeg", 40_000_000),
      sanitizer.sanitize(png, "image/png", 40_000_000),
      sanitizer.sanitize(jpeg, "image/jpeg", 40_000_000),
    ]);
    expect(a).toEqual(await sanitizeFile(jpeg, "image/jpeg", 40_000_000));
    expect(b).toEqual(await sanitizeFile(png, "image/png", 40_000_000));
    expect(c).toEqual(a);
    expect(sanitizer.counts()).toEqual({ native: 0, threaded: 3, inline: 0 });
    // The caller's buffer is still whole after the thread took a copy.
    expect(jpeg.length).toBeGreaterThan(0);
    expect(jpeg[0]).toBe(0xff);
  });

  it("refuses on the thread what the main thread refuses", async () => {
    const broken = Buffer.concat([pngFile(8, 8).subarray(0, 40), Buffer.alloc(10)]);
    const result = await sanitizer.sanitize(broken, "image/png", 40_000_000);
    expect(result.ok).toBe(false);
  });

  it("parses PDFs on a thread too, with libvips or without (a hostile PDF's objects take seconds)", async () => {
    const before = sanitizer.counts();
    const result = await sanitizer.sanitize(pdfFile(), "application/pdf", 40_000_000);
    expect(result.ok && Buffer.from(result.bytes).equals(pdfFile())).toBe(true);
    expect(sanitizer.counts()).toEqual({ ...before, threaded: before.threaded + 1 });
    const native = createImageSanitizer({ threads: 1, native: true });
    try {
      expect((await native.sanitize(pdfFile(), "application/pdf", 40_000_000)).ok).toBe(true);
      expect(native.counts()).toEqual({ native: 0, threaded: 1, inline: 0 });
    } finally {
      await native.close();
    }
  });

  it("falls back to the main thread once closed", async () => {
    const closed = createImageSanitizer({ threads: 1 });
    await closed.close();
    const result = await closed.sanitize(pngFile(4, 4), "image/png", 40_000_000);
    expect(result.ok).toBe(true);
    expect(closed.counts()).toEqual({ native: 0, threaded: 0, inline: 1 });
  });

  it("goes through libvips when native is asked for, with the same result as sharp directly", async () => {
    const vips = await loadSharp();
    if (!vips) throw new Error("sharp does not load on this machine");
    const native = createImageSanitizer({ threads: 1, native: true });
    try {
      const jpeg = jpegFile(4096, 64, 48, [exifSegment(6)]);
      const results = await Promise.all(
        [1, 2, 3].map(() => native.sanitize(jpeg, "image/jpeg", 40_000_000)),
      );
      const expected = await sanitizeNatively(vips, jpeg, "image/jpeg", 40_000_000);
      for (const result of results) expect(result).toEqual(expected);
      expect(native.counts()).toEqual({ native: 3, threaded: 0, inline: 0 });
    } finally {
      await native.close();
    }
  });
});
