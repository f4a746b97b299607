// `npm run bench`: how fast and how lean the bot is on this machine's real
// PostgreSQL and Redis, next to the raw speed of BullMQ and `pg` measured in
// the same run. See docs/benchmark.md and `npm run bench -- --help`.
import { closeSync, openSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pino } from "pino";
import { startBot } from "../bot/start-bot.ts";
import { openDatabase } from "../core/infra/db.ts";
import { createLifecycle } from "../core/infra/lifecycle.ts";
import { createLogger } from "../core/infra/logger.ts";
import { parseArgs, USAGE } from "./args.ts";
import { rawBullmq, rawPgTransaction } from "./baselines.ts";
import { busyNoticesOf } from "./busy-notices.ts";
import { createCapturingChannel } from "./capture.ts";
import { killAllChildren, startWorkerChild } from "./children.ts";
import { startCpuProfile } from "./cpu-profile.ts";
import { type Driver, type InboundRecord, makeUsers, runBurst, runIntake } from "./crowd.ts";
import {
  benchEnv,
  createDatabase,
  deleteKeys,
  dropDatabase,
  redisFootprint,
  serverVersions,
  sizeDelta,
  tableSizes,
  usedMemory,
  withRedis,
} from "./environment.ts";
import { mediaSet } from "./media.ts";
import { countStatements } from "./query-counter.ts";
import { type BenchResult, type Delivery, markdown, type Target } from "./report.ts";
import { runScaleOut, type ScaleOutRun } from "./scale-out.ts";
import { deliveryCounts, formatBytes, formatNumber, perSecond, ratio, summarize } from "./stats.ts";

if (process.argv.includes("--help")) {
  console.log(USAGE);
  process.exit(0);
}
const options = parseArgs(process.argv.slice(2));
const statements = countStatements();
const began = performance.now();
const say = (text: string) =>
  console.log(`[bench ${((performance.now() - began) / 1000).toFixed(0)}s] ${text}`);

