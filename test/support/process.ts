import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface Started {
  child: ChildProcess;
  output(): string;
  exit: Promise<number | null>;
}

/**
 * Runs one of our entry points the way the container does (`node --import tsx
 * <file>`): signals reach our own handlers. Through the tsx CLI a signal is
 * relayed, and a child that does not confirm it within 30 ms (a busy machine)
 * is SIGKILLed, which made shutdown tests flaky.
 */
export function runEntry(
  file: string,
  args: string[],
  env: Record<string, string>,
  opts: { stdin?: "ignore" | "pipe" } = {},
): Started {
  const child = spawn(process.execPath, ["--import", "tsx", file, ...args], {
    cwd: ROOT,
    env: { ...inheritedEnv(), ...env },
    stdio: [opts.stdin ?? "ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => out, exit };
}

/**
 * What an entry point inherits from the test run: PATH and HOME, and the
 * clock. Under `npm run test:time-travel` libfaketime's LD_PRELOAD and
 * FAKETIME* carry the shifted moment, and TZ the zone, so a child runs at the
 * same moment as the test that started it.
 */
export function inheritedEnv(): Record<string, string> {
  const keep = /^(PATH|HOME|TZ|LD_PRELOAD|FAKETIME.*|DONT_FAKE_MONOTONIC)$/;
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => keep.test(entry[0]) && entry[1] !== undefined,
    ),
  );
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Calls `probe` every `everyMs` until it gives a value, the process exits, or time runs out. */
async function whileRunning<T>(
  started: Started,
  timeoutMs: number,
  everyMs: number,
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void started.exit.then(() => {
    exited = true;
  });
  while (Date.now() < deadline && !exited) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return undefined;
}

/** Waits until the process has printed `text` (or exits, or time runs out). */
export async function waitForOutput(
  started: Started,
  text: string | RegExp,
  timeoutMs: number,
): Promise<void> {
  const found = () =>
    typeof text === "string" ? started.output().includes(text) : text.test(started.output());
  await whileRunning(started, timeoutMs, 100, () => found() || undefined);
  if (!found()) throw new Error(`never printed ${text}. Output:\n${started.output()}`);
}

/** Polls a URL until it answers 200, the process exits, or time runs out. */
export async function waitForOk(
  url: string,
  started: Started,
  timeoutMs: number,
): Promise<Response> {
  const res = await whileRunning(started, timeoutMs, 200, async () => {
    try {
      const res = await fetch(url);
      return res.ok ? res : undefined;
    } catch {
      return undefined; // not listening yet
    }
  });
  if (res) return res;
  throw new Error(`${url} never answered 200. Output:\n${started.output()}`);
}
