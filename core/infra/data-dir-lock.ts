// One process at a time on the embedded database. PGlite keeps the pages it
// writes in its own process's memory; a second process on the same directory
// (`npm start`, then `npm run chat` beside it) writes its own copy, and whichever
// stops last overwrites what the other committed: a filed complaint vanished.
//
// The lock is a file beside the data directory naming the holder's PID, kept
// for the process's lifetime; a holder that is gone (no such PID, or the PID
// now belongs to a process started later) leaves a stale lock that the next
// start takes over. The check-and-take runs under proper-lockfile's mutex, so
// two starts at once cannot both see a stale lock and both take it.
// proper-lockfile alone does not fit the lifetime lock: it judges staleness by
// an mtime heartbeat, which a long PGlite query (WebAssembly on the main
// thread, blocking the event loop) can miss, and it cannot name the holder.
import { readFileSync, unlinkSync } from "node:fs";
import { mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import lockfile from "proper-lockfile";
import { z } from "zod";
import type { Logger } from "./logger.ts";

export class DatabaseInUseError extends Error {
  readonly code = "DATABASE_IN_USE";
  constructor(
    readonly pid: number,
    readonly dir: string,
  ) {
    super(
      [
        `Database bawaan tidak dapat dibuka / cannot open the embedded database (${dir}):`,
        `  database ini sedang dipakai oleh proses lain (PID ${pid}); hentikan dulu, atau jalankan \`npm run chat\` dengan DATA_DIR lain.`,
        `  this database is in use by another process (PID ${pid}); stop it first, or run \`npm run chat\` with another DATA_DIR.`,
      ].join("\n"),
    );
    this.name = "DatabaseInUseError";
  }
}

const holderSchema = z.object({
  pid: z.number().int(),
  hostname: z.string().optional(),
  startedAt: z.string().optional(),
  /** Linux: the process's start time in clock ticks since boot, to see a reused PID. */
  processStart: z.string().optional(),
});
type Holder = z.infer<typeof holderSchema>;

export interface DirectoryLock {
  readonly file: string;
  release(): Promise<void>;
}

/** Lock files this process holds: a second open of the same directory in one process is refused too. */
const held = new Set<string>();

export async function lockDataDirectory(
  dir: string,
  logger?: Pick<Logger, "warn">,
): Promise<DirectoryLock> {
  const target = path.resolve(dir);
  const file = `${target}.lock`;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const releaseMutex = await lockfile.lock(file, {
    realpath: false,
    lockfilePath: `${file}.mutex`,
    // The mutex is held for a few file operations; a holder that died inside
    // them leaves a directory that is stale after this long.
    stale: 10_000,
    retries: { retries: 60, minTimeout: 20, maxTimeout: 250 },
  });
  try {
    const holder = await readHolder(file);
    if (holder && (held.has(file) || (holder.pid !== process.pid && isRunning(holder)))) {
      throw new DatabaseInUseError(holder.pid, target);
    }
    if (holder) {
      logger?.warn(
        { stalePid: holder.pid, lockFile: file },
        "Took over the lock of the embedded database from a process that is gone",
      );
    }
    const me: Holder = {
      pid: process.pid,
      hostname: hostname(),
      startedAt: new Date().toISOString(),
      processStart: processStart(process.pid),
    };
    // Written whole, then renamed: a reader never sees half a lock file.
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(me)}\n`, { mode: 0o600 });
    await rename(temp, file);
    held.add(file);
  } finally {
    await releaseMutex();
  }
  // A process that exits without closing the database (process.exit after an
  // error) still frees the directory; a killed one leaves a stale lock.
  const onExit = () => removeIfOurs(file);
  process.once("exit", onExit);
  return {
    file,
    async release() {
      process.off("exit", onExit);
      held.delete(file);
      const holder = await readHolder(file).catch(() => null);
      if (holder?.pid === process.pid) await unlink(file).catch(() => {});
    },
  };
}

async function readHolder(file: string): Promise<Holder | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  const parsed = holderSchema.safeParse(safeJson(text));
  // An unreadable lock (a hand edit, a full disk) names no live holder.
  return parsed.success ? parsed.data : { pid: 0 };
}

/** True while the PID runs and is still the process that wrote the lock. */
function isRunning(holder: Holder): boolean {
  if (holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    // EPERM: it runs, under another user.
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const now = processStart(holder.pid);
  return !(holder.processStart && now && now !== holder.processStart);
}

/** Field 22 of /proc/<pid>/stat (start time since boot); undefined off Linux. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count from the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function removeIfOurs(file: string) {
  try {
    const holder = holderSchema.safeParse(safeJson(readFileSync(file, "utf8")));
    if (holder.success && holder.data.pid === process.pid) unlinkSync(file);
  } catch {
    // Already gone.
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
