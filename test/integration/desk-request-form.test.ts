// The request form reaches the ticket's topic exactly once (issue #20 point 4),
// on the real PostgreSQL and Redis with the desk against the local fake Bot
// API: the form is rendered after routing, so it may be made before the topic
// opens (the opening posts it), after (its desk job posts it), or while the
// topic is opening (after the opening looked for documents: the job posts it).
import { randomInt } from "node:crypto";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ticketDocument, ticketOpened } from "../../bot/agent-desk/desk.ticket-events.ts";
import { withTopicLock } from "../../bot/agent-desk/desk.topic-lock.ts";
import { createDeskTopics } from "../../bot/agent-desk/desk.topics.ts";
import { ensureRequestForm } from "../../core/app/request-form.ts";
import { deskJobSchema, QUEUE, type QueueName } from "../../core/contracts/queues.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { type FakeBotApi, startFakeBotApi } from "../fakes/bot-api-server.ts";
import { newTicket, testCipher, testQueues, testWorkflow } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const GROUP = `-100${randomInt(1e9, 2e9)}`;
const prefix = uniquePrefix("desk-form");
const logger = createLogger({ level: "silent" }, { write: () => {} });
let db: Database;
let redis: Redis;
let queues: ReturnType<typeof testQueues>;
let fake: FakeBotApi;
let api: Api;
let ctx: Parameters<typeof ticketDocument>[0];
/** Runs once, just before the next digest in General: the last step of an opening. */
let beforeDigest: (() => Promise<void>) | undefined;
const queueFor = (name: QueueName) => queues.queueFor(name);
const documents = {
  officeName: "LPSE Kabupaten Landak",
  officeAddress: "Jl. Pangeran Cinata, Ngabang",
  letterNumberFormat: "{seq}/SKG/LPSE-LDK/{year}",
  signer: { name: "Drs. Contoh", position: "Kepala LPSE", nip: "197001012000031001" },
};

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  redis = createRedis(TEST_REDIS_URL, "worker");
  queues = testQueues(redis, prefix);
  fake = await startFakeBotApi();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
  api.config.use(async (prev, method, payload, signal) => {
    const params = payload as { message_thread_id?: unknown; text?: unknown };
    const hook = beforeDigest;
    if (hook && method === "sendMessage" && params.message_thread_id === undefined) {
      beforeDigest = undefined;
      await hook();
    }
    return prev(method, payload, signal);
  });
  const topics = withTopicLock(
    createDeskTopics({ prisma: db.prisma, cipher: testCipher, api, chatId: GROUP, logger }),
  );
  ctx = { prisma: db.prisma, cipher: testCipher, topics };
});
afterAll(async () => {
  await queues.closeAll();
  await redis.quit();
  await db.close();
  await fake.close();
  await deleteKeys(prefix);
});

/** A filed and routed ticket (routing queues the form; here it is made by hand). */
async function routedTicket() {
  const { ticketId } = await newTicket(db, new Date());
  expect(await testWorkflow({ db, queueFor, logger }).routeTicket(ticketId)).toBe("routed");
  return ticketId;
}

/** Renders the form as the documents worker does; the desk job it queued, read from Redis. */
async function makeForm(ticketId: string) {
  expect(
    await ensureRequestForm(
      { prisma: db.prisma, cipher: testCipher, queueFor, logger, documents },
      ticketId,
    ),
  ).toBe("created");
  const [row] = await db.prisma.outboxEvent.findMany({
    where: {
      queue: QUEUE.deskBulk,
      name: "ticket.document",
      payload: { path: ["ticketId"], equals: ticketId },
    },
  });
  const job = await queueFor(QUEUE.deskBulk).getJob(row?.id ?? "");
  const data = deskJobSchema.parse(job?.data);
  if (data.type !== "ticket-document") throw new Error(`unexpected desk job ${data.type}`);
  return () => ticketDocument(ctx, data.ticketId, data.attachmentId);
}

/** The form's posts in the ticket's topic, as the fake took them. */
async function formPosts(ticketId: string) {
  const topic = await db.prisma.deskTopic.findUniqueOrThrow({ where: { ticketId } });
  return fake
    .callsOf("sendDocument")
    .filter(
      (c) =>
        Number(c.params.message_thread_id) === topic.threadId &&
        c.params.caption === "Formulir permohonan",
    );
}

describe("the request form in the ticket's topic", () => {
  it("made after the topic opened: its job posts it there, once however often it runs", async () => {
    const ticketId = await routedTicket();
    expect(await ticketOpened(ctx, ticketId)).toHaveProperty("opened");
    expect(await formPosts(ticketId)).toHaveLength(0);
    const deskJob = await makeForm(ticketId);
    expect(await deskJob()).toHaveProperty("posted");
    expect(await deskJob()).toEqual({ skipped: "posted with the topic" });
    const posts = await formPosts(ticketId);
    expect(posts).toHaveLength(1);
    expect(String(posts[0]?.params.protect_content)).toBe("true");
  });

  it("made before the topic opened: the opening posts it and its job does not again", async () => {
    const ticketId = await routedTicket();
    const deskJob = await makeForm(ticketId);
    expect(await ticketOpened(ctx, ticketId)).toHaveProperty("opened");
    expect(await deskJob()).toEqual({ skipped: "posted with the topic" });
    expect(await formPosts(ticketId)).toHaveLength(1);
  });

  it("made before the topic opened, its job first: the job opens the topic with it, once", async () => {
    const ticketId = await routedTicket();
    const deskJob = await makeForm(ticketId);
    expect(await deskJob()).toEqual({ skipped: "posted with the topic" });
    expect(await ticketOpened(ctx, ticketId)).toEqual({ skipped: "topic exists" });
    expect(await formPosts(ticketId)).toHaveLength(1);
  });

  it("made while the topic is opening, after the opening looked for documents: posted once, not lost", async () => {
    const ticketId = await routedTicket();
    let deskJobRun: Promise<unknown> | undefined;
    beforeDigest = async () => {
      const deskJob = await makeForm(ticketId);
      // The job starts while the opening is still on its last step.
      deskJobRun = deskJob();
    };
    const opening = await ticketOpened(ctx, ticketId);
    expect(opening).toHaveProperty("opened");
    expect(deskJobRun).toBeDefined();
    expect(await deskJobRun).toHaveProperty("posted");
    expect(await formPosts(ticketId)).toHaveLength(1);
    expect(await db.prisma.deskTopic.count({ where: { ticketId } })).toBe(1);
  });

  it("opening and the form's job side by side, for several tickets: each form posted once", async () => {
    const tickets = await Promise.all([1, 2, 3, 4, 5, 6].map(() => routedTicket()));
    await Promise.all(
      tickets.map(async (ticketId, i) => {
        const form = makeForm(ticketId);
        // Half the openings start before the form is made, half after.
        const opening =
          i % 2 === 0 ? ticketOpened(ctx, ticketId) : form.then(() => ticketOpened(ctx, ticketId));
        await Promise.all([opening, form.then((deskJob) => deskJob())]);
      }),
    );
    for (const ticketId of tickets) expect(await formPosts(ticketId)).toHaveLength(1);
  });
});
