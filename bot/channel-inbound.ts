// What every channel does between receiving a message and the inbound
// pipeline: turn a stored (or refused) file into the engine's media content,
// and hand the message over with a few retries.
import type { InboundHandler } from "../core/app/handle-inbound.ts";
import type { InboundOutcome } from "../core/app/inbound-turn.ts";
import {
  type InboundContent,
  type InboundMessage,
  MAX_INBOUND_TEXT,
} from "../core/contracts/messages.ts";
import type { StoredMediaResult } from "../core/infra/stores/media.store.ts";
import type { Download } from "./media-fetch.ts";

type MediaContent = Extract<InboundContent, { type: "media" }>;
/** What the channel said about a file: its kind and type, and the caption written with it. */
type Claimed = Pick<MediaContent, "kind" | "mime" | "caption">;

/**
 * A file's caption travels with the file: on the file still to fetch, or on
 * the media content when nothing is fetched (a video, a .docx).
 */
export function withCaption<
  T extends InboundContent | { type: "file"; file: { caption?: string } },
>(content: T, caption: string | undefined): T {
  if (caption === undefined) return content;
  if (content.type === "file") return { ...content, file: { ...content.file, caption } };
  return content.type === "media" ? { ...content, caption } : content;
}

/**
 * The engine refuses longer texts outright (WhatsApp allows 65k characters,
 * Telegram 4096): cut to its limit, never through an emoji's surrogate pair.
 */
export function clampText(text: string): string {
  if (text.length <= MAX_INBOUND_TEXT) return text;
  let cut = text.slice(0, MAX_INBOUND_TEXT);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/** A file the channel could not fetch: the engine still answers it, by what the channel claimed. */
export const missingMedia = (claimed: Claimed, size: number | null): InboundContent =>
  withCaption(
    { type: "media", kind: claimed.kind, mime: claimed.mime, size, mediaId: null },
    claimed.caption,
  );

/** storeMedia's result as the engine sees it; refused files still reach it, to be explained. */
export function storedMediaContent(stored: StoredMediaResult, claimed: Claimed): InboundContent {
  if (stored.ok) {
    return withCaption(
      {
        type: "media",
        kind: stored.mime === "application/pdf" ? "document" : "image",
        mime: stored.mime,
        size: stored.size,
        mediaId: stored.mediaId,
      },
      claimed.caption,
    );
  }
  if (stored.reason === "ACTIVE_CONTENT") {
    return withCaption(
      {
        type: "media",
        kind: "document",
        mime: "application/pdf",
        size: stored.size,
        mediaId: null,
        refusal: "activeContent",
      },
      claimed.caption,
    );
  }
  if (stored.reason === "UNSUPPORTED_TYPE") {
    return withCaption(
      { type: "media", kind: "other", mime: null, size: stored.size, mediaId: null },
      claimed.caption,
    );
  }
  return missingMedia(claimed, stored.size);
}

/**
 * A file a user sent, in the order that keeps a stranger from making us work:
 * the claimed size (it may only refuse), then whether the sender may send
 * files at all (blocked, over the rate limit, the bot too busy), then the
 * download within the byte cap, then the check of the bytes and the store.
 * Whatever is refused still reaches the engine, which answers it.
 */
export async function fetchMedia(deps: {
  inbound: Pick<InboundHandler, "admitMedia" | "storeMedia">;
  message: Pick<InboundMessage, "channel" | "sender">;
  claimed: Claimed & { size: number | null };
  maxBytes: number;
  download: () => Promise<Download>;
  /** Told why a file was not stored (for a log line without personal data). */
  onRefused: (reason: string, detail?: string) => void;
}): Promise<InboundContent> {
  const { claimed } = deps;
  if (claimed.size !== null && claimed.size > deps.maxBytes) {
    deps.onRefused("TOO_LARGE", "claimed size over the limit");
    return missingMedia(claimed, claimed.size);
  }
  const admitted = await deps.inbound.admitMedia(deps.message);
  if (!admitted.ok) {
    deps.onRefused(admitted.reason);
    return missingMedia(claimed, claimed.size);
  }
  const download = await deps.download();
  if (!download.ok) {
    deps.onRefused(download.reason, download.detail);
    return missingMedia(claimed, download.size ?? claimed.size);
  }
  const stored = await deps.inbound.storeMedia({ ...deps.message, bytes: download.bytes });
  if (!stored.ok) deps.onRefused(stored.reason);
  return storedMediaContent(stored, claimed);
}

/** How many times a channel hands one message over before giving up on it. */
export const HANDLE_ATTEMPTS = 3;

/**
 * Hands a message to the pipeline; a failure rolled its claim back with the
 * transaction, so trying again (after 1 s, then 2 s) is safe.
 */
export async function handleWithRetries(
  inbound: Pick<InboundHandler, "handle">,
  message: InboundMessage,
  opts: RetryOptions,
): Promise<InboundOutcome> {
  return withRetries(() => inbound.handle(message), opts);
}

export interface RetryOptions {
  stopped: () => boolean;
  wait: (ms: number) => Promise<void>;
  onRetry: (attempt: number, err: unknown) => void;
}

/** Any hand-over to the pipeline (a message, an edit, a deletion), tried like handleWithRetries. */
export async function withRetries<T>(task: () => Promise<T>, opts: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (err) {
      if (attempt >= HANDLE_ATTEMPTS || opts.stopped()) throw err;
      opts.onRetry(attempt, err);
      await opts.wait(500 * 2 ** attempt);
    }
  }
}
