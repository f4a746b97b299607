// Fetches a file a user sent: getFile names its path, then the bytes come
// from the file endpoint through bot/media-fetch.ts (capped on the bytes
// read, with a deadline). The file_size Telegram reports is only ever used
// to refuse early, never to allow: the count of bytes read decides.
import type { Api } from "grammy";
import { type Download, failed, fetchCapped, tooLarge } from "../media-fetch.ts";

export type { Download } from "../media-fetch.ts";

/** The cloud Bot API serves files up to 20 MB through getFile; larger ones fail there. */
export const BOT_API_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

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
    return failed(describeError(err));
  }
  const size = file.file_size ?? null;
  if (size !== null && size > deps.maxBytes) return tooLarge(size, "file_size over the limit");
  if (!file.file_path) return failed("no file_path", size);
  // The URL holds the bot token: fetchCapped never puts it into a result.
  const url = `${deps.apiRoot}/file/bot${deps.token}/${file.file_path}`;
  return fetchCapped(url, {
    maxBytes: deps.maxBytes,
    timeoutMs: deps.timeoutMs,
    signal: deps.signal,
  });
}

/** An error as one line without payloads: GrammyError.payload may hold a user's text. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { error_code?: unknown }).error_code;
    return typeof code === "number" ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
