// The desk's /surat preview across restarts: the preview waits in the real
// Redis, so a new desk instance (the bot restarted, or a second bot process)
// issues it; two presses at once issue one letter; an expired preview is
// refused with a clear message. Telegram is the local fake Bot API.
import { randomInt } from "node:crypto";
import { tmpdir } from "node:os";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseButtonData } from "../../bot/agent-desk/desk.commands.ts";
import { createDeskDocuments } from "../../bot/agent-desk/desk.documents.ts";
import type { Agent, Database, DeskTopic } from "../../core/infra/db.ts";
import { openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { type FakeBotApi, htmlToPlain, startFakeBotApi } from "../fakes/bot-api-server.ts";
import { newTicket, testAppConfig, testCipher, testQueues } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("desk-letters");
const GROUP = `-100${randomInt(1e9, 2e9)}`;
const PARTIES = "seluruh peserta tender paket 10012345, a.n. Budi Santoso";
const ARGS = `10012345 | 28/11/2026 09.00 | 28/11/2026 13.30 | ${PARTIES}`;
const logger = createLogger({ level: "silent" }, { write: () => {} });
let db: Database;
/** Each "process" has its own Redis connection. */
const connections: Redis[] = [];
let queues: ReturnType<typeof testQueues>;
let fake: FakeBotApi;
let agents: [Agent, Agent];

async function connect() {
  const redis = createRedis(TEST_REDIS_URL, "producer");
  await redis.connect();
  connections.push(redis);
  return redis;
}

/** A desk's document commands as one bot process has them: its own Redis connection and Api. */
async function startDesk(previewTtlMs?: number) {
  return createDeskDocuments({
    documentDeps: {
      prisma: db.prisma,
      cipher: testCipher,
      queueFor: queues.queueFor,
      logger,
      documents: testAppConfig(prefix, tmpdir()).documents,
    },
    api: new Api(fake.token, { apiRoot: fake.apiRoot }),
    chatId: GROUP,
    redis: await connect(),
    keyPrefix: prefix,
    ...(previewTtlMs === undefined ? {} : { previewTtlMs }),
  });
}
type Desk = Awaited<ReturnType<typeof startDesk>>;

/** What a desk said in the topic, as plain text. */
function replies() {
  const said: { text: string; extra: unknown }[] = [];
  const reply = async (html: string, extra?: unknown) => {
    said.push({ text: htmlToPlain(html), extra });
  };
  return { said, reply };
}

/** A ticket with its forum topic in the group, as the desk leaves them. */
async function ticketTopic(): Promise<DeskTopic> {
  const ticket = await newTicket(db, new Date());
  const created = await new Api(fake.token, { apiRoot: fake.apiRoot }).createForumTopic(
    GROUP,
    ticket.number,
  );
  return db.prisma.deskTopic.create({
    data: {
      kind: "TICKET",
      chatId: BigInt(GROUP),
      threadId: created.message_thread_id,
      ticketId: ticket.ticketId,
      contactId: ticket.contactId,
      title: ticket.number,
    },
  });
}

/** Runs /surat on a desk; returns the preview's id from its "Terbitkan" button. */
async function preview(desk: Desk, topic: DeskTopic): Promise<string> {
  const { said, reply } = replies();
  await desk.commands.surat({ agent: agents[0], args: ARGS, topic, reply });
  const ask = said.find((s) => s.text.includes("Terbitkan?"));
  expect(ask?.text).toContain("berlaku");
  const markup = ask?.extra as
    | { reply_markup: { inline_keyboard: { callback_data: string }[][] } }
    | undefined;
  const data = markup?.reply_markup.inline_keyboard.flat()[0]?.callback_data;
  const button = parseButtonData(data ?? "");
  expect(button?.action).toBe("lok");
  return button?.id ?? "";
}

/** Presses "Terbitkan" (or "Batal") on a desk; returns what the desk answered. */
async function press(desk: Desk, agent: Agent, id: string, confirm = true) {
  const { said, reply } = replies();
  await desk.decideLetter(agent, id, confirm, reply);
  return said.map((s) => s.text);
}

const lettersOf = (ticketId: string | null) =>
  db.prisma.disruptionLetter.findMany({ where: { ticketId: ticketId ?? "" } });

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  queues = testQueues(await connect(), prefix);
  fake = await startFakeBotApi();
  const agent = (name: string) =>
    db.prisma.agent.create({
      data: { telegramUserId: BigInt(randomInt(1e9, 2e9)), name, role: "HELPDESK" },
    });
  agents = [await agent("Budi"), await agent("Vina")];
});

