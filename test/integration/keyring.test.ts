// A newcomer's first start generates the development keys into DATA_DIR. Many
// processes starting at once on an empty DATA_DIR must end with one key ring:
// two would each seal data the other cannot open.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEntry, type Started, waitForOutput } from "../support/process.ts";

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "lpse-keyring-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("generated development keys", () => {
  it("are one key ring when many processes start at once on an empty DATA_DIR", async () => {
    const starts: Started[] = Array.from({ length: 6 }, () =>
      runEntry("test/support/keyring-start.ts", [], { DATA_DIR: dataDir }, { stdin: "pipe" }),
    );
    await Promise.all(starts.map((s) => waitForOutput(s, "READY", 30_000)));
    for (const s of starts) s.child.stdin?.end("go\n");
    const codes = await Promise.all(starts.map((s) => s.exit));
    expect(codes, starts.map((s) => s.output()).join("\n")).toEqual(starts.map(() => 0));
    const rings = starts.map((s) => /KEYRING ([0-9a-f]{64})/.exec(s.output())?.[1]);
    expect(rings.every(Boolean)).toBe(true);
    expect(new Set(rings).size).toBe(1);

    // ...and it is the one on disk, which only the owner may read.
    const file = path.join(dataDir, "secrets.json");
    const stored = JSON.parse(await readFile(file, "utf8")) as {
      masterKeys: string;
      hashKey: string;
    };
    const [id, key] = stored.masterKeys.split(":") as [string, string];
    const onDisk = createHash("sha256")
      .update(id)
      .update(Buffer.from(stored.hashKey, "base64"))
      .update(id)
      .update(Buffer.from(key, "base64"))
      .digest("hex");
    expect(rings[0]).toBe(onDisk);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  }, 90_000);
});
