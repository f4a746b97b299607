// WhatsApp reuses the Telegram pacer, with random jitter on the per-chat interval.
import { describe, expect, it } from "vitest";
import { createPacer } from "../../bot/telegram/telegram.pacer.ts";

describe("whatsapp pacing", () => {
  it("spaces one chat by the interval plus jitter, and leaves other chats free", () => {
    let t = 0;
    const pacer = createPacer({
      globalRatePerSecond: 4,
      chatIntervalMs: 1500,
      chatJitterMs: 1000,
      random: () => 0.25,
      now: () => t,
    });
    expect(pacer.reserve("a")).toBe(0);
    // 1500 ms interval + 0.25 × 1000 ms jitter.
    expect(pacer.reserve("a")).toBe(1750);
    // Another chat only waits for the next global slot (4/s = 250 ms apart).
    expect(pacer.reserve("b")).toBe(250);
    t = 10_000;
    expect(pacer.reserve("a")).toBe(0);
  });

  it("adds no jitter unless asked (Telegram)", () => {
    const pacer = createPacer({ globalRatePerSecond: 25, chatIntervalMs: 1000, now: () => 0 });
    pacer.reserve("a");
    expect(pacer.reserve("a")).toBe(1000);
  });
});
