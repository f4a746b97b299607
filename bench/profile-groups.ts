// Self time of a V8 CPU profile, grouped by who spends it: Prisma, pg, JSON,
// BullMQ/ioredis, our code, GC, … (docs/benchmark.md's "where the time goes").

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileGroups {
  /** Milliseconds of self time per group, idle left out. */
  groups: Record<string, number>;
  /** The busiest functions: "group name (file)" and their self milliseconds. */
  top: Array<{ fn: string; ms: number }>;
  busyMs: number;
}

const SOCKET_NATIVES = new Set(["writev", "writeBuffer", "writeUtf8String", "writeLatin1String"]);
const JSON_NATIVES = new Set(["parse", "stringify", "JSONParse", "JSONStringify"]);

export function groupOf(frame: ProfileNode["callFrame"]): string | null {
  const { url, functionName } = frame;
  if (functionName === "(idle)") return null;
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(program)") return "V8/native (program)";
  if (url === "" && JSON_NATIVES.has(functionName)) return "JSON";
  if (url === "" && SOCKET_NATIVES.has(functionName))
    return "Node internals (net, crypto, streams)";
  if (functionName === "runMicrotasks") return "promise jobs (runMicrotasks)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  const pkg = m?.[1];
  if (pkg !== undefined) {
    if (pkg.startsWith("@prisma/adapter-pg")) return "pg (driver, adapter)";
    if (pkg.startsWith("@prisma/") || pkg === ".prisma") return "Prisma (client, query building)";
    if (/^(pg|pg-protocol|pg-pool|pg-types|postgres-.*|pgpass)$/.test(pkg))
      return "pg (driver, adapter)";
    if (/^(bullmq|ioredis|redis-parser|msgpackr|cluster-key-slot|denque)$/.test(pkg))
      return "BullMQ/ioredis";
    if (pkg === "zod") return "zod";
    if (pkg === "pino" || pkg === "sonic-boom") return "pino";
    return `other packages (${pkg}…)`;
  }
  if (url.includes("/generated/")) return "Prisma (client, query building)";
  if (url.startsWith("node:")) return "Node internals (net, crypto, streams)";
  if (/\/(core|bot|bench|workers)\//.test(url)) return "our code";
  return "V8/native (program)";
}

export function groupSelfTime(profile: CpuProfile): ProfileGroups {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] as number;
    // A sample's time is the gap to the next one.
    const dt = deltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  }
  const groups: Record<string, number> = {};
  const fns = new Map<string, number>();
  let busyMs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const group = groupOf(node.callFrame);
    if (group === null) continue;
    const ms = us / 1000;
    busyMs += ms;
    groups[group] = (groups[group] ?? 0) + ms;
    const file = node.callFrame.url
      .replace(/^.*node_modules\//, "")
      .replace(`${process.cwd()}/`, "");
    const fn = `${node.callFrame.functionName || "(anonymous)"} (${file || "native"})`;
    fns.set(fn, (fns.get(fn) ?? 0) + ms);
  }
  const top = [...fns.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([fn, ms]) => ({ fn, ms }));
  return { groups, top, busyMs };
}
