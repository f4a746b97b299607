// Webhook mode of the Telegram channel: the route Telegram POSTs updates to
// (its secret checked in constant time, the body capped), and the
// getWebhookInfo that state() shows (pending_update_count, Telegram's last
// delivery error).
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Route } from "../../core/infra/health-server.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { describeError } from "./telegram.media.ts";
import type { TelegramChannelState } from "./telegram.state.ts";

/** Where Telegram POSTs updates in webhook mode, on the bot's HTTP server. */
export const WEBHOOK_PATH = "/telegram/webhook";
const SECRET_HEADER = "x-telegram-bot-api-secret-token";
/** Telegram's updates are small; anything much larger is not one. */
const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** Constant-time comparison (of digests, so the lengths match too). */
export function secretMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function reply(res: ServerResponse, status: number, body: unknown = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
    "cache-control": "no-store",
  });
  res.end(json);
}

async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** POST /telegram/webhook in webhook mode; in polling mode it serves nothing. */
export function createWebhookRoute(deps: {
  webhook: { secret: string } | undefined;
  bot: Bot;
  stopping: AbortSignal;
  /** Updates being handled, for stop() to wait for. */
  inFlight: Set<Promise<unknown>>;
  log: Logger;
}): Route {
  const { webhook, bot, inFlight, log } = deps;
  return async (req, res) => {
    if (!webhook) return false;
    if (new URL(req.url ?? "/", "http://local").pathname !== WEBHOOK_PATH) return false;
    if (req.method !== "POST") {
      reply(res, 405, { error: "method not allowed" });
      return true;
    }
    const given = req.headers[SECRET_HEADER];
    if (typeof given !== "string" || !secretMatches(given, webhook.secret)) {
      req.resume();
      reply(res, 401, { error: "unauthorized" });
      return true;
    }
    const body = await readLimited(req, MAX_WEBHOOK_BODY_BYTES);
    if (!body) {
      reply(res, 413, { error: "too large" });
      return true;
    }
    let update: Update;
    try {
      update = JSON.parse(body.toString("utf8")) as Update;
    } catch {
      reply(res, 400, { error: "not JSON" });
      return true;
    }
    if (typeof update !== "object" || update === null || typeof update.update_id !== "number") {
      reply(res, 400, { error: "not an update" });
      return true;
    }
    // Not ready (or shutting down): Telegram keeps the update and tries again.
    if (!bot.isInited() || deps.stopping.aborted) {
      reply(res, 503, { error: "not ready" });
      return true;
    }
    // Answered after the update is handled (its claim and state committed):
    // a crash mid-way leaves Telegram without a 200, so it delivers again, and
    // the dedupe claim makes that redelivery harmless.
    const work = bot.handleUpdate(update);
    inFlight.add(work);
    try {
      await work;
      reply(res, 200, {});
    } catch (err) {
      log.error({ updateId: update.update_id, error: describeError(err) }, "Webhook update failed");
      reply(res, 500, { error: "not handled" });
    } finally {
      inFlight.delete(work);
    }
    return true;
  };
}

/** The last getWebhookInfo, kept for state() in webhook mode. */
export function createWebhookInfo(deps: {
  bot: Bot;
  log: Logger;
  /** How old the pending_update_count shown may get (default 15 s). */
  maxAgeMs?: number | undefined;
}) {
  let info: { pending: number; lastError?: string; at: number } | undefined;
  let loading = false;

  /** getWebhookInfo into info; failures only leave the old value. */
  async function refresh() {
    if (loading) return;
    loading = true;
    try {
      const got = await deps.bot.api.getWebhookInfo();
      info = {
        pending: got.pending_update_count,
        ...(got.last_error_message ? { lastError: got.last_error_message } : {}),
        at: performance.now(),
      };
    } catch (err) {
      deps.log.warn({ error: describeError(err) }, "getWebhookInfo failed");
    } finally {
      loading = false;
    }
  }

  return {
    refresh,
    /** A connected state with the pending count and Telegram's last delivery error. */
    annotate(current: TelegramChannelState): TelegramChannelState {
      // The count shown is at most maxAgeMs old; the next look refreshes it.
      if (!info || performance.now() - info.at > (deps.maxAgeMs ?? 15_000)) void refresh();
      if (!info) return { ...current };
      return {
        ...current,
        detail: `${current.detail}, pending_update_count ${info.pending}`,
        ...(info.lastError ? { lastError: info.lastError } : {}),
      };
    },
  };
}
