// Fetches a file a user sent: getFile names its path, then the bytes come
// from the file endpoint through bot/media-fetch.ts (capped on the bytes
// read, with a deadline). The file_size Telegram reports is only ever used
// to refuse early, never to allow: the count of bytes read decides.
import type { Api } from "grammy";
import type { InboundHandler } from "../../core/app/handle-inbound.ts";
import type { InboundContent, InboundMessage } from "../../core/contracts/messages.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { fetchMedia } from "../channel-inbound.ts";
import { type Download, failed, fetchCapped, tooLarge } from "../media-fetch.ts";
import type { TelegramFileRef } from "./telegram.mapper.ts";

export type { Download } from "../media-fetch.ts";

export const DEFAULT_API_ROOT = "https://api.telegram.org";
/** The cloud Bot API serves files up to 20 MB through getFile; larger ones fail there. */
export const BOT_API_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

/**
 * The public Bot API serves files up to 20 MB; a self-hosted server has no
 * such limit, so there the configured size alone applies.
 */
export function downloadLimit(apiRoot: string, configured: number): number {
  return apiRoot === DEFAULT_API_ROOT ? Math.min(configured, BOT_API_DOWNLOAD_LIMIT) : configured;
}

/** A user's file as the engine's media content: admitted, downloaded, checked and stored. */
export function createTelegramMedia(deps: {
  inbound: Pick<InboundHandler, "admitMedia" | "storeMedia">;
  api: Api;
  apiRoot: string;
  token: string;
  maxBytes: number;
  timeoutMs: number;
  /** Aborts the downloads under way when the channel stops. */
  signal: AbortSignal;
  log: Logger;
}) {
  return (sender: InboundMessage["sender"], file: TelegramFileRef): Promise<InboundContent> =>
    fetchMedia({
      inbound: deps.inbound,
      message: { channel: "TELEGRAM", sender },
      claimed: file,
      maxBytes: deps.maxBytes,
      download: () =>
        downloadFile({
          api: deps.api,
          apiRoot: deps.apiRoot,
          token: deps.token,
          fileId: file.fileId,
          maxBytes: deps.maxBytes,
          timeoutMs: deps.timeoutMs,
          signal: deps.signal,
        }),
      onRefused: (reason, detail) => deps.log.warn({ reason, detail }, "File not stored"),
    });
}

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
