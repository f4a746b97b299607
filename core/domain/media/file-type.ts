// What a file is, judged by its first bytes, never by its name or the mime
// type a client claims: a renamed .exe must not pass as a KTP photo.

export const ACCEPTED_MIME_TYPES = [
  "image/jpeg",
  "image/png",
  "image/webp",
  "application/pdf",
] as const;
export type AcceptedMime = (typeof ACCEPTED_MIME_TYPES)[number];

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

export function sniffMime(bytes: Uint8Array): AcceptedMime | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  if (startsWith(bytes, ascii("%PDF-"))) return "application/pdf";
  return null;
}

export type FileCheck =
  | { ok: true; mime: AcceptedMime; size: number }
  | {
      ok: false;
      reason: "EMPTY" | "TOO_LARGE" | "UNSUPPORTED_TYPE";
      size: number;
      maxBytes: number;
    };

export function checkFile(bytes: Uint8Array, maxBytes: number): FileCheck {
  const size = bytes.length;
  if (size === 0) return { ok: false, reason: "EMPTY", size, maxBytes };
  if (size > maxBytes) return { ok: false, reason: "TOO_LARGE", size, maxBytes };
  const mime = sniffMime(bytes);
  return mime
    ? { ok: true, mime, size }
    : { ok: false, reason: "UNSUPPORTED_TYPE", size, maxBytes };
}
