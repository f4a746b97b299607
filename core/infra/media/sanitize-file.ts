// A file as it is stored, without libvips: images re-encoded in JavaScript
// (image-reencode.ts; WebP refused), PDFs inspected (pdf-inspect.ts). What the
// sanitizer's worker threads run, and the main thread when they cannot.
import {
  type AcceptedMime,
  DEFAULT_MAX_PIXELS,
  type SanitizeResult,
} from "../../domain/media/media-policy.ts";
import { reencodeWithJs } from "./image-reencode.ts";
import { checkPdf } from "./pdf-inspect.ts";

export async function sanitizeFile(
  bytes: Uint8Array,
  mime: AcceptedMime,
  maxPixels = DEFAULT_MAX_PIXELS,
): Promise<SanitizeResult> {
  return mime === "application/pdf" ? checkPdf(bytes) : reencodeWithJs(bytes, mime, maxPixels);
}
