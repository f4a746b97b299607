// The summary math of the benchmark: percentiles, rates and ratios. Pure, so
// test/unit/bench-stats.test.ts checks it without a database.

export interface Summary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Nearest-rank percentile of an ascending array: the smallest value with at
 * least p% of the values at or below it. No interpolation, so every figure
 * reported is a latency that was really observed.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0] as number;
  if (p >= 100) return sorted[sorted.length - 1] as number;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) {
    return {
      count: 0,
      min: Number.NaN,
      mean: Number.NaN,
      p50: Number.NaN,
      p95: Number.NaN,
      p99: Number.NaN,
      max: Number.NaN,
    };
  }
  const sorted = [...values].sort((a, b) => a - b);
  let total = 0;
  for (const v of sorted) total += v;
  return {
    count: sorted.length,
    min: sorted[0] as number,
    mean: total / sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] as number,
  };
}

/** Events per second over a span in milliseconds; NaN for an empty span. */
export function perSecond(count: number, spanMs: number): number {
  return spanMs > 0 ? (count * 1000) / spanMs : Number.NaN;
}

/** a / b, or NaN when either side is missing or b is zero. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : Number.NaN;
}

/**
 * Per key of the expected set, how often it was seen: `lost` were expected
 * and never seen, `duplicated` were seen more than once (counted once per
 * extra copy), `unexpected` were seen but never expected.
 */
export function deliveryCounts(
  expected: Iterable<string>,
  seen: ReadonlyMap<string, number>,
): { expected: number; delivered: number; lost: number; duplicated: number; unexpected: number } {
  const wanted = new Set(expected);
  let delivered = 0;
  let lost = 0;
  let duplicated = 0;
  for (const key of wanted) {
    const times = seen.get(key) ?? 0;
    if (times === 0) lost++;
    else delivered++;
    if (times > 1) duplicated += times - 1;
  }
  let unexpected = 0;
  for (const [key, times] of seen) if (!wanted.has(key)) unexpected += times;
  return { expected: wanted.size, delivered, lost, duplicated, unexpected };
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "n/a";
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** A number for a table cell: NaN shows as n/a, big numbers without decimals. */
export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return "n/a";
  return Math.abs(value) >= 100 ? Math.round(value).toString() : value.toFixed(digits);
}
