// The bench's results as JSON and as the Markdown table docs/benchmark.md keeps.
import type { BaselineResult } from "./baselines.ts";
import type { BusyNotices } from "./busy-notices.ts";
import type { ScaleOutRun } from "./scale-out.ts";
import { formatBytes, formatNumber as n, type Summary } from "./stats.ts";

export interface Delivery {
  inbound: number;
  /** handle() threw, or answered something else than "handled". */
  failed: number;
  /** Refused by the flood guard (the sender was over the per-sender limit). */
  limited: number;
  lost: number;
  duplicated: number;
  /** Replies that did not say what the step should say. */
  wrongReply: number;
  /** Users with at least one lost, duplicated or failed message. */
  usersAffected: number;
}

export interface Target {
  name: string;
  target: string;
  actual: string;
  met: boolean;
}

export interface BenchResult {
  date: string;
  quick: boolean;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    os: string;
    node: string;
    postgres: string;
    redis: string;
    /** 1-minute load average before the intake and after the burst: other work on the machine shows here. */
    loadAverage: { before: number; after: number };
  };
  options: Record<string, number | boolean | string>;
  baselines: { bullmq: BaselineResult; pgTransaction: BaselineResult };
  intake: {
    users: number;
    stepsPerUser: number;
    offeredRate: number;
    messages: number;
    sustainedPerSecond: number;
    replyLatencyMs: Summary;
    textReplyLatencyMs: Summary;
    fileReplyLatencyMs: Summary;
    ticketLatencyMs: Summary;
    tickets: number;
    delivery: Delivery;
    routed: { expected: number; delivered: number; lost: number; duplicated: number };
    skippedSlots: number;
    usersCompleted: number;
    /** The intake ran out of its time budget before every user was through. */
    gaveUp: boolean;
    /** CPU time of the bot process (inbound, outbound sender, load generator) per inbound message. */
    botCpuMsPerMessage: number;
    /** SQL statements (BEGIN and COMMIT included) the bot process sent per inbound message. */
    botStatementsPerMessage: number;
  };
  footprint: {
    activeConversations: number;
    redisBytes: number;
    redisKeys: number;
    redisBytesPerConversation: number;
    redisByQueue: Record<string, { keys: number; bytes: number }>;
    redisUsedMemoryDelta: number;
    postgresBytes: number;
    postgresBytesPerTicket: number;
    postgresBytesPerTicketWithoutFiles: number;
    postgresByTable: Record<string, number>;
  };
  burst: {
    users: number;
    rate: number;
    seconds: number;
    offered: number;
    offeredPerSecond: number;
    handledPerSecond: number;
    botCpuMsPerMessage: number;
    botStatementsPerMessage: number;
    latencyMs: Summary;
    drainMs: number;
    delivery: Delivery;
    busyNotices: BusyNotices;
  };
  scaleOut: ScaleOutRun[];
  peakRssBytes: Record<string, number>;
  ratios: {
    replyP99OverBullmqP99: number;
    intakeThroughputOverRawTx: number;
    burstThroughputOverRawTx: number;
  };
  targets: Target[];
  /** A few of the messages that failed or got an unexpected answer, to start looking. */
  problems: Array<{
    phase: string;
    sent: string;
    outcome: string;
    error?: string;
    reply?: string;
    count: number;
  }>;
  logWarnings: number;
  elapsedSeconds: number;
}