const outDir = path.resolve(options.out);
await mkdir(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const logPath = path.join(outDir, `bench-${stamp}.log`);
const logFd = openSync(logPath, "a");
const dataDir = await mkdtemp(path.join(os.tmpdir(), "lpse-bench-"));
const env = benchEnv({ serverUrl: options.databaseServer, redisUrl: options.redisUrl, dataDir });
const rawPrefix = `{bench-${process.pid}-raw}`;
const logger = createLogger(
  { level: "warn", name: "bench" },
  pino.destination({ dest: logPath, sync: false }),
);
const lifecycle = createLifecycle(logger, 15_000);
let databaseCreated = false;

/** Lost, duplicated and failed messages of a phase, counted per message and per user. */
function deliveryOf(
  records: readonly InboundRecord[],
  counts: ReadonlyMap<string, number>,
): Delivery {
  const expected = records.flatMap((r) => r.replyIds);
  const d = deliveryCounts(expected, counts);
  const failed = records.filter(
    (r) => (r.outcome !== "handled" && r.outcome !== "limited") || r.error,
  ).length;
  const limited = records.filter((r) => r.outcome === "limited").length;
  const affected = new Set<number>();
  for (const r of records) {
    const bad =
      r.outcome !== "handled" ||
      r.error !== undefined ||
      r.replyIds.some((id) => (counts.get(id) ?? 0) !== 1);
    if (bad) affected.add(r.user);
  }
  return {
    inbound: records.length,
    failed,
    limited,
    lost: d.lost,
    duplicated: d.duplicated,
    wrongReply: records.filter(
      (r) => r.outcome === "handled" && r.repliedAt !== null && !r.expected,
    ).length,
    usersAffected: affected.size,
  };
}

function problemsOf(phases: Record<string, readonly InboundRecord[]>): BenchResult["problems"] {
  const found = new Map<string, BenchResult["problems"][number]>();
  for (const [phase, records] of Object.entries(phases)) {
    for (const r of records) {
      const bad =
        r.outcome !== "handled" || r.error !== undefined || (r.repliedAt !== null && !r.expected);
      if (!bad) continue;
      const key = `${phase}|${r.sent}|${r.outcome}|${r.error ?? ""}|${r.reply ?? ""}`;
      const entry = found.get(key);
      if (entry) entry.count++;
      else
        found.set(key, {
          phase,
          sent: r.sent,
          outcome: r.outcome,
          ...(r.error ? { error: r.error } : {}),
          ...(r.reply ? { reply: r.reply } : {}),
          count: 1,
        });
    }
  }
  return [...found.values()].sort((a, b) => b.count - a.count).slice(0, 20);
}

const latencies = (records: readonly InboundRecord[]) =>
  summarize(records.flatMap((r) => (r.repliedAt === null ? [] : [r.repliedAt - r.acceptedAt])));

async function main(): Promise<BenchResult> {
  say(
    `database ${env.databaseName}, queue prefix ${env.prefix}, log ${path.relative(process.cwd(), logPath)}`,
  );
  await createDatabase(env);
  databaseCreated = true;
  const migrator = await openDatabase(env.config.database);
  await migrator.migrate();
  await migrator.close();
  const versions = await serverVersions(env);

  say(`baseline: raw pg ticket + outbox transaction at ${options.rate}/s`);
  const pgTransaction = await rawPgTransaction({
    databaseUrl: env.databaseUrl,
    rate: options.rate,
    seconds: options.baselineSeconds,
    concurrency: 10,
  });
  say(
    `baseline: raw BullMQ add → processed at ${options.rate}/s (pg: ${formatNumber(pgTransaction.maxPerSecond)} tx/s at most)`,
  );
  const bullmq = await rawBullmq({
    redisUrl: env.redisUrl,
    prefix: rawPrefix,
    rate: options.rate,
    seconds: options.baselineSeconds,
    maxJobs: Math.round(options.rate * options.baselineSeconds),
  });

  say(`baselines done (BullMQ: ${formatNumber(bullmq.maxPerSecond)} jobs/s at most)`);
  const sizesBefore = await tableSizes(env.databaseUrl);
  const memoryBefore = await withRedis(env.redisUrl, usedMemory);

  // The bot process's part: the inbound handler and an outbound sender whose
  // channel is the capturing one. The workers run in their own process.
  const capture = createCapturingChannel();
  const { runtime, services } = await startBot({
    config: env.config,
    logger,
    lifecycle,
    allInOne: false,
    http: false,
    channelStates: () => ({}),
    channels: () => [capture.channel],
  });
  const workersChild = await startWorkerChild(env.env, options.routingConcurrency, logFd);
  let stopGiving: () => void = () => {};
  const giveUp = new Promise<void>((resolve) => {
    stopGiving = resolve;
  });
  const driver: Driver = { inbound: services.inbound, capture, media: mediaSet(), giveUp };
  const users = makeUsers(options.users, String(process.pid));
  const steps = users[0]?.script.length ?? 0;

  // JIT, the pool's connections, Prisma's query compiler and BullMQ's blocking
  // connections all start cold; a few conversations first, not measured.
  say("warm-up: 20 users, 3 s");
  await runBurst(driver, makeUsers(20, `${process.pid}-warm`), 8, 3);
  await new Promise((r) => setTimeout(r, 2000));
  const loadBefore = os.loadavg();

  say(`intake: ${users.length} users × ${steps} messages at ${options.rate}/s`);
  const intakeCpu = process.cpuUsage();
  const intakeStatements = statements();
  // Generous: when the bot cannot keep the offered rate the intake simply takes longer.
  const budgetMs = Math.max(((users.length * steps) / options.rate) * 3000, 15 * 60_000);
  const giveUpTimer = setTimeout(stopGiving, budgetMs);
  const intake = await runIntake(driver, users, options.rate);
  const intakeCpuUsed = process.cpuUsage(intakeCpu);
  const intakeSql = statements() - intakeStatements;
  // The routed notifications follow from the workers process.
  const withTicket = users.filter((u) => u.ticketNumber !== null);
  const routedDeadline = performance.now() + 60_000;
  while (withTicket.some((u) => u.routedCount === 0) && performance.now() < routedDeadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 3000)); // late duplicates would show up here
  const intakeDelivery = deliveryOf(intake.records, capture.counts);
  const tickets = await runtime.db.prisma.ticket.count();
  say(
    `intake done: ${intake.usersCompleted}/${users.length} users through, ${intake.records.length} messages, ${tickets} tickets, ${formatNumber(perSecond(intake.records.length, intake.spanMs))}/s${intake.gaveUp ? " (gave up waiting)" : ""}`,
  );

  const footprint = await redisFootprint(env.redisUrl, [env.prefix]);
  const sizesAfter = await tableSizes(env.databaseUrl);
  const grown = sizeDelta(sizesBefore, sizesAfter);
  const postgresBytes = Object.values(grown).reduce((a, b) => a + b, 0);

  say(`burst: ${options.burstRate}/s for ${options.burstSeconds} s`);
  // The flood guard lets one sender through about 30 messages a minute: the
  // burst spreads over enough users to stay under it (0.4 messages/s each),
  // the ones with a ticket asking for its status, newcomers opening the menu.
  const extra = Math.max(0, Math.ceil(options.burstRate * 2.5) - withTicket.length);
  const burstUsers = [...withTicket, ...makeUsers(extra, `${process.pid}-burst`)];
  const stopProfile = options.cpuProfile ? await startCpuProfile() : null;
  const burstCpu = process.cpuUsage();
  const burstStatements = statements();
  const burstStart = performance.now();
  // Replies still missing three minutes after the burst count as lost.
  let burstTimer: NodeJS.Timeout | undefined;
  const burstGiveUp = new Promise<void>((resolve) => {
    burstTimer = setTimeout(resolve, (options.burstSeconds + 180) * 1000);
    void giveUp.then(resolve);
  });
  const burst = await runBurst(
    { ...driver, giveUp: burstGiveUp },
    burstUsers,
    options.burstRate,
    options.burstSeconds,
  );
  clearTimeout(burstTimer);
  const burstCpuUsed = process.cpuUsage(burstCpu);
  const told = busyNoticesOf(capture, burstUsers, burstStart);
  say(`burst: ${told.notices} busy notices to ${told.usersTold} users so far`);
  const burstSql = statements() - burstStatements;
  const burstCpuMs = (burstCpuUsed.user + burstCpuUsed.system) / 1000;
  if (stopProfile && options.cpuProfile) {
    const grouped = await stopProfile(path.resolve(options.cpuProfile));
    const handled = burst.records.filter((r) => r.outcome === "handled").length;
    const perMessage = (ms: number) => (ms / Math.max(1, handled)).toFixed(3);
    say(`profile: ${grouped.busyMs.toFixed(0)} ms busy, ${handled} messages handled`);
    for (const [group, ms] of Object.entries(grouped.groups).sort((a, b) => b[1] - a[1]))
      say(`  ${group}: ${ms.toFixed(0)} ms (${perMessage(ms)} ms/message)`);
    for (const { fn, ms } of grouped.top) say(`    ${ms.toFixed(0)} ms ${fn}`);
    say(`  statements: ${(burstSql / Math.max(1, handled)).toFixed(2)}/message handled`);
  }
  const loadAfter = os.loadavg();
  await new Promise((r) => setTimeout(r, 3000));
  clearTimeout(giveUpTimer);
  // The replies of the burst may still be queued for the sender: let them out
  // before the scale-out runs, which would otherwise share the machine with them.
  const burstReplies = burst.records.flatMap((r) => r.replyIds);
  const drainUntil = performance.now() + 300_000;
  while (burstReplies.some((id) => !capture.counts.has(id)) && performance.now() < drainUntil) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const workersUsage = await workersChild.stop();

  const scaleOut: ScaleOutRun[] = [];
  if (options.scaleOut) {
    // --quick only checks that two processes work; the full run compares one
    // process, two, and one with twice the concurrency (more concurrency or
    // more processes?).
    const runs: Array<[number, number]> = options.quick
      ? [[2, options.routingConcurrency]]
      : [
          [1, options.routingConcurrency],
          [2, options.routingConcurrency],
          [1, options.routingConcurrency * 2],
        ];
    for (const [processes, concurrency] of runs) {
      say(
        `scale-out: ${options.scaleTickets} tickets, ${processes} workers process(es) × concurrency ${concurrency}`,
      );
      scaleOut.push(
        await runScaleOut({
          db: runtime.db,
          services,
          capture,
          env: env.env,
          logFd,
          processes,
          routingConcurrency: concurrency,
          tickets: options.scaleTickets,
        }),
      );
    }
  }
  stopGiving();

  const replyLatencyMs = latencies(intake.records);
  const sustained = perSecond(intake.records.length, intake.spanMs);
  const burstLatency = latencies(burst.records);
  const burstHandled = burst.handledPerSecond;
  const burstDelivery = deliveryOf(burst.records, capture.counts);
  const redisPerConversation = footprint.bytes / users.length;
  const routed = {
    expected: withTicket.length,
    delivered: withTicket.filter((u) => u.routedCount > 0).length,
    lost: withTicket.filter((u) => u.routedCount === 0).length,
    duplicated: withTicket.reduce((a, u) => a + Math.max(0, u.routedCount - 1), 0),
  };
  const targets: Target[] = [
    {
      name: "Sustained inbound messages/s",
      target: "≥ 200",
      actual: formatNumber(sustained),
      met: sustained >= 200,
    },
    {
      name: "Reply p99 at that rate",
      target: "≤ 50 ms",
      actual: `${formatNumber(replyLatencyMs.p99)} ms`,
      met: replyLatencyMs.p99 <= 50,
    },
    {
      name: `Burst ${options.burstRate}/s for ${options.burstSeconds} s absorbed`,
      target: "0 lost, 0 duplicated, 0 failed",
      actual: `${burstDelivery.lost} lost, ${burstDelivery.duplicated} duplicated, ${burstDelivery.failed} failed`,
      met:
        burstDelivery.lost + burstDelivery.duplicated + burstDelivery.failed === 0 &&
        options.burstRate >= 500,
    },
    {
      name: "Intake: every message answered exactly once",
      target: "0 lost, 0 duplicated",
      actual: `${intakeDelivery.lost + routed.lost} lost, ${intakeDelivery.duplicated + routed.duplicated} duplicated, ${intakeDelivery.failed} failed`,
      met:
        intakeDelivery.lost +
          intakeDelivery.duplicated +
          intakeDelivery.failed +
          routed.lost +
          routed.duplicated ===
        0,
    },
    {
      name: "Redis per active conversation",
      target: "≤ 2 KB",
      actual: formatBytes(redisPerConversation),
      met: redisPerConversation <= 2048,
    },
  ];

  const parentUsage = process.resourceUsage();
  const peakRssBytes: Record<string, number> = {
    "bot process (with the load generator)": parentUsage.maxRSS * 1024,
    "workers process": workersUsage.maxRssBytes,
  };
  const logText = readFileSync(logPath, "utf8");
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().slice(0, 10),
    quick: options.quick,
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? "?",
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      node: process.versions.node,
      postgres: versions.postgres,
      redis: versions.redis,
      loadAverage: { before: loadBefore[0] ?? Number.NaN, after: loadAfter[0] ?? Number.NaN },
    },
    options: { ...options, cpuProfile: options.cpuProfile ?? false },
    baselines: { bullmq, pgTransaction },
    intake: {
      users: users.length,
      stepsPerUser: steps,
      offeredRate: options.rate,
      messages: intake.records.length,
      sustainedPerSecond: sustained,
      replyLatencyMs,
      textReplyLatencyMs: latencies(intake.records.filter((r) => !r.sent.startsWith("["))),
      fileReplyLatencyMs: latencies(intake.records.filter((r) => r.sent.startsWith("["))),
      ticketLatencyMs: summarize(
        withTicket.flatMap((u) =>
          u.routedAt !== null && u.confirmAt !== null ? [u.routedAt - u.confirmAt] : [],
        ),
      ),
      tickets,
      delivery: intakeDelivery,
      routed,
      skippedSlots: intake.skipped,
      usersCompleted: intake.usersCompleted,
      gaveUp: intake.gaveUp,
      botCpuMsPerMessage:
        (intakeCpuUsed.user + intakeCpuUsed.system) / 1000 / Math.max(1, intake.records.length),
      botStatementsPerMessage: intakeSql / Math.max(1, intake.records.length),
    },
    footprint: {
      activeConversations: users.length,
      redisBytes: footprint.bytes,
      redisKeys: footprint.keys,
      redisBytesPerConversation: redisPerConversation,
      redisByQueue: footprint.byQueue,
      redisUsedMemoryDelta: footprint.usedMemory - memoryBefore,
      postgresBytes,
      postgresBytesPerTicket: postgresBytes / Math.max(1, tickets),
      postgresBytesPerTicketWithoutFiles:
        (postgresBytes - (grown.attachments ?? 0)) / Math.max(1, tickets),
      postgresByTable: grown,
    },
    burst: {
      users: burstUsers.length,
      rate: options.burstRate,
      seconds: options.burstSeconds,
      offered: burst.offered,
      offeredPerSecond: perSecond(burst.offered, burst.sendSpanMs),
      handledPerSecond: burstHandled,
      botCpuMsPerMessage: burstCpuMs / Math.max(1, burst.records.length),
      botStatementsPerMessage: burstSql / Math.max(1, burst.records.length),
      latencyMs: burstLatency,
      drainMs: burst.drainMs,
      delivery: burstDelivery,
      busyNotices: busyNoticesOf(capture, burstUsers, burstStart),
    },
    scaleOut,
    peakRssBytes: {
      ...peakRssBytes,
      ...Object.fromEntries(
        scaleOut.flatMap((s) =>
          s.maxRssBytes.map((b, i) => [
            `scale-out workers process ${i + 1} of ${s.processes} (concurrency ${s.routingConcurrency})`,
            b,
          ]),
        ),
      ),
    },
    ratios: {
      replyP99OverBullmqP99: ratio(replyLatencyMs.p99, bullmq.latencyMs.p99),
      intakeThroughputOverRawTx: ratio(sustained, pgTransaction.maxPerSecond),
      burstThroughputOverRawTx: ratio(burstHandled, pgTransaction.maxPerSecond),
    },
    targets,
    problems: problemsOf({ intake: intake.records, burst: burst.records }),
    logWarnings: logText.split("\n").filter((l) => /"level":(40|50|60)/.test(l)).length,
    elapsedSeconds: (performance.now() - began) / 1000,
  };
}

