// Fetches a file a user sent: getFile names its path, then the bytes come
// from the file endpoint. The size is capped while reading, so a lying
// file_size cannot fill the memory.
import type { Api } from "grammy";

/** The cloud Bot API serves files up to 20 MB through getFile; larger ones fail there. */
export const BOT_API_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

export type Download =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: "TOO_LARGE" | "FAILED"; size: number | null; detail: string };

export async function downloadFile(deps: {
  api: Api;
  apiRoot: string;
  token: string;
  fileId: string;
  maxBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<Download> {
  let file: Awaited<ReturnType<Api["getFile"]>>;
  try {
    file = await deps.api.getFile(deps.fileId);
  } catch (err) {
    return { ok: false, reason: "FAILED", size: null, detail: describeError(err) };
  }
  const size = file.file_size ?? null;
  if (size !== null && size > deps.maxBytes) {
    return { ok: false, reason: "TOO_LARGE", size, detail: "file_size over the limit" };
  }
  if (!file.file_path) return { ok: false, reason: "FAILED", size, detail: "no file_path" };
  // The URL holds the bot token: it never goes into an error or a log line.
  const url = `${deps.apiRoot}/file/bot${deps.token}/${file.file_path}`;
  const signals = [AbortSignal.timeout(deps.timeoutMs), ...(deps.signal ? [deps.signal] : [])];
  try {
    const res = await fetch(url, { signal: AbortSignal.any(signals) });
    if (!res.ok || !res.body) {
      return { ok: false, reason: "FAILED", size, detail: `file endpoint answered ${res.status}` };
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of res.body) {
      total += chunk.length;
      if (total > deps.maxBytes) {
        // Leaving the loop cancels the stream: the rest is never read.
        return { ok: false, reason: "TOO_LARGE", size: total, detail: "body over the limit" };
      }
      chunks.push(chunk);
    }
    return { ok: true, bytes: Buffer.concat(chunks) };
  } catch (err) {
    const name = err instanceof Error ? err.name : "Error";
    return { ok: false, reason: "FAILED", size, detail: `download failed (${name})` };
  }
}

/** An error as one line without payloads: GrammyError.payload may hold a user's text. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { error_code?: unknown }).error_code;
    return typeof code === "number" ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