const ms = (v: number) => `${n(v)} ms`;
const lat = (s: Summary) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} / ${ms(s.max)}`;
const delivery = (d: Delivery) =>
  `${d.lost} lost, ${d.duplicated} duplicated, ${d.failed} failed, ${d.limited} rate-limited, ${d.wrongReply} unexpected answers (${d.inbound} messages)`;

export function markdown(r: BenchResult): string {
  const m = r.machine;
  const lines = [
    `Benchmark of ${r.date}${r.quick ? " (--quick: smoke check, targets not judged)" : ""}: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb} GB RAM, ${m.os}, Node ${m.node}, PostgreSQL ${m.postgres}, Redis ${m.redis}; load average ${m.loadAverage.before.toFixed(1)} before, ${m.loadAverage.after.toFixed(1)} after. Bot process (inbound + outbound sender, with the load generator) and one workers process, on the same machine as PostgreSQL and Redis. ${r.elapsedSeconds.toFixed(0)} s in all.`,
    "",
    "| Measure | Result |",
    "| --- | --- |",
    `| Intake: ${r.intake.users} users × ${r.intake.stepsPerUser} messages (texts, a 1280×800 KTP JPEG of ~210 KB, two 720×1600 PNG screenshots of ~200 KB), offered ${r.intake.offeredRate}/s | ${n(r.intake.sustainedPerSecond)} messages/s sustained; ${r.intake.usersCompleted}/${r.intake.users} users through${r.intake.gaveUp ? " (time budget ran out)" : ""} |`,
    `| Reply latency, accepted → last reply at the channel (p50 / p95 / p99 / max) | ${lat(r.intake.replyLatencyMs)} |`,
    `| … of text messages | ${lat(r.intake.textReplyLatencyMs)} |`,
    `| … of messages carrying a file (storeMedia + handle) | ${lat(r.intake.fileReplyLatencyMs)} |`,
    `| Ticket latency, confirm → "routed" notification at the channel (p50 / p95 / p99 / max) | ${lat(r.intake.ticketLatencyMs)} |`,
    `| Intake delivery | ${delivery(r.intake.delivery)}; routed notifications: ${r.intake.routed.delivered}/${r.intake.routed.expected}, ${r.intake.routed.duplicated} duplicated |`,
    `| CPU of the bot process per inbound message (intake; burst) | ${ms(r.intake.botCpuMsPerMessage)}; ${ms(r.burst.botCpuMsPerMessage)} |`,
    `| SQL statements of the bot process per inbound message, replies sent included (intake; burst) | ${n(r.intake.botStatementsPerMessage)}; ${n(r.burst.botStatementsPerMessage)} |`,
    `| Burst: ${r.burst.rate}/s for ${r.burst.seconds} s over ${r.burst.users} users (menu / status) | offered ${n(r.burst.offeredPerSecond)}/s, handled ${n(r.burst.handledPerSecond)}/s; backlog drained ${ms(r.burst.drainMs)} after the burst |`,
    `| Burst reply latency (p50 / p95 / p99 / max) | ${lat(r.burst.latencyMs)} |`,
    `| Burst delivery | ${delivery(r.burst.delivery)} |`,
    `| Burst back-pressure: "sedang ramai, sudah kami terima" notices sent; users told (more than once) | ${r.burst.busyNotices.notices}; ${r.burst.busyNotices.usersTold} (${r.burst.busyNotices.usersToldTwiceOrMore}) |`,
    `| Redis per active conversation (MEMORY USAGE of the run's keys / ${r.footprint.activeConversations}) | ${formatBytes(r.footprint.redisBytesPerConversation)} (${formatBytes(r.footprint.redisBytes)} in ${r.footprint.redisKeys} keys; used_memory delta ${formatBytes(r.footprint.redisUsedMemoryDelta)}) |`,
    `| PostgreSQL per ticket (pg_total_relation_size delta / tickets) | ${formatBytes(r.footprint.postgresBytesPerTicket)} (${formatBytes(r.footprint.postgresBytesPerTicketWithoutFiles)} without the attachments table) |`,
    ...Object.entries(r.peakRssBytes).map(
      ([name, bytes]) => `| Peak RSS, ${name} | ${formatBytes(bytes)} |`,
    ),
    `| Raw BullMQ add → processed at ${r.baselines.bullmq.rate}/s (p50 / p95 / p99 / max) | ${lat(r.baselines.bullmq.latencyMs)}; as fast as it goes ${n(r.baselines.bullmq.maxPerSecond)} jobs/s |`,
    `| Raw pg ticket + outbox transaction at ${r.baselines.pgTransaction.rate}/s (p50 / p95 / p99 / max) | ${lat(r.baselines.pgTransaction.latencyMs)}; as fast as it goes ${n(r.baselines.pgTransaction.maxPerSecond)} tx/s |`,
    `| Ratio: our reply p99 / raw BullMQ p99 | ${n(r.ratios.replyP99OverBullmqP99)}× |`,
    `| Ratio: our throughput / raw transaction rate (intake; burst) | ${n(r.ratios.intakeThroughputOverRawTx, 2)}; ${n(r.ratios.burstThroughputOverRawTx, 2)} |`,
    ...r.scaleOut.map(
      (s) =>
        `| Scale-out: ${s.tickets} new tickets, ${s.processes} workers process${s.processes > 1 ? "es" : ""} × routing concurrency ${s.routingConcurrency} | ${s.routed < s.tickets ? `${s.routed} routed in 2 min: ` : ""}${n(s.routedPerSecond)} tickets routed/s (${n(s.notifiedPerSecond)}/s notified); peak RSS ${s.maxRssBytes.map(formatBytes).join(", ")} |`,
    ),
    "",
  ];
  if (!r.quick) {
    lines.push("| Target (2 cores) | Wanted | Measured | Met |", "| --- | --- | --- | --- |");
    for (const t of r.targets)
      lines.push(`| ${t.name} | ${t.target} | ${t.actual} | ${t.met ? "yes" : "**no**"} |`);
    lines.push("");
  }
  const top = Object.entries(r.footprint.redisByQueue)
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .map(([q, v]) => `${q} ${formatBytes(v.bytes)}`)
    .join(", ");
  const tables = Object.entries(r.footprint.postgresByTable)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([t, b]) => `${t} ${formatBytes(b)}`)
    .join(", ");
  lines.push(`Redis by queue: ${top}.`, "", `PostgreSQL growth by table: ${tables}.`, "");
  for (const p of r.problems.slice(0, 5)) {
    lines.push(
      `Problem (${p.phase}, ${p.count}×): sent "${p.sent}" → ${p.outcome}${p.error ? `: ${p.error.slice(0, 200)}` : ""}${p.reply ? `; reply: "${p.reply.slice(0, 120)}"` : ""}`,
      "",
    );
  }
  if (r.logWarnings > 0) lines.push(`${r.logWarnings} warning lines in the run's log.`, "");
  return lines.join("\n");
}
