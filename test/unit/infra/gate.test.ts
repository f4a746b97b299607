import { describe, expect, it } from "vitest";
import { createGate } from "../../../core/infra/gate.ts";

/** A task that waits until released, recording when it started. */
function controlled(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    release: () => release(),
    task: async () => {
      log.push(name);
      await done;
      return name;
    },
  };
}

describe("the inbound gate", () => {
  it("runs at most `limit` tasks and starts the waiting ones in arrival order", async () => {
    const gate = createGate(2);
    const started: string[] = [];
    const tasks = ["a", "b", "c", "d"].map((n) => controlled(started, n));
    const results = tasks.map((t) => gate.run(t.task));
    await new Promise((r) => setTimeout(r, 5));
    expect(started).toEqual(["a", "b"]);
    expect([gate.active, gate.waiting]).toEqual([2, 2]);
    tasks[1]?.release();
    await new Promise((r) => setTimeout(r, 5));
    expect(started).toEqual(["a", "b", "c"]);
    for (const t of tasks) t.release();
    await expect(Promise.all(results)).resolves.toEqual(["a", "b", "c", "d"]);
    expect([gate.active, gate.waiting]).toEqual([0, 0]);
  });

  it("gives the slot back when a task throws", async () => {
    const gate = createGate(1);
    await expect(gate.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(gate.run(async () => "next")).resolves.toBe("next");
    expect(gate.active).toBe(0);
  });

  it("refuses a limit below one", () => {
    expect(() => createGate(0)).toThrow(/≥ 1/);
  });
});
