// The pacer against a clock the test moves: computed delays, no wall-clock timing.
import { describe, expect, it } from "vitest";
import { createPacer } from "../../bot/telegram/telegram.pacer.ts";

function clock(start = 10_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("Telegram pacer", () => {
  it("spaces messages to one chat by the chat interval", () => {
    const c = clock();
    const pacer = createPacer({ globalRatePerSecond: 25, chatIntervalMs: 1000, now: c.now });
    expect(pacer.reserve("a")).toBe(0);
    expect(pacer.reserve("a")).toBe(1000);
    expect(pacer.reserve("a")).toBe(2000);
    c.advance(2500);
    // The third slot (at +2000) has passed: the next one is 1000 after it.
    expect(pacer.reserve("a")).toBe(500);
  });

  it("does not hold other chats behind a chat that waits", () => {
    const c = clock();
    const pacer = createPacer({ globalRatePerSecond: 25, chatIntervalMs: 1000, now: c.now });
    expect(pacer.reserve("a")).toBe(0);
    expect(pacer.reserve("a")).toBe(1000);
    // Global slots are 40 ms apart: b takes the next free one, not a's.
    expect(pacer.reserve("b")).toBe(40);
    expect(pacer.reserve("c")).toBe(80);
  });

  it("caps all chats together at the global rate", () => {
    const c = clock();
    const pacer = createPacer({ globalRatePerSecond: 25, chatIntervalMs: 1000, now: c.now });
    const waits = Array.from({ length: 50 }, (_, i) => pacer.reserve(`chat-${i}`));
    expect(waits).toEqual(Array.from({ length: 50 }, (_, i) => i * 40));
    // No more than 25 start within any one second.
    expect(waits.filter((w) => w < 1000)).toHaveLength(25);
    c.advance(2000);
    expect(pacer.reserve("late")).toBe(0);
  });

  it("skips a global slot another chat already holds", () => {
    const c = clock(0);
    const pacer = createPacer({ globalRatePerSecond: 10, chatIntervalMs: 1000, now: c.now });
    expect(pacer.reserve("a")).toBe(0);
    expect(pacer.reserve("a")).toBe(1000); // global slot 10
    c.advance(900);
    // Slot 9 (at 900) is free; slot 10 is a's.
    expect(pacer.reserve("b")).toBe(0);
    expect(pacer.reserve("c")).toBe(200);
  });

  it("paces nothing per chat when the interval is 0", () => {
    const c = clock();
    const pacer = createPacer({ globalRatePerSecond: 1000, chatIntervalMs: 0, now: c.now });
    expect([pacer.reserve("a"), pacer.reserve("a"), pacer.reserve("a")]).toEqual([0, 1, 2]);
  });

  it("waits through the injected sleep, in the order of the calls", async () => {
    const c = clock();
    const slept: number[] = [];
    const pacer = createPacer({
      globalRatePerSecond: 25,
      chatIntervalMs: 1000,
      now: c.now,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    await pacer.acquire("a");
    await pacer.acquire("a");
    await pacer.acquire("b");
    expect(slept).toEqual([1000, 40]);
  });
});
