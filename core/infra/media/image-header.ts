// Width and height as an image's headers declare them, read without decoding:
// a 100 kB file can declare 50000 x 50000 pixels and take 10 GB to decode
// (a decompression bomb), so the size is judged before any decoder runs.
// Hand-written because it must run before libvips reads anything (libvips
// cannot even say the size of a JPEG without scan data, so it cannot tell a
// bomb from a broken file) and where sharp does not load at all.
import {
  type AcceptedMime,
  type ImageMime,
  judgeDimensions,
  type Refusal,
} from "../../domain/media/media-policy.ts";

export interface Dimensions {
  width: number;
  height: number;
}

const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32be = (b: Uint8Array, at: number) => u16be(b, at) * 65536 + u16be(b, at + 2);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number) => u16le(b, at) + (b[at + 2] ?? 0) * 65536;

/** The frame size in a JPEG's SOFn segment; null when no frame header is found. */
function jpegDimensions(b: Uint8Array): Dimensions | null {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    // Markers without a length: TEM, RSTn, SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // image data before any frame header
    const length = u16be(b, at + 2);
    if (length < 2) return null;
    const isFrame =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (at + 9 > b.length) return null;
      return { height: u16be(b, at + 5), width: u16be(b, at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

function pngDimensions(b: Uint8Array): Dimensions | null {
  // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4).
  if (b.length < 24 || String.fromCharCode(...b.subarray(12, 16)) !== "IHDR") return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

function webpDimensions(b: Uint8Array): Dimensions | null {
  if (b.length < 30) return null;
  const fourcc = String.fromCharCode(...b.subarray(12, 16));
  const data = 20;
  switch (fourcc) {
    case "VP8X":
      return { width: u24le(b, data + 4) + 1, height: u24le(b, data + 7) + 1 };
    case "VP8 ":
      // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
      if (b[data + 3] !== 0x9d || b[data + 4] !== 0x01 || b[data + 5] !== 0x2a) return null;
      return { width: u16le(b, data + 6) & 0x3fff, height: u16le(b, data + 8) & 0x3fff };
    case "VP8L": {
      if (b[data] !== 0x2f) return null;
      const bits = (b[data + 1] ?? 0) | ((b[data + 2] ?? 0) << 8) | ((b[data + 3] ?? 0) << 16);
      const b4 = b[data + 4] ?? 0;
      const width = (bits & 0x3fff) + 1;
      const height = ((bits >>> 14) | ((b4 & 0x0f) << 10)) + 1;
      return { width, height };
    }
    default:
      return null;
  }
}

/** Declared dimensions of an accepted image type; null for a PDF or unreadable headers. */
export function readDimensions(bytes: Uint8Array, mime: AcceptedMime): Dimensions | null {
  switch (mime) {
    case "image/jpeg":
      return jpegDimensions(bytes);
    case "image/png":
      return pngDimensions(bytes);
    case "image/webp":
      return webpDimensions(bytes);
    case "application/pdf":
      return null;
    default:
      return null;
  }
}

/** Refuses an image by its header alone (none, or a bomb), before any decoder sees it. Null: go on. */
export function checkDeclaredSize(
  bytes: Uint8Array,
  mime: ImageMime,
  maxPixels: number,
): Refusal | null {
  return judgeDimensions(readDimensions(bytes, mime), maxPixels);
}
