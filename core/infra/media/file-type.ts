// The type of a file by its first bytes (the `file-type` package: hundreds of
// signatures, kept up to date), mapped onto the types the helpdesk takes.
import { fileTypeFromBuffer } from "file-type";
import {
  type AcceptedMime,
  type FileCheck,
  isAcceptedMime,
  judgeFile,
} from "../../domain/media/media-policy.ts";

/** An animated PNG is a PNG whose first frame every decoder reads. */
const ALIASES: Readonly<Record<string, AcceptedMime>> = { "image/apng": "image/png" };

export async function sniffMime(bytes: Uint8Array): Promise<AcceptedMime | null> {
  if (bytes.length === 0) return null;
  const found = (await fileTypeFromBuffer(bytes))?.mime;
  if (!found) return null;
  const mime = ALIASES[found] ?? found;
  return isAcceptedMime(mime) ? mime : null;
}

/** Size and type of a file a user sent (a file over the limit is not even sniffed). */
export async function checkFile(bytes: Uint8Array, maxBytes: number): Promise<FileCheck> {
  const size = bytes.length;
  const sniffed = size > 0 && size <= maxBytes ? await sniffMime(bytes) : null;
  return judgeFile(size, sniffed, maxBytes);
}
