// Every image re-encoded through libvips (sharp), about twenty times faster
// than the JavaScript decoders (a 1280x800 photo: ~30 ms instead of ~650 ms),
// which on two cores decides how many users can send a KTP at once. The
// declared size is checked first (image-header.ts: a bomb never reaches the
// decoder), then sharp's metadata must agree with the sniffed type, then the
// pixels are decoded, turned upright by the EXIF orientation, and written out
// alone: EXIF, GPS, ICC, XMP, text chunks and anything appended are gone.
// A WebP is decoded too and stored as PNG (with transparency) or JPEG: a
// crafted WebP passed through would reach agents' phones, whose WebP decoders
// had heap overflows (CVE-2023-4863). What does not decode is refused.
//
// sharp ships libvips as npm packages (@img/sharp-*), nothing is downloaded;
// where it cannot load (another platform, a trimmed image) the JavaScript path
// takes over (image-reencode.ts, on threads; it refuses WebP).
import type SharpModule from "sharp";
import type { AcceptedMime, ImageMime, SanitizeResult } from "../../domain/media/media-policy.ts";
import { judgeDimensions, undecodable } from "../../domain/media/media-policy.ts";
import { checkDeclaredSize } from "./image-header.ts";
import { checkPdf } from "./pdf-inspect.ts";

export type Sharp = typeof SharpModule;

const JPEG_QUALITY = 90;
/** sharp's name for each image type. */
const FORMAT: Readonly<Record<ImageMime, string>> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/webp": "webp",
};
/** sharp, or null when it cannot be loaded here. */
export async function loadSharp(): Promise<Sharp | null> {
  try {
    const sharp = (await import("sharp")).default;
    // One libvips thread per image: several images at once use the libuv
    // pool, and the event loop keeps a core on a two-core machine.
    sharp.concurrency(1);
    // Files are seen once; libvips' operation cache would only hold memory.
    sharp.cache(false);
    return sharp;
  } catch {
    return null;
  }
}

export async function sanitizeNatively(
  sharp: Sharp,
  bytes: Uint8Array,
  mime: AcceptedMime,
  maxPixels: number,
): Promise<SanitizeResult> {
  if (mime === "application/pdf") return checkPdf(bytes);
  const refused = checkDeclaredSize(bytes, mime, maxPixels);
  if (refused) return refused;
  // libvips' PNG reader fills a cut-off file with blank rows, even when told
  // to fail on warnings: a file must end exactly with its IEND chunk (as the
  // JavaScript path demands too: bytes after IEND, a polyglot's payload, are refused).
  if (mime === "image/png" && !pngComplete(bytes)) {
    return undecodable("PNG cut off before IEND, or bytes after it");
  }
  try {
    // failOn "warning": a cut-off or damaged file is refused, not half-decoded
    // (grey blocks where the data ran out are no use to an agent). An
    // animated WebP gives its first frame.
    const image = sharp(bytes, { limitInputPixels: maxPixels, failOn: "warning", animated: false });
    const meta = await image.metadata();
    if (meta.format !== FORMAT[mime])
      return undecodable(`libvips reads ${meta.format}, not ${mime}`);
    const tooBig = judgeDimensions({ width: meta.width ?? 0, height: meta.height ?? 0 }, maxPixels);
    if (tooBig) return tooBig;
    const upright = image.rotate();
    // A WebP with transparency (a screenshot, a sticker-like image) stays lossless.
    const asPng = mime === "image/png" || (mime === "image/webp" && meta.hasAlpha === true);
    const out = asPng ? upright.png({ palette: false }) : upright.jpeg({ quality: JPEG_QUALITY });
    return {
      ok: true,
      bytes: new Uint8Array(await out.toBuffer()),
      mime: asPng ? "image/png" : "image/jpeg",
    };
  } catch (err) {
    return undecodable(err instanceof Error ? err.message.slice(0, 200) : "decoder failed");
  }
}

/** Walks the chunk lengths from the signature: true when the file ends exactly with IEND. */
function pngComplete(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const next = at + 12 + length;
    if (next > bytes.length) return false;
    if (type === "IEND") return next === bytes.length;
    at = next;
  }
  return false;
}
