// `npm run test:time-travel`: the time-dependent tests under a shifted clock.
//
// Each run starts vitest under libfaketime with an offset (`faketime -f
// "+Ns"`), so the test process, its forked workers and every child process
// they start (entry points get LD_PRELOAD/FAKETIME through
// test/support/process.ts) share one moment, and the clock keeps ticking from
// it. FAKETIME_DONT_FAKE_MONOTONIC=1 leaves timers alone. PostgreSQL and the
// Redis servers keep the real clock (redis-server hangs under libfaketime):
// that is the skew of an application host against its servers, and nothing
// may break under it.
//
// The moments are derived from the real now, so the run means the same on
// any date: a future Monday 10:00 WIB, a Saturday night, a minute before the
// office opens and a minute after it closes, 30 s before New Year in WIB
// (ticket and letter numbers roll over during the run), the next 29
// February, and more than a year ahead; each in TZ=UTC and TZ=Asia/Jakarta.
//
//   npm run test:time-travel                 every moment, both zones
//   npm run test:time-travel -- --moment new-year --tz UTC
//   npm run test:time-travel -- --list       the moments and what they resolve to
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { nextWib, plus, wib, wibParts, wibTyped } from "./support/clock.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The test files whose outcome depends on the moment they run: the pure
 * calendar, SLA, deadline and numbering rules (all unit tests, they are
 * cheap), and every integration test that files, routes, numbers, reports,
 * retains or decides office hours on a clock.
 */
const TIME_DEPENDENT = [
  "test/unit",
  "test/integration/ticket-workflow.test.ts",
  "test/integration/console-conversation.test.ts",
  "test/integration/telegram-channel.test.ts",
  "test/integration/redis-cluster.test.ts",
  "test/integration/report.test.ts",
  "test/integration/documents.test.ts",
  "test/integration/desk-letters.test.ts",
  "test/integration/web-console-letter.test.ts",
  "test/integration/web-console-letter-topic.test.ts",
  "test/integration/agent-desk.test.ts",
  "test/integration/agent-alerts.test.ts",
  "test/integration/holiday-check.test.ts",
  "test/integration/calendar-live.test.ts",
  "test/integration/web-console-calendar-edit.test.ts",
  "test/integration/year-rollover.test.ts",
  "test/integration/self-service-report.test.ts",
  "test/integration/journeys.test.ts",
  "test/integration/journeys-no-desk.test.ts",
  "test/integration/complaints.test.ts",
  "test/integration/erasure-leaks.test.ts",
  "test/integration/whatsapp-real-phones.test.ts",
  "test/integration/survey.test.ts",
  "test/integration/retention.test.ts",
  "test/integration/privacy.test.ts",
  "test/integration/inbound-pipeline.test.ts",
  "test/integration/whatsapp-channel.test.ts",
  "test/integration/queue-metrics.test.ts",
  "test/e2e/processes.test.ts",
  "test/e2e/clock.test.ts",
];

const ZONES = ["UTC", "Asia/Jakarta"] as const;

interface Moment {
  name: string;
  what: string;
  at(now: Date): Date;
}

const MOMENTS: Moment[] = [
  {
    name: "monday",
    what: "a future Monday 10:00 WIB",
    at: (now) => nextWib("monday", "10:00", { from: now, minDaysAhead: 7 }),
  },
  {
    name: "saturday-night",
    what: "a Saturday 23:30 WIB",
    at: (now) => nextWib("saturday", "23:30", { from: now }),
  },
  {
    name: "before-opening",
    what: "a Tuesday 07:29 WIB, a minute before the office opens",
    at: (now) => nextWib("tuesday", "07:29", { from: now }),
  },
  {
    name: "after-closing",
    what: "a Thursday 16:01 WIB, a minute after the office closes",
    at: (now) => nextWib("thursday", "16:01", { from: now }),
  },
  {
    name: "new-year",
    what: "31 December 23:59:30 WIB (numbers roll over during the run)",
    at: (now) => {
      const thisYear = new Date(wib(wibParts(now).year, 12, 31, "23:59").getTime() + 30_000);
      return thisYear > now
        ? thisYear
        : new Date(wib(wibParts(now).year + 1, 12, 31, "23:59").getTime() + 30_000);
    },
  },
  {
    name: "leap-day",
    what: "the next 29 February, 10:00 WIB",
    at: (now) => {
      for (let year = wibParts(now).year; ; year++) {
        const candidate = wib(year, 2, 29, "10:00");
        if (wibParts(candidate).month === 2 && candidate > now) return candidate;
      }
    },
  },
  {
    name: "year-ahead",
    what: "more than a year ahead (400 days)",
    at: (now) => plus({ days: 400 }, now),
  },
];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function describeMoment(moment: Moment, now: Date): string {
  return `${moment.name.padEnd(15)} ${wibTyped(moment.at(now))} WIB  ${moment.what}`;
}

