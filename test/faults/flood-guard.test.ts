// A sender who floods the bot: the token bucket on the real Redis, and a flood
// through the whole console pipeline that gets exactly one polite notice and
// enqueues nothing for the refused messages.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsoleChannel } from "../../bot/console/console.channel.ts";
import { startBot } from "../../bot/start-bot.ts";
import { withFloodGuard } from "../../core/app/flood-guard.ts";
import type { InboundHandler } from "../../core/app/handle-inbound.ts";
import { FLOOD_NOTICE } from "../../core/content/messages/flood.messages.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createRateLimiter } from "../../core/infra/rate-limit.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import { pngFile } from "../fixtures/files.ts";
import { messagesTo, testAppConfig, testCipher } from "../support/app.ts";
import { TEST_REDIS_URL } from "../support/env.ts";
import { freePort } from "../support/process.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("flood");
const logger = createLogger({ level: "silent" }, { write: () => {} });
let redis: Redis;

beforeAll(async () => {
  redis = createRedis(TEST_REDIS_URL, "producer");
  await redis.connect();
});
afterAll(async () => {
  await redis.quit();
  await deleteKeys(prefix);
});

const limiter = (burst: number, perMinute: number, label = randomUUID().slice(0, 8)) =>
  createRateLimiter({
    redis,
    cipher: testCipher,
    prefix: `${prefix}:${label}`,
    burst,
    perMinute,
    noticeWindowMs: 60_000,
  });

