// Images lose their metadata before they are stored; bombs and fakes are refused.
// Every case runs on both re-encoders: the JavaScript one and libvips (sharp).
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import type { AcceptedMime, SanitizeResult } from "../../../core/domain/media/media-policy.ts";
import { applyOrientation, exifOrientation } from "../../../core/infra/media/image-reencode.ts";
import { loadSharp, sanitizeNatively } from "../../../core/infra/media/image-sanitizer.native.ts";
import { sanitizeFile } from "../../../core/infra/media/sanitize-file.ts";
import {
  exifSegment,
  FAKE_GPS,
  jpegBomb,
  jpegFile,
  pattern,
  pdfFile,
  pngBomb,
  pngWithText,
  webpWithMetadata,
} from "../../fixtures/files.ts";

const clean = (result: SanitizeResult) => {
  if (!result.ok) throw new Error(`refused: ${result.reason} ${result.detail}`);
  return Buffer.from(result.bytes);
};

const vips = await loadSharp();
type Sanitize = (
  bytes: Uint8Array,
  mime: AcceptedMime,
  maxPixels?: number,
) => Promise<SanitizeResult>;
const backends: [string, Sanitize][] = [
  ["JavaScript", async (bytes, mime, maxPixels) => sanitizeFile(bytes, mime, maxPixels)],
  [
    "libvips (sharp)",
    (bytes, mime, maxPixels) => {
      if (!vips) throw new Error("sharp does not load on this machine");
      return sanitizeNatively(vips, bytes, mime, maxPixels ?? 40_000_000);
    },
  ],
];

describe.each(backends)("image metadata is stripped (%s)", (_, sanitize) => {
  it("re-encodes a JPEG with EXIF GPS into one without it that still decodes", async () => {
    const photo = jpegFile(4000, 16, 8, [exifSegment()]);
    expect(photo.includes(FAKE_GPS)).toBe(true);
    expect(photo.includes("Exif")).toBe(true);
    const out = clean(await sanitize(photo, "image/jpeg"));
    expect(out.includes(FAKE_GPS)).toBe(false);
    expect(out.includes("Exif")).toBe(false);
    const decoded = jpeg.decode(out, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([16, 8]);
    // Pixels survive: the left edge is dark in red, the right edge bright.
    expect(decoded.data[0]).toBeLessThan(40);
    expect(decoded.data[(16 - 1) * 4]).toBeGreaterThan(200);
  });

  it("turns a sideways phone photo upright before dropping its orientation tag", async () => {
    const photo = jpegFile(0, 16, 8, [exifSegment(6)]);
    expect(exifOrientation(photo)).toBe(6);
    const decoded = jpeg.decode(clean(await sanitize(photo, "image/jpeg")), { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([8, 16]);
  });

  it("maps every EXIF orientation to the right size and corner", () => {
    // 2x1: left pixel 1, right pixel 2.
    const image = { width: 2, height: 1, data: new Uint8Array([1, 0, 0, 0, 2, 0, 0, 0]) };
    const firstPixel = (o: number) => applyOrientation(image, o).data[0];
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(firstPixel)).toEqual([1, 2, 2, 1, 1, 1, 2, 2]);
    expect(applyOrientation(image, 6)).toMatchObject({ width: 1, height: 2 });
  });

  it("re-encodes a PNG with a tEXt chunk into one without it that still decodes", async () => {
    const png = pngWithText("Location", FAKE_GPS);
    expect(png.includes("tEXt")).toBe(true);
    const out = clean(await sanitize(png, "image/png"));
    expect(out.includes("tEXt")).toBe(false);
    expect(out.includes(FAKE_GPS)).toBe(false);
    const decoded = PNG.sync.read(out);
    expect([decoded.width, decoded.height]).toEqual([16, 12]);
  });

  it("keeps a clean PDF as sent", async () => {
    const pdf = pdfFile();
    expect(clean(await sanitize(pdf, "application/pdf")).equals(pdf)).toBe(true);
  });
});

describe.each(backends)("hostile images are refused before decoding (%s)", (_, sanitize) => {
  it("refuses decompression bombs by their declared size", async () => {
    expect(await sanitize(jpegBomb(), "image/jpeg")).toMatchObject({ reason: "TOO_MANY_PIXELS" });
    expect(await sanitize(pngBomb(), "image/png")).toMatchObject({ reason: "TOO_MANY_PIXELS" });
    // Under the cap the same kind of header passes to the decoder (which then fails on the data).
    expect(await sanitize(jpegBomb(100, 100), "image/jpeg")).toMatchObject({
      reason: "UNDECODABLE",
    });
    expect(await sanitize(jpegFile(0, 300, 200), "image/jpeg", 50_000)).toMatchObject({
      reason: "TOO_MANY_PIXELS",
    });
  });

  it("refuses files that carry an image signature but are no image", async () => {
    const fakes: [Buffer, "image/jpeg" | "image/png" | "image/webp"][] = [
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200)]), "image/jpeg"],
      [jpegFile(2000).subarray(0, 1500), "image/jpeg"],
      [pngWithText("a", "b").subarray(0, 60), "image/png"],
      [Buffer.from("RIFF\x04\x00\x00\x00WEBP", "latin1"), "image/webp"],
      [Buffer.from("RIFF\xff\xff\x00\x00WEBPVP8L", "latin1"), "image/webp"],
    ];
    for (const [bytes, mime] of fakes) {
      expect((await sanitize(bytes, mime)).ok, mime).toBe(false);
    }
  });

  it("refuses PDFs with scripts or cut off before their end", async () => {
    const withScript = Buffer.from(
      pdfFile()
        .toString("latin1")
        .replace("/Type/Catalog", "/Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>"),
      "latin1",
    );
    expect(await sanitize(withScript, "application/pdf")).toMatchObject({
      reason: "ACTIVE_CONTENT",
    });
    expect(await sanitize(pdfFile().subarray(0, 60), "application/pdf")).toMatchObject({
      reason: "UNDECODABLE",
    });
  });
});

