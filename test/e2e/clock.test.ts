// Entry points started by tests run at the test's moment: under
// `npm run test:time-travel` libfaketime's environment reaches the child, so
// a child never runs a year behind the test that checks its output.
import { describe, expect, it } from "vitest";
import { runEntry } from "../support/process.ts";

describe("child processes", () => {
  it("share the test's clock and time zone", async () => {
    const before = Date.now();
    const child = runEntry("test/fixtures/entries/print-now.ts", [], {});
    expect(await child.exit, child.output()).toBe(0);
    const after = Date.now();
    const printed = JSON.parse(child.output().trim().split("\n").at(-1) ?? "{}") as {
      now: string;
      tz: string | null;
    };
    const childNow = Date.parse(printed.now);
    expect(childNow).toBeGreaterThanOrEqual(before - 1000);
    expect(childNow).toBeLessThanOrEqual(after + 1000);
    expect(printed.tz).toBe(process.env.TZ ?? null);
  }, 30_000);
});
