// Command line of `npm run bench`. Every figure has a default for the full
// run and a smaller one for `--quick` (a smoke check in under a minute).

export interface BenchOptions {
  quick: boolean;
  users: number;
  rate: number;
  burstRate: number;
  burstSeconds: number;
  baselineSeconds: number;
  scaleTickets: number;
  routingConcurrency: number;
  scaleOut: boolean;
  databaseServer: string;
  redisUrl: string;
  out: string;
  /** Where the burst's CPU profile of the bot process goes, if asked for. */
  cpuProfile: string | undefined;
}

const FULL = {
  users: 1000,
  rate: 200,
  burstRate: 500,
  burstSeconds: 60,
  baselineSeconds: 10,
  scaleTickets: 400,
};
const QUICK: typeof FULL = {
  users: 3,
  rate: 100,
  burstRate: 50,
  burstSeconds: 3,
  baselineSeconds: 1,
  scaleTickets: 20,
};

export const USAGE = `npm run bench [-- options]
  --quick                 smoke check, under a minute, no targets judged
  --users N               simulated users doing a full intake (${FULL.users})
  --rate N                messages a second the crowd sends (${FULL.rate})
  --burst-rate N          burst of menu/status messages a second (${FULL.burstRate})
  --burst-seconds N       how long the burst lasts (${FULL.burstSeconds})
  --baseline-seconds N    raw BullMQ / pg runs (${FULL.baselineSeconds})
  --scale-tickets N       tickets routed by 1 and by 2 workers processes (${FULL.scaleTickets})
  --concurrency N         routing concurrency per workers process (4, as shipped)
  --no-scale-out          skip the scale-out runs
  --database-server URL   PostgreSQL server (postgresql://postgres@127.0.0.1:5432)
  --redis URL             Redis (redis://127.0.0.1:6379)
  --out DIR               where results go (bench/results)
  --cpu-profile FILE      write a CPU profile of the bot process during the burst`;

/** `--name value` / `--name=value` options of a command line; num() wants a positive number. */
export function argReader(argv: readonly string[]) {
  const value = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const arg = argv[i] as string;
    return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[i + 1];
  };
  const num = (name: string, fallback: number) => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed <= 0)
      throw new Error(`--${name} wants a positive number, got ${raw}`);
    return parsed;
  };
  return { value, num };
}

export function parseArgs(argv: readonly string[]): BenchOptions {
  const quick = argv.includes("--quick");
  const base = quick ? QUICK : FULL;
  const { value, num } = argReader(argv);
  return {
    quick,
    users: Math.round(num("users", base.users)),
    rate: num("rate", base.rate),
    burstRate: num("burst-rate", base.burstRate),
    burstSeconds: num("burst-seconds", base.burstSeconds),
    baselineSeconds: num("baseline-seconds", base.baselineSeconds),
    scaleTickets: Math.round(num("scale-tickets", base.scaleTickets)),
    routingConcurrency: Math.round(num("concurrency", 4)),
    scaleOut: !argv.includes("--no-scale-out"),
    cpuProfile: value("cpu-profile"),
    ...whereTo(value),
  };
}

/** The servers and the results folder, shared by `npm run bench` and `npm run bench:desk`. */
export function whereTo(value: (name: string) => string | undefined) {
  return {
    databaseServer:
      value("database-server") ??
      process.env.BENCH_DATABASE_SERVER ??
      "postgresql://postgres@127.0.0.1:5432",
    redisUrl: value("redis") ?? process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379",
    out: value("out") ?? "bench/results",
  };
}
