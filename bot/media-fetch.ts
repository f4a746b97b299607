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
 */
export async function fetchCapped(
  url: URL | string,
  limits: FetchLimits & { headers?: Record<string, string> },
): Promise<Download> {
  const signals = [
    AbortSignal.timeout(limits.timeoutMs),
    ...(limits.signal ? [limits.signal] : []),
  ];
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.any(signals),
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
