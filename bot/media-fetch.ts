// One way to fetch a file a user sent, for every channel: a hard cap on the
// bytes actually read (a size the message or the server claims only ever
// refuses, it never allows), a deadline for the whole transfer, and no
// redirects (a media server that redirects is not followed elsewhere).
// Reading stops at the first byte over the cap: the rest is never read.

export type Download =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: "TOO_LARGE" | "FAILED"; size: number | null; detail: string };

export const tooLarge = (size: number, detail: string): Download => ({
  ok: false,
  reason: "TOO_LARGE",
  size,
  detail,
});
export const failed = (detail: string, size: number | null = null): Download => ({
  ok: false,
  reason: "FAILED",
  size,
  detail,
});

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  /** Aborts the transfer early (the channel stopping). */
  signal?: AbortSignal | undefined;
}

/**
 * GETs `url` into memory, at most `maxBytes`. The URL is never put into a
 * result or an error: a Telegram file URL holds the bot token.
 *
 * The deadline is our own timer, raced against the transfer, not only a
 * signal handed to fetch: Node's fetch (undici) follows a caller's signal
 * through a weak reference, and after a garbage collection an abort no
 * longer reaches a body being read (nodejs/node#55428; reproduced in
 * test/unit/media-fetch.test.ts). A server that sends its headers and then
 * nothing would otherwise hold the chat's turn for ever.
 */
export async function fetchCapped(
  url: URL | string,
  limits: FetchLimits & { headers?: Record<string, string> },
): Promise<Download> {
  const controller = new AbortController();
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let onStop: (() => void) | undefined;
  const giveUp = (detail: string) => {
    controller.abort();
    void reader?.cancel().catch(() => {});
    return failed(detail);
  };
  const ended = new Promise<Download>((resolve) => {
    timer = setTimeout(() => resolve(giveUp("download failed (TimeoutError)")), limits.timeoutMs);
    onStop = () => resolve(giveUp("download stopped (AbortError)"));
    if (limits.signal?.aborted) onStop();
    else limits.signal?.addEventListener("abort", onStop, { once: true });
  });
  try {
    return await Promise.race([
      transfer(url, limits, controller.signal, (r) => {
        reader = r;
      }),
      ended,
    ]);
  } finally {
    clearTimeout(timer);
    if (onStop) limits.signal?.removeEventListener("abort", onStop);
  }
}

async function transfer(
  url: URL | string,
  limits: FetchLimits & { headers?: Record<string, string> },
  signal: AbortSignal,
  reading: (reader: ReadableStreamDefaultReader<Uint8Array>) => void,
): Promise<Download> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal,
      redirect: "error",
      ...(limits.headers ? { headers: limits.headers } : {}),
    });
  } catch (err) {
    return failed(`request failed (${errorName(err)})`);
  }
  const body = response.body;
  if (!response.ok || !body) {
    await body?.cancel().catch(() => {});
    return failed(`server answered ${response.status}`);
  }
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    await body.cancel().catch(() => {});
    return tooLarge(declared, "Content-Length over the limit");
  }
  const reader = body.getReader();
  reading(reader);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limits.maxBytes) {
        await reader.cancel().catch(() => {});
        return tooLarge(total, "body over the limit");
      }
      chunks.push(value);
    }
  } catch (err) {
    await reader.cancel().catch(() => {});
    return failed(`download failed (${errorName(err)})`, total);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

const errorName = (err: unknown) =>
  err instanceof Error
    ? err.name === "Error" && err.cause instanceof Error
      ? err.cause.name
      : err.name
    : "Error";
