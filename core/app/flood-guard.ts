// Protects the pipeline and the queues from one sender who floods: each
// sender has a token bucket (core/infra/rate-limit.ts); a message beyond it is
// not handled and enqueues nothing, and the sender gets one polite notice per
// flood window through the send-log, like any other reply.
import type { Logger } from "pino";
import { FLOOD_NOTICE } from "../content/messages/flood.messages.ts";
import { inboundMessageSchema } from "../contracts/messages.ts";
import type { Cipher } from "../infra/crypto.ts";
import type { PrismaClient } from "../infra/db.ts";
import type { RateLimiter } from "../infra/rate-limit.ts";
import type { StoredMediaResult } from "../infra/stores/media.store.ts";
import type { QueueFor } from "../infra/stores/outbox.store.ts";
import type { InboundHandler } from "./handle-inbound.ts";
import type { InboundOutcome, MediaAdmission } from "./inbound-turn.ts";
import { queueNotice } from "./user-notice.ts";

export interface FloodGuardDeps {
  limiter: RateLimiter;
  prisma: PrismaClient;
  cipher: Cipher;
  queueFor: QueueFor;
  logger: Logger;
  /** The size cap reported back when a file is refused for speed. */
  maxUploadBytes: number;
  /** How long a bucket check may take before the message passes unchecked; default 1.5 s. */
  checkTimeoutMs?: number;
}

class CheckTimeout extends Error {
  readonly code = "RATE_LIMIT_TIMEOUT";
}

/**
 * A command written just before Redis went away can sit in ioredis until the
 * connection is back; a message must not wait for that.
 */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`rate limit check took over ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Wraps an inbound handler (any channel's) with the per-sender limit. Only
 * user messages count: scheduler and agent events (`deliver`) pass through.
 * When Redis cannot answer, messages pass: losing a citizen's message is worse
 * than letting a flood through for a moment.
 */
export function withFloodGuard(inner: InboundHandler, deps: FloodGuardDeps): InboundHandler {
  const log = deps.logger.child({ component: "flood-guard" });
  const timeoutMs = deps.checkTimeoutMs ?? 1500;

  return {
    ...inner,
    async handle(raw: unknown): Promise<InboundOutcome> {
      const parsed = inboundMessageSchema.safeParse(raw);
      if (!parsed.success) return inner.handle(raw);
      const { channel, sender } = parsed.data;
      const check = deps.limiter.take(channel, sender.externalId);
      const decision = await within(check, timeoutMs).catch((err: unknown) => {
        log.warn({ err }, "Rate limit not checked (Redis unavailable); message let through");
        return null;
      });
      if (!decision || decision.allowed) return inner.handle(raw);
      log.info({ channel, notify: decision.notify }, "Message refused: sender over the rate limit");
      return {
        type: "limited",
        replyIds: decision.notify ? await queueNotice(deps, { channel, sender }, FLOOD_NOTICE) : [],
      };
    },
    async admitMedia(input): Promise<MediaAdmission> {
      // Checked before the download: a flood of files is not even fetched.
      const room = await within(
        deps.limiter.peek(input.channel, input.sender.externalId),
        timeoutMs,
      ).catch(() => true);
      return room ? inner.admitMedia(input) : { ok: false, reason: "RATE_LIMITED" };
    },
    async storeMedia(input): Promise<StoredMediaResult> {
      // A flood of files would be downloaded, checked and encrypted for
      // nothing: refuse them before storing when the bucket is already empty.
      const room = await within(
        deps.limiter.peek(input.channel, input.sender.externalId),
        timeoutMs,
      ).catch(() => true);
      if (!room) {
        return {
          ok: false,
          reason: "RATE_LIMITED",
          size: input.bytes.length,
          maxBytes: deps.maxUploadBytes,
        };
      }
      return inner.storeMedia(input);
    },
  };
}
