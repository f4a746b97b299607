// JPEG and PNG re-encoding through libvips (sharp), about twenty times faster
// than the JavaScript decoders (a 1280x800 photo: ~30 ms instead of ~650 ms),
// which on two cores decides how many users can send a KTP at once. Same rule
// as core/domain/media/image-sanitize.ts: the header is checked first (a
// bomb never reaches the decoder), the EXIF orientation is applied to the
// pixels, and only pixels are written out: EXIF, GPS, ICC, text chunks and
// anything appended to the file are gone. WebP (its metadata chunks dropped,
// no decode) and PDF (scanned) stay on the JavaScript path.
//
// sharp ships libvips as npm packages (@img/sharp-*), nothing is downloaded;
// where it cannot load (another platform, a trimmed image) the JavaScript path
// takes over (image-sanitizer.ts).
import type SharpModule from "sharp";
import type { AcceptedMime } from "../domain/media/file-type.ts";
import {
  checkDeclaredSize,
  type SanitizeResult,
  sanitizeFile,
  undecodable,
} from "../domain/media/image-sanitize.ts";

export type Sharp = typeof SharpModule;

const JPEG_QUALITY = 90;

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
  if (mime === "application/pdf" || mime === "image/webp") {
    return sanitizeFile(bytes, mime, maxPixels);
  }
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
    // (grey blocks where the data ran out are no use to an agent).
    const image = sharp(bytes, { limitInputPixels: maxPixels, failOn: "warning" }).rotate();
    const out =
      mime === "image/jpeg" ? image.jpeg({ quality: JPEG_QUALITY }) : image.png({ palette: false });
    return { ok: true, bytes: new Uint8Array(await out.toBuffer()) };
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
