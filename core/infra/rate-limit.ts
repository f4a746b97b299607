// A token bucket per sender in Redis. One Lua script reads, refills and takes
// a token atomically, so several bot processes share one allowance per sender
// without races. Keys hold a keyed hash of the sender, never the raw id (a
// WhatsApp id is a phone number).
//
// Kept hand-written rather than rate-limiter-flexible (11.x): its
// RateLimiterRedis counts points in fixed windows on its own Date.now(), so an
// allowance comes back all at once at a window's end (twice the rate across
// an edge), the clock cannot be handed in (tests, a skewed host), and
// "take a token, else notify once per window" would be two round trips where
// this is one atomic script on Redis and on a Cluster slot.

import type { Cipher } from "./crypto.ts";
import type { RedisClient } from "./redis.ts";

/**
 * KEYS[1] the bucket (a hash: t = tokens, at = last refill in ms, n = last notice in ms)
 * ARGV: capacity, refill per ms, now in ms, cost (0 = look only), notice window in ms, ttl in ms
 * Returns { allowed 0|1, tokens left (floored), notify 0|1 }.
 */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local window = tonumber(ARGV[5])
local ttl = tonumber(ARGV[6])
local state = redis.call('HMGET', KEYS[1], 't', 'at', 'n')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
local noticed = tonumber(state[3])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
-- A clock that went backwards refills nothing rather than taking tokens away.
local elapsed = math.max(0, now - at)
tokens = math.min(capacity, tokens + elapsed * perMs)
local allowed = 0
local notify = 0
if cost == 0 then
  if tokens >= 1 then allowed = 1 end
  return { allowed, math.floor(tokens), 0 }
end
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
elseif noticed == nil or now - noticed >= window then
  notify = 1
  noticed = now
end
if noticed == nil then
  redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', tostring(now))
else
  redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', tostring(now), 'n', tostring(noticed))
end
redis.call('PEXPIRE', KEYS[1], ttl)
return { allowed, math.floor(tokens), notify }
`;

export interface RateDecision {
  allowed: boolean;
  /** Whole tokens left after this message. */
  remaining: number;
  /** The first refusal of a flood window: the sender gets one notice. */
  notify: boolean;
}

export interface RateLimiter {
  /** Takes one token for this sender. */
  take(channel: string, senderId: string, nowMs?: number): Promise<RateDecision>;
  /** Whether a token is there, without taking it (e.g. before storing a file). */
  peek(channel: string, senderId: string, nowMs?: number): Promise<boolean>;
  /** The Redis key of a sender's bucket. */
  keyFor(channel: string, senderId: string): string;
}

export function createRateLimiter(deps: {
  redis: RedisClient;
  cipher: Pick<Cipher, "hash">;
  /** The queue prefix, so test runs and deployments sharing a Redis stay apart. */
  prefix: string;
  burst: number;
  perMinute: number;
  /** At most one flood notice per sender in this window; default one minute. */
  noticeWindowMs?: number;
  now?: () => number;
}): RateLimiter {
  const perMs = deps.perMinute / 60_000;
  const window = deps.noticeWindowMs ?? 60_000;
  // An idle bucket is full again after burst / rate; keep it no longer than that.
  const ttl = Math.ceil(deps.burst / perMs) + window;
  const now = deps.now ?? Date.now;
  const keyFor = (channel: string, senderId: string) =>
    // The braces keep a sender's bucket in one Redis Cluster slot.
    `${deps.prefix}:ratelimit:{${channel}:${deps.cipher.hash("rate-limit", `${channel}:${senderId}`)}}`;

  const run = async (key: string, cost: number, at: number) => {
    const reply = (await deps.redis.eval(
      TAKE_SCRIPT,
      1,
      key,
      deps.burst,
      perMs,
      at,
      cost,
      window,
      ttl,
    )) as [number, number, number];
    return reply;
  };

  return {
    keyFor,
    async take(channel, senderId, nowMs = now()) {
      const [allowed, remaining, notify] = await run(keyFor(channel, senderId), 1, nowMs);
      return { allowed: allowed === 1, remaining, notify: notify === 1 };
    },
    async peek(channel, senderId, nowMs = now()) {
      const [allowed] = await run(keyFor(channel, senderId), 0, nowMs);
      return allowed === 1;
    },
  };
}