async function cleanUp(): Promise<void> {
  killAllChildren();
  await lifecycle.shutdown("bench done");
  const deleted = await deleteKeys(env.redisUrl, [env.prefix, rawPrefix]).catch(() => -1);
  if (databaseCreated) {
    await dropDatabase(env).catch((err) =>
      console.error("could not drop the bench database:", err),
    );
  }
  await rm(dataDir, { recursive: true, force: true });
  closeSync(logFd);
  say(`cleaned up: database ${env.databaseName} dropped, ${deleted} Redis keys deleted`);
}

// Ctrl-C still drops the database and deletes the keys.
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    if (interrupted) return;
    interrupted = true;
    say(`${signal}: stopping and cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

let exitCode = 0;
try {
  const result = await main();
  const table = markdown(result);
  await writeFile(path.join(outDir, `bench-${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(path.join(outDir, `bench-${stamp}.md`), table);
  await writeFile(path.join(outDir, "latest.json"), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(path.join(outDir, "latest.md"), table);
  console.log(`\n${table}`);
  say(`results in ${path.relative(process.cwd(), outDir)}/bench-${stamp}.{json,md} (and latest.*)`);
} catch (err) {
  exitCode = 1;
  console.error("bench failed:", err);
} finally {
  if (!interrupted) await cleanUp();
}
process.exit(exitCode);
