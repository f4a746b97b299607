// What the helpdesk takes as a file, whatever a channel or a client claims:
// which types, how many bytes, how many pixels. Pure rules over facts; the
// facts (the type by its first bytes, the declared size of an image, the
// decoded result) come from core/infra/media/, which reads the bytes.

export const ACCEPTED_MIME_TYPES = [
  "image/jpeg",
  "image/png",
  "image/webp",
  "application/pdf",
] as const;
export type AcceptedMime = (typeof ACCEPTED_MIME_TYPES)[number];
export type ImageMime = Exclude<AcceptedMime, "application/pdf">;
/** What an image is stored as: every image is re-encoded, a WebP into one of these. */
export type StoredImageMime = Exclude<ImageMime, "image/webp">;

export const isAcceptedMime = (mime: string | null | undefined): mime is AcceptedMime =>
  (ACCEPTED_MIME_TYPES as readonly string[]).includes(mime ?? "");

/** Default cap on declared pixels: a 40 MP phone photo is already far more than a KTP needs. */
export const DEFAULT_MAX_PIXELS = 40_000_000;

export type FileCheck =
  | { ok: true; mime: AcceptedMime; size: number }
  | {
      ok: false;
      reason: "EMPTY" | "TOO_LARGE" | "UNSUPPORTED_TYPE";
      size: number;
      maxBytes: number;
    };

/**
 * A file by its size and by the type its first bytes show (null: none we
 * know), never by its name or the type a client claims: a renamed .exe must
 * not pass as a KTP photo.
 */
export function judgeFile(
  size: number,
  detected: AcceptedMime | null,
  maxBytes: number,
): FileCheck {
  if (size === 0) return { ok: false, reason: "EMPTY", size, maxBytes };
  if (size > maxBytes) return { ok: false, reason: "TOO_LARGE", size, maxBytes };
  return detected
    ? { ok: true, mime: detected, size }
    : { ok: false, reason: "UNSUPPORTED_TYPE", size, maxBytes };
}

export type Refusal = {
  ok: false;
  reason: "UNDECODABLE" | "TOO_MANY_PIXELS" | "ACTIVE_CONTENT";
  detail: string;
};

/** A file as it is stored: an image rebuilt from its pixels, a PDF as sent. */
export type SanitizeResult =
  | { ok: true; bytes: Uint8Array; mime: StoredImageMime | "application/pdf" }
  | Refusal;

export const undecodable = (detail: string): Refusal => ({
  ok: false,
  reason: "UNDECODABLE",
  detail,
});

/**
 * An image by the size its header declares, before any decoder runs: a 100 kB
 * file can declare 50000 x 50000 pixels and take 10 GB to decode (a
 * decompression bomb). Null: go on.
 */
export function judgeDimensions(
  size: { width: number; height: number } | null,
  maxPixels: number,
): Refusal | null {
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
