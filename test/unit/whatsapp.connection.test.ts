// What the channel does for each close code, and how long it waits.
import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  closeAction,
  describeError,
  statusCodeOf,
} from "../../bot/whatsapp/whatsapp.connection.ts";
import { disconnectError } from "../fakes/whatsapp-socket.ts";

describe("whatsapp close codes", () => {
  it("stops on 401 and 411, stops for good on 403, stands aside on 440, retries 500, restarts on 515, reconnects on the rest", () => {
    expect(closeAction(401)).toEqual({ type: "logged-out" });
    expect(closeAction(411)).toEqual({ type: "logged-out" });
    expect(closeAction(403)).toEqual({ type: "banned" });
    expect(closeAction(500)).toEqual({ type: "bad-session" });
    expect(closeAction(440)).toEqual({ type: "replaced" });
    expect(closeAction(515)).toEqual({ type: "restart" });
    for (const code of [428, 408, 503, undefined]) {
      expect(closeAction(code)).toEqual({ type: "reconnect" });
    }
  });

  it("reads the status code of a Boom-like error", () => {
    expect(statusCodeOf(disconnectError(440))).toBe(440);
    expect(statusCodeOf({ statusCode: 515 })).toBe(515);
    expect(statusCodeOf(new Error("plain"))).toBeUndefined();
    expect(statusCodeOf(undefined)).toBeUndefined();
    expect(describeError(disconnectError(428, "Connection Closed"))).toBe("428 Connection Closed");
    expect(describeError(undefined)).toBe("closed");
  });
});

describe("whatsapp backoff", () => {
  const opts = { baseMs: 1000, capMs: 60_000 };

  it("doubles per attempt up to the cap", () => {
    const top = (attempt: number) => backoffDelay(attempt, opts, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(top)).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ]);
    expect(top(10_000)).toBe(60_000);
  });

  it("keeps half of each step fixed and jitters the other half", () => {
    expect(backoffDelay(3, opts, () => 0)).toBe(2000);
    expect(backoffDelay(3, opts, () => 0.5)).toBe(3000);
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay(4, opts);
      expect(d).toBeGreaterThanOrEqual(4000);
      expect(d).toBeLessThanOrEqual(8000);
    }
  });
});
