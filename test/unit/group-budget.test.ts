// The agents group's budget against a clock and timers the test moves: which
// sends are let through when, no wall-clock timing.
import { describe, expect, it } from "vitest";
import { createGroupBudget } from "../../bot/telegram/group-budget.ts";
import type { SendLane } from "../../bot/telegram/send-lane.ts";

/** Lets every settled promise's callbacks run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function manualTime(start = 50_000) {
  let t = start;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => t,
    setTimer(fn: () => void, ms: number) {
      const entry = { at: t + ms, fn };
      timers.push(entry);
      return () => {
        timers = timers.filter((x) => x !== entry);
      };
    },
    /** Moves the clock, firing due timers in order. */
    async advance(ms: number) {
      await flush();
      const end = t + ms;
      for (;;) {
        const next = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers = timers.filter((x) => x !== next);
        t = next.at;
        next.fn();
        await flush();
      }
      t = end;
    },
  };
}

/** Starts `count` sends of a lane; records when each was let through. */
function sends(
  budget: ReturnType<typeof createGroupBudget>,
  time: ReturnType<typeof manualTime>,
  lane: SendLane,
  count: number,
  out: { lane: SendLane; at: number }[],
) {
  for (let i = 0; i < count; i++) {
    void budget.acquire(lane).then((release) => {
      out.push({ lane, at: time.now() });
      release();
    });
  }
}

/** The most sends inside any window of `windowMs` (a send leaves it windowMs later). */
function busiestWindow(times: number[], windowMs: number) {
  let most = 0;
  for (const start of times) {
    most = Math.max(most, times.filter((x) => x >= start && x < start + windowMs).length);
  }
  return most;
}

describe("group budget", () => {
  it("never lets more than the budget through in any sliding window", async () => {
    const time = manualTime();
    const budget = createGroupBudget({ perWindow: 18, minGapMs: 0, ...time });
    const out: { lane: SendLane; at: number }[] = [];
    sends(budget, time, "live", 100, out);
    await time.advance(6 * 60_000);
    expect(out).toHaveLength(100);
    expect(
      busiestWindow(
        out.map((o) => o.at),
        60_000,
      ),
    ).toBe(18);
  });

  it("lets live sends go before waiting bulk sends, and keeps room for them", async () => {
    const time = manualTime();
    const budget = createGroupBudget({ perWindow: 18, minGapMs: 1000, ...time });
    const out: { lane: SendLane; at: number }[] = [];
    sends(budget, time, "bulk", 60, out);
    await time.advance(30_000);
    // Bulk stops at 18 - 3 in the window; three are left for live.
    expect(out.filter((o) => o.lane === "bulk")).toHaveLength(15);
    const asked = time.now();
    sends(budget, time, "live", 3, out);
    await time.advance(5_000);
    const live = out.filter((o) => o.lane === "live");
    expect(live.map((o) => o.at - asked)).toEqual([0, 1000, 2000]);
    expect(budget.waiting()).toEqual({ live: 0, bulk: 45 });
  });

  it("puts a live send ahead of every bulk send already waiting", async () => {
    const time = manualTime();
    const budget = createGroupBudget({ perWindow: 20, minGapMs: 1000, ...time });
    const out: { lane: SendLane; at: number }[] = [];
    sends(budget, time, "bulk", 10, out);
    await time.advance(0);
    sends(budget, time, "live", 1, out);
    await time.advance(20_000);
    expect(out.map((o) => o.lane).slice(0, 3)).toEqual(["bulk", "live", "bulk"]);
    expect(out).toHaveLength(11);
  });

  it("spaces sends by the minimum gap", async () => {
    const time = manualTime();
    const budget = createGroupBudget({ perWindow: 18, minGapMs: 1000, ...time });
    const out: { lane: SendLane; at: number }[] = [];
    sends(budget, time, "live", 5, out);
    await time.advance(10_000);
    const start = out[0]?.at ?? 0;
    expect(out.map((o) => o.at - start)).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it("keeps a slow send's place until Telegram answered it, so late arrivals cannot bunch", async () => {
    const time = manualTime();
    const budget = createGroupBudget({ perWindow: 2, windowMs: 1000, minGapMs: 0, ...time });
    const let_through: number[] = [];
    const releases: (() => void)[] = [];
    for (let i = 0; i < 3; i++) {
      void budget.acquire("live").then((release) => {
        let_through.push(time.now());
        releases.push(release);
      });
    }
    await time.advance(0);
    expect(let_through).toHaveLength(2);
    // Both are still on the wire after a whole window: they still count.
    await time.advance(1500);
    expect(let_through).toHaveLength(2);
    // Answered at 1500: the third may go a window after that, not before.
    releases[0]?.();
    releases[1]?.();
    await time.advance(999);
    expect(let_through).toHaveLength(2);
    await time.advance(1);
    expect(let_through).toHaveLength(3);
    expect((let_through[2] ?? 0) - (let_through[0] ?? 0)).toBe(1500 + 1000);
  });
});
