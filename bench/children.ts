// Starts bench/workers-process.ts as child processes (node --import tsx, so
// the IPC channel reaches the script itself) and stops them again.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ChildMessage } from "./workers-process.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Every child still running, for an interrupted bench to end them. */
const running = new Set<ChildProcess>();

export function killAllChildren(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

export interface WorkerChild {
  pid: number;
  stop(): Promise<{ maxRssBytes: number; cpuMs: number }>;
}

export async function startWorkerChild(
  env: Record<string, string>,
  routingConcurrency: number,
  /** Where the child's log lines go (an open file descriptor). */
  logFd: number,
): Promise<WorkerChild> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "bench", "workers-process.ts")],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        ...env,
        BENCH_ROUTING_CONCURRENCY: String(routingConcurrency),
      },
      stdio: ["ignore", logFd, logFd, "ipc"],
    },
  );
  running.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.on("message", (m: ChildMessage) => {
      if (m.type === "ready") resolve();
    });
    void exited.then((code) => reject(new Error(`bench worker process exited early (${code})`)));
  });
  await ready;
  return {
    pid: child.pid ?? -1,
    async stop() {
      const stopped = new Promise<{ maxRssBytes: number; cpuMs: number }>((resolve) => {
        child.on("message", (m: ChildMessage) => {
          if (m.type === "stopped") resolve({ maxRssBytes: m.maxRssBytes, cpuMs: m.cpuMs });
        });
        void exited.then(() => resolve({ maxRssBytes: Number.NaN, cpuMs: Number.NaN }));
      });
      child.send({ type: "stop" });
      const result = await stopped;
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
      return result;
    },
  };
}
