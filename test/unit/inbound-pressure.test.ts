// When the inbound line counts as saturated, and who hears so: the count and
// the age thresholds, once per sender per episode, a new episode after calm.
// The clock is injected; the notice's transaction is never run here.
import { describe, expect, it } from "vitest";
import { createBusyAcknowledger } from "../../core/app/inbound-pressure.ts";
import type { NoticeDeps } from "../../core/app/user-notice.ts";
import { createLogger } from "../../core/infra/logger.ts";

function setup(thresholds: { waiting: number; afterMs: number }) {
  const figures = { waiting: 0, oldestAt: undefined as number | undefined, now: 1_000_000 };
  const queued: number[] = [];
  const ack = createBusyAcknowledger({
    ...({} as Omit<NoticeDeps, "logger">),
    logger: createLogger({ level: "silent" }, { write: () => {} }),
    thresholds,
    clock: () => figures.now,
    line: { waiting: () => figures.waiting, oldestAt: () => figures.oldestAt },
    runNotice: () => {
      queued.push(figures.now);
      return Promise.resolve(["notice"]);
    },
  });
  const from = (externalId: string) => ({ channel: "TELEGRAM" as const, sender: { externalId } });
  return { figures, queued, ack, from };
}

describe("busy acknowledger", () => {
  it("tells nobody below the waiting threshold, then each sender once", async () => {
    const { figures, queued, ack, from } = setup({ waiting: 3, afterMs: 0 });
    figures.waiting = 2;
    expect(ack.acknowledge(from("a"))).toBeNull();
    figures.waiting = 3;
    expect(await ack.acknowledge(from("a"))).toEqual(["notice"]);
    expect(ack.acknowledge(from("a"))).toBeNull();
    expect(await ack.acknowledge(from("b"))).toEqual(["notice"]);
    expect(queued).toHaveLength(2);
  });

  it("counts the oldest message's age only when others wait behind it", async () => {
    const { figures, ack, from } = setup({ waiting: 0, afterMs: 5000 });
    figures.oldestAt = figures.now - 6000;
    figures.waiting = 0;
    expect(ack.acknowledge(from("a"))).toBeNull();
    figures.waiting = 1;
    figures.oldestAt = figures.now - 4999;
    expect(ack.acknowledge(from("a"))).toBeNull();
    figures.oldestAt = figures.now - 5000;
    expect(await ack.acknowledge(from("a"))).toEqual(["notice"]);
  });

  it("tells a sender again in the next episode, not within one", async () => {
    const { figures, queued, ack, from } = setup({ waiting: 1, afterMs: 0 });
    figures.waiting = 1;
    await ack.acknowledge(from("a"));
    expect(ack.acknowledge(from("a"))).toBeNull();
    ack.calm();
    expect(await ack.acknowledge(from("a"))).toEqual(["notice"]);
    expect(queued).toHaveLength(2);
  });

  it("does not count a sender as told when the notices' line is full", async () => {
    const { figures, from } = setup({ waiting: 1, afterMs: 0 });
    let full = true;
    const guarded = createBusyAcknowledger({
      ...({} as Omit<NoticeDeps, "logger">),
      logger: createLogger({ level: "silent" }, { write: () => {} }),
      thresholds: { waiting: 1, afterMs: 0 },
      clock: () => figures.now,
      line: { waiting: () => 1, oldestAt: () => undefined },
      runNotice: () => (full ? null : Promise.resolve(["notice"])),
    });
    expect(guarded.acknowledge(from("a"))).toBeNull();
    full = false;
    expect(await guarded.acknowledge(from("a"))).toEqual(["notice"]);
  });
});
