// The daily holiday check on the real PostgreSQL and Redis: a calendar with no
// holiday of the year (or, from November, of the next) tells the agents
// group through the alert queue; a complete one stays quiet.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maintenanceWorker } from "../../core/app/jobs/maintenance.worker.ts";
import { QUEUE, type QueueName } from "../../core/contracts/queues.ts";
import { DEFAULT_BUSINESS_CALENDAR } from "../../core/domain/sla/business-calendar.schema.ts";
import { fixedCalendar } from "../../core/domain/sla/calendar-overrides.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { testCipher, testQueues } from "../support/app.ts";
import { wib, wibParts } from "../support/clock.ts";
import { isolatedDatabase } from "../support/database.ts";
import { TEST_REDIS_URL } from "../support/env.ts";
import { jobOutcome } from "../support/jobs.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("holidays");
const logger = createLogger({ level: "silent" }, { write: () => {} });
// The worker's clock is frozen on dates of the year the test runs in.
const YEAR = wibParts(new Date()).year;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let db: Database;
let redis: Redis;
let queues: ReturnType<typeof testQueues>;

beforeAll(async () => {
  // Its own database: alerts are counted, and other files' relays must not publish them.
  database = await isolatedDatabase("holidays");
  db = await openDatabase({ kind: "postgres", url: database.url });
  redis = createRedis(TEST_REDIS_URL, "worker");
  queues = testQueues(redis, prefix);
});
afterAll(async () => {
  await queues.closeAll();
  await redis.quit();
  await db.close();
  await database.drop();
  await deleteKeys(prefix);
});

async function check(holidays: string[], at: Date) {
  const queueFor = (name: QueueName) => queues.queueFor(name);
  const worker = maintenanceWorker({
    prisma: db.prisma,
    cipher: testCipher,
    now: () => at,
    holidays: { calendar: fixedCalendar({ ...DEFAULT_BUSINESS_CALENDAR, holidays }), queueFor },
  })({ connection: redis, prefix, logger });
  try {
    const queue = queueFor(QUEUE.maintenance);
    return await jobOutcome(queue, await queue.add("holiday-check", { type: "holiday-check" }));
  } finally {
    await worker.close();
  }
}

const alertsQueued = async () =>
  (await queues.queueFor(QUEUE.agentAlerts).getJobs(["waiting", "delayed"])).map((j) => j.data);

describe("holiday check", () => {
  it("alerts the agents when the year has no holiday, and for the next year from November", async () => {
    expect(await check([], wib(YEAR, 3, 2, "07:00"))).toEqual({ missing: [YEAR] });
    expect(await check([`${YEAR}-12-25`], wib(YEAR, 11, 2, "07:00"))).toEqual({
      missing: [YEAR + 1],
    });
    expect(await alertsQueued()).toEqual(
      expect.arrayContaining([
        { type: "holidays", years: [YEAR] },
        { type: "holidays", years: [YEAR + 1] },
      ]),
    );
    const rows = await db.prisma.outboxEvent.findMany({ where: { queue: QUEUE.agentAlerts } });
    expect(rows.map((r) => r.status)).toEqual(["PUBLISHED", "PUBLISHED"]);
  });

  it("stays quiet when this year's and next year's holidays are listed", async () => {
    const before = (await alertsQueued()).length;
    const listed = [`${YEAR}-05-01`, `${YEAR + 1}-01-01`];
    expect(await check(listed, wib(YEAR, 11, 20, "07:00"))).toEqual({ missing: [] });
    expect(await alertsQueued()).toHaveLength(before);
  });
});
