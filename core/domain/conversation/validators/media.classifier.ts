import type { MediaEvent } from "../conversation-event.schema.ts";

/** Files the engine accepts; PDF only where a step says so (surat kuasa). */
const IMAGE_MIMES = new Set(["image/jpeg", "image/jpg", "image/png", "image/webp"]);
const PDF_MIME = "application/pdf";

export type MediaClass =
  | { readonly type: "image"; readonly mediaId: string; readonly mime: string }
  | { readonly type: "pdf"; readonly mediaId: string; readonly mime: string }
  | { readonly type: "tooLarge" }
  | { readonly type: "missing" }
  /** A PDF the app refused: it can act when opened (scripts, actions, files inside). */
  | { readonly type: "unsafe" }
  /** Stickers, voice notes, videos, locations, other file types. */
  | { readonly type: "unsupported" };

/**
 * Decides by kind first (a WhatsApp sticker is an image/webp, but not a photo),
 * then by MIME type, so a photo sent "as a document" still counts as a photo.
 */
export function classifyMedia(event: MediaEvent, maxBytes: number): MediaClass {
  if (event.kind !== "image" && event.kind !== "document") return { type: "unsupported" };
  const mime = (event.mime ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const isImage = IMAGE_MIMES.has(mime);
  if (!isImage && mime !== PDF_MIME) return { type: "unsupported" };
  // A file over the limit is not stored, so its media id is null too: say
  // "too large" (with the limit) rather than "not received".
  if (event.size !== null && event.size > maxBytes) return { type: "tooLarge" };
  if (event.refusal === "activeContent") return { type: "unsafe" };
  if (event.mediaId === null) return { type: "missing" };
  const normalizedMime = mime === "image/jpg" ? "image/jpeg" : mime;
  return isImage
    ? { type: "image", mediaId: event.mediaId, mime: normalizedMime }
    : { type: "pdf", mediaId: event.mediaId, mime: normalizedMime };
}