interface Outcome {
  moment: string;
  zone: string;
  startedAt: string;
  code: number | null;
  summary: string;
  seconds: number;
}

async function run(moment: Moment, zone: string, files: string[]): Promise<Outcome> {
  const started = Date.now();
  const target = moment.at(new Date());
  const offset = Math.round((target.getTime() - Date.now()) / 1000);
  const args = [
    "-f",
    `${offset >= 0 ? "+" : ""}${offset}s`,
    process.execPath,
    path.join(ROOT, "node_modules/vitest/vitest.mjs"),
    "run",
    "--reporter=dot",
    ...files,
  ];
  const child = spawn("faketime", args, {
    cwd: ROOT,
    env: { ...process.env, TZ: zone, FAKETIME_DONT_FAKE_MONOTONIC: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips vitest's colours
  const plain = output.replace(/\u001b\[[0-9;]*m/g, "");
  const summary = [/Test Files .*/.exec(plain)?.[0], /Tests {2}.*/.exec(plain)?.[0]]
    .filter(Boolean)
    .join(" · ");
  if (code !== 0) process.stdout.write(`\n${plain}\n`);
  return {
    moment: moment.name,
    zone,
    startedAt: `${wibTyped(target)} WIB`,
    code,
    summary: summary || "no summary (see the output above)",
    seconds: Math.round((Date.now() - started) / 1000),
  };
}

async function main() {
  const now = new Date();
  if (process.argv.includes("--list")) {
    for (const moment of MOMENTS) console.log(describeMoment(moment, now));
    return;
  }
  if (spawnSync("faketime", ["-f", "+0s", "true"]).error) {
    console.error(
      "faketime tidak ditemukan / faketime is not installed: apt-get install faketime (Debian's libfaketime).",
    );
    process.exit(1);
  }
  const onlyMoment = option("moment");
  const onlyZone = option("tz");
  const moments = MOMENTS.filter((m) => !onlyMoment || m.name === onlyMoment);
  const zones = ZONES.filter((z) => !onlyZone || z === onlyZone);
  if (moments.length === 0 || zones.length === 0) {
    console.error(`Unknown --moment or --tz. Moments: ${MOMENTS.map((m) => m.name).join(", ")}`);
    process.exit(1);
  }
  const outcomes: Outcome[] = [];
  for (const moment of moments) {
    for (const zone of zones) {
      console.log(`==> ${describeMoment(moment, new Date())}  TZ=${zone}`);
      const outcome = await run(moment, zone, TIME_DEPENDENT);
      console.log(
        `    ${outcome.code === 0 ? "ok" : "FAILED"}  ${outcome.summary}  (${outcome.seconds} s)`,
      );
      outcomes.push(outcome);
    }
  }
  console.log("\nmoment          TZ            started at            result");
  for (const o of outcomes) {
    console.log(
      `${o.moment.padEnd(15)} ${o.zone.padEnd(13)} ${o.startedAt.padEnd(21)} ${o.code === 0 ? "ok" : "FAILED"}  ${o.summary}`,
    );
  }
  const failed = outcomes.filter((o) => o.code !== 0);
  if (failed.length > 0) {
    console.error(`\n${failed.length} of ${outcomes.length} runs failed.`);
    process.exit(1);
  }
}

await main();
