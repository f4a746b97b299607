// The JavaScript re-encoder (jpeg-js, pngjs), used where libvips (sharp)
// cannot load, on worker threads (image-sanitizer.ts). Same rule as the
// native path (image-sanitizer.native.ts): the header is checked first (a
// bomb never reaches the decoder), JPEG and PNG are decoded and encoded again
// (only pixels survive: EXIF with the GPS position of the user's home, text
// chunks, anything appended to the file all go), and the EXIF orientation is
// applied to the pixels. WebP is refused here: there is no WebP decoder in
// JavaScript worth trusting, and passing one through undecoded is the
// CVE-2023-4863 hole (a crafted WebP reaching agents' phones).
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import {
  type ImageMime,
  type SanitizeResult,
  undecodable,
} from "../../domain/media/media-policy.ts";
import { checkDeclaredSize } from "./image-header.ts";

const JPEG_QUALITY = 90;

/** Rebuilds an image from its pixels, in JavaScript. */
export function reencodeWithJs(
  bytes: Uint8Array,
  mime: ImageMime,
  maxPixels: number,
): SanitizeResult {
  if (mime === "image/webp") return undecodable("WebP needs libvips (sharp), not loaded here");
  const refused = checkDeclaredSize(bytes, mime, maxPixels);
  if (refused) return refused;
  try {
    return mime === "image/jpeg" ? reencodeJpeg(bytes, maxPixels) : reencodePng(bytes);
  } catch (err) {
    return undecodable(err instanceof Error ? err.message.slice(0, 200) : "decoder failed");
  }
}

function reencodeJpeg(bytes: Uint8Array, maxPixels: number): SanitizeResult {
  const decoded = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    // A half-decoded file (grey blocks where the data ran out) is no use to an agent.
    tolerantDecoding: false,
    maxResolutionInMP: maxPixels / 1_000_000,
    maxMemoryUsageInMB: 512,
  });
  // Phones store photos sideways and say so in EXIF; the EXIF goes, so the
  // turn is applied to the pixels, or agents would get the KTP on its side.
  const upright = applyOrientation(decoded, exifOrientation(bytes));
  // Only the pixels go to the encoder: jpeg-js writes back any `exifBuffer`
  // or `comments` it finds on the image object it is given.
  const pixels = { width: upright.width, height: upright.height, data: upright.data };
  return {
    ok: true,
    bytes: new Uint8Array(jpeg.encode(pixels, JPEG_QUALITY).data),
    mime: "image/jpeg",
  };
}

function reencodePng(bytes: Uint8Array): SanitizeResult {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const out = PNG.sync.write(png, { colorType: 6, inputColorType: 6, inputHasAlpha: true });
  return { ok: true, bytes: new Uint8Array(out), mime: "image/png" };
}

/** The EXIF orientation (1 to 8) of a JPEG, 1 when absent or unreadable. */
export function exifOrientation(b: Uint8Array): number {
  let at = 2;
  while (at + 4 <= b.length && b[at] === 0xff) {
    const marker = b[at + 1] ?? 0;
    if (marker === 0xda || marker === 0xd9) break;
    const length = ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0);
    if (marker === 0xe1 && String.fromCharCode(...b.subarray(at + 4, at + 8)) === "Exif") {
      return tiffOrientation(b.subarray(at + 10, at + 2 + length));
    }
    at += 2 + length;
  }
  return 1;
}

function tiffOrientation(t: Uint8Array): number {
  if (t.length < 8) return 1;
  const little = t[0] === 0x49;
  const view = new DataView(t.buffer, t.byteOffset, t.byteLength);
  const u16 = (at: number) => view.getUint16(at, little);
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > t.length) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > t.length) return 1;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

type Rgba = { width: number; height: number; data: Uint8Array };

/** Turns the pixels the way EXIF orientation asks, so the photo is upright without it. */
export function applyOrientation(image: Rgba, orientation: number): Rgba {
  if (orientation === 1) return image;
  const { width: w, height: h, data } = image;
  const swap = orientation >= 5;
  const outW = swap ? h : w;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let dx = x;
      let dy = y;
      switch (orientation) {
        case 2:
          dx = w - 1 - x;
          break;
        case 3:
          dx = w - 1 - x;
          dy = h - 1 - y;
          break;
        case 4:
          dy = h - 1 - y;
          break;
        case 5:
          dx = y;
          dy = x;
          break;
        case 6:
          dx = h - 1 - y;
          dy = x;
          break;
        case 7:
          dx = h - 1 - y;
          dy = w - 1 - x;
          break;
        case 8:
          dx = y;
          dy = w - 1 - x;
          break;
      }
      out.set(data.subarray((y * w + x) * 4, (y * w + x) * 4 + 4), (dy * outW + dx) * 4);
    }
  }
  return { width: outW, height: swap ? w : h, data: out };
}