describe("WebP is decoded and re-encoded, never passed through (CVE-2023-4863 class)", () => {
  const sharp = async () => {
    if (!vips) throw new Error("sharp does not load on this machine");
    return vips;
  };

  it("turns a WebP with transparency, EXIF and XMP into a PNG of the same pixels without them", async () => {
    const webp = webpWithMetadata();
    expect(webp.toString("latin1")).toContain(FAKE_GPS);
    const result = await sanitizeNatively(await sharp(), webp, "image/webp", 40_000_000);
    expect(result).toMatchObject({ ok: true, mime: "image/png" });
    const out = clean(result);
    const text = out.toString("latin1");
    for (const trace of ["RIFF", "WEBP", "VP8", "EXIF", "XMP", "eXIf", FAKE_GPS, "creator"]) {
      expect(text).not.toContain(trace);
    }
    const decoded = PNG.sync.read(out);
    expect([decoded.width, decoded.height]).toEqual([1, 1]);
  });

  it("turns an opaque photo WebP into a JPEG, upright, its EXIF gone", async () => {
    const vipsLib = await sharp();
    const photo = await vipsLib(Buffer.from(pattern(24, 16)), {
      raw: { width: 24, height: 16, channels: 4 },
    })
      .removeAlpha()
      .webp({ quality: 90 })
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { ImageDescription: FAKE_GPS } })
      .toBuffer();
    expect(photo.toString("latin1")).toContain(FAKE_GPS);
    const result = await sanitizeNatively(vipsLib, photo, "image/webp", 40_000_000);
    expect(result).toMatchObject({ ok: true, mime: "image/jpeg" });
    const out = clean(result);
    expect(out.includes(FAKE_GPS)).toBe(false);
    expect(out.includes("Exif")).toBe(false);
    const decoded = jpeg.decode(out, { useTArray: true });
    // Orientation 6 (turned on its side) applied to the pixels: 24x16 becomes 16x24.
    expect([decoded.width, decoded.height]).toEqual([16, 24]);
  });

  it("refuses WebPs that do not decode, whatever their header says", async () => {
    const vipsLib = await sharp();
    const broken = Buffer.from(webpWithMetadata());
    broken.fill(0x41, 40, 50); // inside the VP8L bitstream
    const lies = Buffer.from(
      "RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\xff\xff\xff\x0f\x00\x00\x00\x00\x00\x00\x00\x00\x00",
      "latin1",
    );
    for (const bytes of [broken, lies]) {
      expect(await sanitizeNatively(vipsLib, bytes, "image/webp", 40_000_000)).toMatchObject({
        ok: false,
      });
    }
  });

  it("refuses a WebP where libvips is missing: the JavaScript path cannot decode it", async () => {
    expect(await sanitizeFile(webpWithMetadata(), "image/webp")).toMatchObject({
      ok: false,
      reason: "UNDECODABLE",
    });
  });
});
