import { describe, expect, it } from "vitest";
import { createKeyedMutex } from "../../../core/app/keyed-mutex.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("keyed mutex", () => {
  it("runs one key in arrival order and other keys alongside", async () => {
    const mutex = createKeyedMutex();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      mutex.run("chat-a", task("a1", 30)),
      mutex.run("chat-a", task("a2", 1)),
      mutex.run("chat-b", task("b1", 5)),
    ]);
    expect(results).toEqual(["a1", "a2", "b1"]);
    expect(log.indexOf("end a1")).toBeLessThan(log.indexOf("start a2"));
    expect(log.indexOf("start b1")).toBeLessThan(log.indexOf("end a1"));
    expect(mutex.size).toBe(0);
  });

  it("goes on after a failed task", async () => {
    const mutex = createKeyedMutex();
    const failed = mutex.run("k", async () => {
      throw new Error("boom");
    });
    await expect(failed).rejects.toThrow("boom");
    await expect(mutex.run("k", async () => "next")).resolves.toBe("next");
  });
});