afterAll(async () => {
  await queues?.closeAll();
  await Promise.all(connections.map((c) => c.quit()));
  await db?.close();
  await fake?.close();
  await deleteKeys(prefix);
});

describe("/surat previews in Redis", () => {
  it("a preview made before a restart is issued by the new desk, once", async () => {
    const topic = await ticketTopic();
    const before = await startDesk();
    const id = await preview(before, topic);
    expect(fake.documents.find((d) => d.threadId === topic.threadId)?.caption).toBe(
      "Pratinjau surat",
    );
    // Only the sealed input waits in Redis: no PDF, nothing readable.
    const probe = await connect();
    const keys = await probe.keys(`${prefix}:desk:letter-preview:*`);
    expect(keys).toEqual([`${prefix}:desk:letter-preview:${id}`]);
    const stored = (await probe.get(keys[0] ?? "")) ?? "";
    const raw = Buffer.from(stored, "base64").toString("latin1");
    expect(raw).not.toContain("Budi Santoso");
    expect(raw).not.toContain("10012345");
    expect(raw).not.toContain("%PDF");
    expect(await probe.pttl(keys[0] ?? "")).toBeGreaterThan(59 * 60_000);

    const after = await startDesk();
    expect(await press(after, agents[1], id)).toEqual([]);
    const letters = await lettersOf(topic.ticketId);
    expect(letters).toHaveLength(1);
    expect(letters[0]?.tenderCode).toBe("10012345");
    const issued = fake.documents.find(
      (d) => d.threadId === topic.threadId && (d.caption ?? "").includes(letters[0]?.number ?? "?"),
    );
    expect(issued?.bytes.subarray(0, 5).toString()).toBe("%PDF-");

    // The old instance (or a late press) finds it already done.
    const again = await press(before, agents[0], id);
    expect(again.join("\n")).toContain("sudah diproses");
    expect(await lettersOf(topic.ticketId)).toHaveLength(1);
  });

  it("two agents pressing at once, on two processes, issue one letter", async () => {
    const topic = await ticketTopic();
    const [one, two] = [await startDesk(), await startDesk()];
    const id = await preview(one, topic);
    const answers = await Promise.all([
      press(one, agents[0], id),
      press(two, agents[1], id),
      press(two, agents[1], id),
    ]);
    expect(await lettersOf(topic.ticketId)).toHaveLength(1);
    const refused = answers.filter((a) => a.join("\n").includes("sudah diproses"));
    expect(refused).toHaveLength(2);
    expect(answers.filter((a) => a.length === 0)).toHaveLength(1);
  });

  it("a cancelled preview cannot be issued afterwards", async () => {
    const topic = await ticketTopic();
    const desk = await startDesk();
    const id = await preview(desk, topic);
    expect(await press(desk, agents[0], id, false)).toEqual(["Penerbitan surat dibatalkan."]);
    expect((await press(desk, agents[1], id)).join("\n")).toContain("sudah diproses");
    expect(await lettersOf(topic.ticketId)).toHaveLength(0);
  });

  it("an expired preview is refused with a message, and issues nothing", async () => {
    const topic = await ticketTopic();
    const desk = await startDesk(300);
    const id = await preview(desk, topic);
    const probe = await connect();
    const key = `${prefix}:desk:letter-preview:${id}`;
    const deadline = Date.now() + 5_000;
    while ((await probe.exists(key)) === 1 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const answer = (await press(await startDesk(), agents[0], id)).join("\n");
    expect(answer).toContain("sudah kedaluwarsa");
    expect(answer).toContain("/surat");
    expect(await lettersOf(topic.ticketId)).toHaveLength(0);
    // Refusing leaves no marker behind: it stays "expired", not "already done".
    expect(await probe.exists(key)).toBe(0);
  });
});
