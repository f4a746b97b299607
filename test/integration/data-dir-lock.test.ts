// The embedded database's directory lock against real processes and files:
// a live holder refuses, a dead or reused PID is taken over, starts at once
// leave exactly one holder. (The two-terminal case: test/e2e/embedded-lock.test.ts.)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseInUseError, lockDataDirectory } from "../../core/infra/data-dir-lock.ts";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "lpse-dirlock-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const startTicks = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
};

async function withSleeper<T>(run: (pid: number) => Promise<T>): Promise<T> {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"]);
  await new Promise((resolve) => child.once("spawn", resolve));
  try {
    return await run(child.pid ?? 0);
  } finally {
    child.kill("SIGKILL");
  }
}

describe("the embedded database's directory lock", () => {
  it("refuses while a live process holds it, naming its PID", async () => {
    const dir = path.join(root, "live");
    await withSleeper(async (pid) => {
      await writeFile(`${dir}.lock`, JSON.stringify({ pid, processStart: startTicks(pid) }));
      const refused = lockDataDirectory(dir);
      await expect(refused).rejects.toBeInstanceOf(DatabaseInUseError);
      await expect(refused).rejects.toThrow(`proses lain (PID ${pid})`);
      expect(JSON.parse(await readFile(`${dir}.lock`, "utf8")).pid).toBe(pid);
    });
  });

  it("takes over a lock whose PID now belongs to a process started later", async () => {
    const dir = path.join(root, "reused");
    await withSleeper(async (pid) => {
      await writeFile(`${dir}.lock`, JSON.stringify({ pid, processStart: "1" }));
      const warnings: unknown[] = [];
      const lock = await lockDataDirectory(dir, { warn: (obj: unknown) => warnings.push(obj) });
      expect(JSON.parse(await readFile(lock.file, "utf8")).pid).toBe(process.pid);
      expect(warnings).toEqual([expect.objectContaining({ stalePid: pid })]);
      await lock.release();
    });
  });

  it("leaves one holder when many open at once, and frees the directory on release", async () => {
    const dir = path.join(root, "many");
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => lockDataDirectory(dir)),
    );
    const held = results.filter((r) => r.status === "fulfilled");
    expect(held).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect(r.reason).toBeInstanceOf(DatabaseInUseError);
    }
    const lock = (held[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof lockDataDirectory>>>)
      .value;
    await lock.release();
    await expect(readFile(lock.file)).rejects.toMatchObject({ code: "ENOENT" });
    const again = await lockDataDirectory(dir);
    await again.release();
  });
});