describe("the per-sender token bucket", () => {
  it("allows the burst, refuses beyond it with one notice, and refills with time", async () => {
    const bucket = limiter(3, 60); // one token a second
    const t0 = 1_000_000;
    const at = async (ms: number, n = 1) => {
      const out = [];
      for (let i = 0; i < n; i++) out.push(await bucket.take("TELEGRAM", "12345", t0 + ms));
      return out;
    };
    const burst = await at(0, 5);
    expect(burst.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect(burst.map((d) => d.notify)).toEqual([false, false, false, true, false]);
    // One second later one token is back, and only one.
    expect((await at(1000, 2)).map((d) => d.allowed)).toEqual([true, false]);
    // Still inside the notice window: refused, but no second notice.
    expect((await at(1500)).map((d) => d.notify)).toEqual([false]);
    // Ten seconds on the bucket is full again, never more than the burst.
    expect((await at(11_000, 4)).map((d) => d.allowed)).toEqual([true, true, true, false]);
    // A new flood after the window gets a new notice.
    expect((await at(61_500, 5)).filter((d) => d.notify)).toHaveLength(1);
  });

  it("looks without taking, and keeps senders and channels apart", async () => {
    const bucket = limiter(1, 1);
    expect(await bucket.peek("TELEGRAM", "a", 0)).toBe(true);
    expect(await bucket.peek("TELEGRAM", "a", 0)).toBe(true);
    expect((await bucket.take("TELEGRAM", "a", 0)).allowed).toBe(true);
    expect(await bucket.peek("TELEGRAM", "a", 1)).toBe(false);
    expect((await bucket.take("TELEGRAM", "b", 1)).allowed).toBe(true);
    expect((await bucket.take("WHATSAPP", "a", 1)).allowed).toBe(true);
  });

  it("keys buckets by a keyed hash, never by the raw sender id", async () => {
    const label = randomUUID().slice(0, 8);
    const bucket = limiter(2, 10, label);
    const jid = "6281234567890@s.whatsapp.net";
    await bucket.take("WHATSAPP", jid);
    const keys = await redis.keys(`${prefix}:${label}:*`);
    expect(keys).toEqual([bucket.keyFor("WHATSAPP", jid)]);
    expect(keys[0]).not.toContain("6281234567890");
    expect(keys[0]).toMatch(/:ratelimit:\{WHATSAPP:[0-9a-f]{64}\}$/u);
    // The bucket expires on its own once idle.
    expect(await redis.pttl(keys[0] ?? "")).toBeGreaterThan(0);
  });

  it("lets messages through when Redis cannot answer, rather than lose them", async () => {
    const dead = createRedis(`redis://127.0.0.1:${await freePort()}`, "producer", {
      retryStrategy: () => null,
    });
    dead.on("error", () => {});
    const handled: unknown[] = [];
    const inner = {
      handle: async (raw: unknown) => {
        handled.push(raw);
        return { type: "duplicate" } as const;
      },
      storeMedia: async () => ({ ok: true, mediaId: "m", mime: "image/png", size: 1, sha256: "" }),
      deliver: async () => ({ type: "duplicate" }) as const,
    } as unknown as InboundHandler;
    const guarded = withFloodGuard(inner, {
      limiter: createRateLimiter({
        redis: dead,
        cipher: testCipher,
        prefix,
        burst: 1,
        perMinute: 1,
      }),
      // Never reached: nothing is refused while Redis is away.
      prisma: undefined as never,
      cipher: testCipher,
      queueFor: undefined as never,
      logger,
      maxUploadBytes: 1000,
    });
    const message = {
      channel: "TELEGRAM",
      messageId: "1",
      sender: { externalId: "42" },
      at: new Date().toISOString(),
      content: { type: "text", text: "halo" },
    };
    for (let i = 0; i < 3; i++) expect((await guarded.handle(message)).type).toBe("duplicate");
    expect(handled).toHaveLength(3);
    expect(
      await guarded.storeMedia({
        channel: "TELEGRAM",
        sender: { externalId: "42" },
        bytes: pngFile(),
      }),
    ).toMatchObject({ ok: true });
    dead.disconnect();
  });
});

describe("a flood through the console pipeline", () => {
  const appPrefix = `${prefix}:app`;
  const lifecycle = createLifecycle(logger, 5000);
  let dir: string;
  let runtime: Runtime;
  let screen = "";
  let chat: ReturnType<typeof createConsoleChannel>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "lpse-flood-"));
    const output = new PassThrough();
    output.on("data", (d) => {
      screen += d;
    });
    ({ runtime } = await startBot({
      config: testAppConfig(appPrefix, dir, { RATE_LIMIT_BURST: "3", RATE_LIMIT_PER_MINUTE: "1" }),
      logger,
      lifecycle,
      allInOne: true,
      http: false,
      channelStates: () => ({}),
      channels: (services) => {
        chat = createConsoleChannel({
          input: new PassThrough(),
          output,
          externalId: `console:${appPrefix}`,
          inbound: services.inbound,
          replyWaitMs: 5000,
        });
        return [chat.channel];
      },
    }));
  }, 60_000);
  afterAll(async () => {
    await lifecycle.shutdown("test done");
    await rm(dir, { recursive: true, force: true });
  });

  it("handles the burst, answers the rest with exactly one notice, and enqueues nothing for them", async () => {
    const prisma = runtime.db.prisma;
    for (let i = 0; i < 12; i++) await chat.typed(`halo ${i}`);
    // The notice travels through the send-log and the outbound queue like any reply.
    const deadline = Date.now() + 20_000;
    while (!screen.includes(FLOOD_NOTICE.id) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const contact = await prisma.contact.findFirstOrThrow({
      where: {
        channel: "CONSOLE",
        externalIdHash: testCipher.hash("channel-external-id", `CONSOLE:console:${appPrefix}`),
      },
    });
    const texts = await messagesTo({ prisma } as never, contact.id);
    expect(texts.filter((t) => t === FLOOD_NOTICE.id)).toHaveLength(1);
    expect(screen.split(FLOOD_NOTICE.id)).toHaveLength(2);
    // Only the three messages of the burst reached the engine: the conversation
    // was created by the first (version 0) and saved by two more.
    const conversation = await prisma.conversation.findUniqueOrThrow({
      where: { contactId: contact.id },
    });
    expect(conversation.version).toBe(2);
    const replies = texts.filter((t) => t !== FLOOD_NOTICE.id);
    expect(replies.length).toBeGreaterThanOrEqual(3);
    // A file sent in the flood is not even stored.
    const stored = await runtime.db.prisma.attachment.count({ where: { contactId: contact.id } });
    expect(stored).toBe(0);
    const file = path.join(dir, "layar.png");
    await writeFile(file, pngFile(8, 8));
    await chat.typed(`/kirim ${file}`);
    expect(await runtime.db.prisma.attachment.count({ where: { contactId: contact.id } })).toBe(0);
  }, 60_000);
});
