// The embedded database (PGlite) is one process's: a newcomer who runs
// `npm start` and then `npm run chat` in a second terminal on the same DATA_DIR
// used to lose what the chat filed. Real processes, real files.
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../core/infra/db.ts";
import { TEST_REDIS_URL } from "../support/env.ts";
import { freePort, runEntry, type Started, waitForOk, waitForOutput } from "../support/process.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("lock");
let dataDir: string;
const env = () => ({ DATA_DIR: dataDir, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "lpse-lock-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await deleteKeys(prefix);
});

/** Types each line into `npm run chat` once the bot has answered the one before. */
async function chat(started: Started, lines: [string, string][]): Promise<void> {
  for (const [line, answer] of lines) {
    started.child.stdin?.write(`${line}\n`);
    await waitForOutput(started, answer, 30_000);
  }
  started.child.stdin?.end("/keluar\n");
}

const complaint = (text: string): [string, string][] => [
  ["halo", "Selamat datang"],
  ["4", "Pengaduan layanan"],
  [text, "Pengaduan Bapak/Ibu telah kami terima"],
];

async function complaintsIn(dir: string, text: string): Promise<number> {
  const db = await openDatabase({ kind: "embedded", dir: path.join(dir, "pglite") });
  try {
    return await db.prisma.complaint.count({ where: { text } });
  } finally {
    await db.close();
  }
}

describe("two processes on one embedded database", () => {
  it("refuses the second (npm run chat beside npm start) and loses nothing", async () => {
    const port = await freePort();
    const app = runEntry("bot/main.ts", ["--all"], { ...env(), HTTP_PORT: String(port) });
    await waitForOk(`http://127.0.0.1:${port}/readyz`, app, 60_000);

    const lost = "Pengaduan dari terminal kedua, saat npm start masih berjalan.";
    try {
      const beside = runEntry("bot/console/main.ts", ["--as=warga"], env(), { stdin: "pipe" });
      // Before the lock this chat ran, answered, and its complaint vanished.
      await Promise.race([chat(beside, complaint(lost)).catch(() => {}), beside.exit]);
      expect(await beside.exit).toBe(1);
      const refusal = beside.output();
      expect(refusal).toContain(
        `database ini sedang dipakai oleh proses lain (PID ${app.child.pid}); hentikan dulu, atau jalankan \`npm run chat\` dengan DATA_DIR lain`,
      );
      expect(refusal).toContain(
        `this database is in use by another process (PID ${app.child.pid})`,
      );
    } finally {
      app.child.kill("SIGTERM");
    }
    expect(await app.exit).toBe(0);

    // Alone, the chat runs, and what it filed is there after it stopped.
    const alone = runEntry("bot/console/main.ts", ["--as=warga"], env(), { stdin: "pipe" });
    const kept = "Pengaduan dari terminal yang berjalan sendiri, harus tersimpan.";
    await chat(alone, complaint(kept));
    expect(await alone.exit).toBe(0);
    expect(await complaintsIn(dataDir, kept)).toBe(1);
    expect(await complaintsIn(dataDir, lost)).toBe(0);
  }, 180_000);

  it("takes over the stale lock of a dead process", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
    const deadPid = Number(dead.stdout.toString());
    expect(deadPid).toBeGreaterThan(0);
    const lockFile = path.join(dataDir, "pglite.lock");
    await writeFile(
      lockFile,
      JSON.stringify({ pid: deadPid, startedAt: new Date().toISOString() }),
    );

    const port = await freePort();
    const app = runEntry("bot/main.ts", ["--all"], { ...env(), HTTP_PORT: String(port) });
    try {
      await waitForOk(`http://127.0.0.1:${port}/readyz`, app, 60_000);
      expect(JSON.parse(await readFile(lockFile, "utf8")).pid).toBe(app.child.pid);
      expect(app.output()).toContain(`"stalePid":${deadPid}`);
    } finally {
      app.child.kill("SIGTERM");
    }
    expect(await app.exit).toBe(0);
    // Released on a clean stop.
    await expect(readFile(lockFile, "utf8")).rejects.toMatchObject({ code: "ENOENT" });
  }, 120_000);
});
