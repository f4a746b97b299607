// Every image a user sends is rebuilt before it is stored: a phone photo of a
// KTP carries EXIF with the GPS position of the user's home, the phone model
// and the time; PNG text chunks and WebP XMP carry editors' metadata. JPEG and
// PNG are decoded and encoded again (only pixels survive, anything appended to
// the file goes too); a WebP loses its metadata chunks. PDFs are checked for
// active content. A file that claims a type but is not one is refused.
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import type { AcceptedMime } from "./file-type.ts";
import { readDimensions } from "./image-dimensions.ts";

/** Default cap on declared pixels: a 40 MP phone photo is already far more than a KTP needs. */
export const DEFAULT_MAX_PIXELS = 40_000_000;
const JPEG_QUALITY = 90;

export type SanitizeResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: "UNDECODABLE" | "TOO_MANY_PIXELS" | "ACTIVE_CONTENT"; detail: string };

export const undecodable = (detail: string): SanitizeResult => ({
  ok: false,
  reason: "UNDECODABLE",
  detail,
});

export function sanitizeFile(
  bytes: Uint8Array,
  mime: AcceptedMime,
  maxPixels = DEFAULT_MAX_PIXELS,
): SanitizeResult {
  if (mime === "application/pdf") return checkPdf(bytes);
  const refused = checkDeclaredSize(bytes, mime, maxPixels);
  if (refused) return refused;
  try {
    switch (mime) {
      case "image/jpeg":
        return reencodeJpeg(bytes, maxPixels);
      case "image/png":
        return reencodePng(bytes);
      case "image/webp":
        return stripWebp(bytes);
      default:
        return undecodable("unknown type");
    }
  } catch (err) {
    return undecodable(err instanceof Error ? err.message.slice(0, 200) : "decoder failed");
  }
}

/**
 * Refuses an image by its header alone (no header, or more pixels than
 * allowed: a decompression bomb), before any decoder sees it. Null: go on.
 */
export function checkDeclaredSize(
  bytes: Uint8Array,
  mime: Exclude<AcceptedMime, "application/pdf">,
  maxPixels: number,
): SanitizeResult | null {
  const size = readDimensions(bytes, mime);
  if (!size || size.width === 0 || size.height === 0) return undecodable("no image header");
  if (size.width * size.height > maxPixels) {
    return {
      ok: false,
      reason: "TOO_MANY_PIXELS",
      detail: `${size.width}x${size.height} declared`,
    };
  }
  return null;
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
  return { ok: true, bytes: new Uint8Array(jpeg.encode(pixels, JPEG_QUALITY).data) };
}

function reencodePng(bytes: Uint8Array): SanitizeResult {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const out = PNG.sync.write(png, { colorType: 6, inputColorType: 6, inputHasAlpha: true });
  return { ok: true, bytes: new Uint8Array(out) };
}

const WEBP_DROPPED = new Set(["EXIF", "XMP ", "ICCP"]);
const WEBP_IMAGE = new Set(["VP8 ", "VP8L", "ANIM"]);
// VP8X flag bits of the chunks we drop: ICC profile, EXIF, XMP.
const VP8X_METADATA_FLAGS = 0x20 | 0x08 | 0x04;

/** Rebuilds the RIFF container without its metadata chunks; the image data is kept as is. */
function stripWebp(bytes: Uint8Array): SanitizeResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > bytes.length) return undecodable("RIFF size beyond the file");
  const kept: Uint8Array[] = [];
  let hasImage = false;
  for (let at = 12; at < riffEnd; ) {
    if (at + 8 > riffEnd) return undecodable("truncated chunk header");
    const fourcc = String.fromCharCode(...bytes.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > riffEnd) return undecodable(`chunk ${fourcc} beyond the file`);
    if (WEBP_IMAGE.has(fourcc)) hasImage = true;
    if (!WEBP_DROPPED.has(fourcc)) {
      const chunk = bytes.slice(at, Math.min(end, riffEnd));
      if (fourcc === "VP8X" && chunk.length > 8) chunk[8] = (chunk[8] ?? 0) & ~VP8X_METADATA_FLAGS;
      kept.push(chunk);
    }
    at = end;
  }
  if (!hasImage) return undecodable("no image chunk");
  const body = Buffer.concat(kept);
  const header = Buffer.alloc(12);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(4 + body.length, 4);
  header.write("WEBP", 8, "latin1");
  return { ok: true, bytes: new Uint8Array(Buffer.concat([header, body])) };
}

// Names that make a PDF act when opened: scripts, launching programs, files inside.
const PDF_ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)\b/;

/**
 * A PDF is stored as sent (signatures and stamps must survive), but one that
 * is cut off or carries scripts or embedded files is refused. Objects inside
 * compressed streams are not inspected; agents open files in a viewer with
 * scripts off (README, Security).
 */
function checkPdf(bytes: Uint8Array): SanitizeResult {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  if (!text.slice(-2048).includes("%%EOF")) return undecodable("no end-of-file marker");
  const active = PDF_ACTIVE.exec(text);
  if (active) return { ok: false, reason: "ACTIVE_CONTENT", detail: active[0] };
  return { ok: true, bytes };
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
