// The embedded database on disk, as real processes leave it: private files,
// and no production start on it unless someone chose so explicitly.
import { lstat, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_REDIS_URL, TEST_SECRETS } from "../support/env.ts";
import { freePort, runEntry, waitForOk } from "../support/process.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("files");
let dataDir: string;
const production = {
  ...TEST_SECRETS,
  NODE_ENV: "production",
  ADMIN_TOKEN: "t".repeat(32),
  OFFICE_EMAIL: "helpdesk@example.go.id",
  REDIS_URL: TEST_REDIS_URL,
  QUEUE_PREFIX: prefix,
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "lpse-files-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Every path under root (root included) whose mode lets anyone but the owner in. */
async function notPrivate(root: string): Promise<string[]> {
  const open: string[] = [];
  const stat = await lstat(root);
  const mode = stat.mode & 0o777;
  if (stat.isDirectory()) {
    if (mode !== 0o700) open.push(`${root} ${mode.toString(8)}`);
    for (const entry of await readdir(root))
      open.push(...(await notPrivate(path.join(root, entry))));
  } else if (stat.isFile() && mode !== 0o600) {
    open.push(`${root} ${mode.toString(8)}`);
  }
  return open;
}

describe("the embedded database on disk", () => {
  it("refuses to start in production on the embedded database", async () => {
    const bot = runEntry("bot/main.ts", ["--all"], { ...production, DATA_DIR: dataDir });
    const running = setTimeout(() => bot.child.kill("SIGKILL"), 20_000);
    expect(await bot.exit).toBe(1);
    clearTimeout(running);
    const out = bot.output();
    expect(out).toContain("Konfigurasi tidak valid / invalid configuration:");
    expect(out).toContain(
      "DATABASE_URL: wajib di production: database bawaan (PGlite di DATA_DIR)",
    );
    expect(out).toContain("ALLOW_EMBEDDED_DATABASE=true");
    await deleteKeys(prefix);
  }, 30_000);

  it("starts when allowed explicitly, keeping DATA_DIR 0700 and every file in it 0600", async () => {
    const port = await freePort();
    const app = runEntry("bot/main.ts", ["--all"], {
      ...production,
      ALLOW_EMBEDDED_DATABASE: "true",
      DATA_DIR: dataDir,
      HTTP_PORT: String(port),
    });
    try {
      await waitForOk(`http://127.0.0.1:${port}/readyz`, app, 60_000);
      expect(await readdir(path.join(dataDir, "pglite"))).toContain("PG_VERSION");
      expect(await notPrivate(dataDir)).toEqual([]);
    } finally {
      app.child.kill("SIGTERM");
    }
    expect(await app.exit).toBe(0);
    expect(await notPrivate(dataDir)).toEqual([]);
    await deleteKeys(prefix);
  }, 90_000);
});
