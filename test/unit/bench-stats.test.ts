// The summary math of `npm run bench` (bench/stats.ts): the figures in the
// benchmark tables in docs/benchmark.md come from these functions.
import { describe, expect, it } from "vitest";
import {
  deliveryCounts,
  formatBytes,
  percentile,
  perSecond,
  ratio,
  summarize,
} from "../../bench/stats.ts";

describe("percentile (nearest rank)", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it("picks an observed value, never an interpolated one", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile([10, 20], 50)).toBe(10);
    expect(percentile([10, 20], 51)).toBe(20);
  });

  it("handles the ends and an empty list", () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("summarize", () => {
  it("sorts a copy and reports count, mean and the percentiles", () => {
    const values = [5, 1, 4, 2, 3];
    const s = summarize(values);
    expect(s).toEqual({ count: 5, min: 1, mean: 3, p50: 3, p95: 5, p99: 5, max: 5 });
    expect(values).toEqual([5, 1, 4, 2, 3]);
  });

  it("a slow tail shows in p99 and max, not in p50", () => {
    const values = [...Array(990).fill(10), ...Array(10).fill(1000)];
    const s = summarize(values);
    expect(s.p50).toBe(10);
    expect(s.p99).toBe(10);
    expect(s.max).toBe(1000);
    expect(summarize([...values, 1000]).p99).toBe(1000);
  });

  it("is all NaN for no values", () => {
    expect(summarize([]).count).toBe(0);
    expect(summarize([]).p99).toBeNaN();
  });
});

describe("rates and ratios", () => {
  it("counts per second over a span in ms", () => {
    expect(perSecond(500, 2000)).toBe(250);
    expect(perSecond(5, 0)).toBeNaN();
  });

  it("divides, or says NaN when a side is missing", () => {
    expect(ratio(30, 10)).toBe(3);
    expect(ratio(30, 0)).toBeNaN();
    expect(ratio(Number.NaN, 10)).toBeNaN();
  });
});

describe("deliveryCounts", () => {
  it("finds lost, duplicated and unexpected sends per message id", () => {
    const seen = new Map([
      ["a", 1],
      ["b", 3],
      ["x", 1],
    ]);
    expect(deliveryCounts(["a", "b", "c"], seen)).toEqual({
      expected: 3,
      delivered: 2,
      lost: 1,
      duplicated: 2,
      unexpected: 1,
    });
  });

  it("is clean when everything went out exactly once", () => {
    const seen = new Map([
      ["a", 1],
      ["b", 1],
    ]);
    expect(deliveryCounts(["a", "b"], seen)).toMatchObject({
      lost: 0,
      duplicated: 0,
      unexpected: 0,
    });
  });
});

describe("formatBytes", () => {
  it("uses binary units", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2048)).toBe("2.0 KB");
    expect(formatBytes(1.5 * 1024 * 1024)).toBe("1.5 MB");
    expect(formatBytes(Number.NaN)).toBe("n/a");
  });
});
