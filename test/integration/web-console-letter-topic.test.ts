// A disruption letter issued on the console's ticket page reaches the
// ticket's Telegram topic, on real PostgreSQL and Redis with the desk against
// the local fake Bot API: issuing queues the desk's `letter-issued` job (ids
// only, published to the desk's queue); the desk then posts the notice "…
// diterbitkan oleh <agent> melalui konsol web …" and the letter's PDF in the
// topic, each once however often the job runs. A ticket without a topic gets
// one (card and documents, the letter among them), and the notice under it.
// A letter issued in the desk (no `via`) queues no such job: the desk posts
// it there itself.
import { randomInt } from "node:crypto";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { letterIssued } from "../../bot/agent-desk/desk.console-letters.ts";
import { agentLabel } from "../../bot/agent-desk/desk.lookups.ts";
import { ticketOpened } from "../../bot/agent-desk/desk.ticket-events.ts";
import { withTopicLock } from "../../bot/agent-desk/desk.topic-lock.ts";
import { createDeskTopics } from "../../bot/agent-desk/desk.topics.ts";
import { issueDisruptionLetter } from "../../core/app/letters.ts";
import { deskJobSchema, QUEUE } from "../../core/contracts/queues.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { type FakeBotApi, htmlToPlain, startFakeBotApi } from "../fakes/bot-api-server.ts";
import { testCipher } from "../support/app.ts";
import { wibDate, wibDayAt } from "../support/clock.ts";
import {
  AGENT_PASSWORD,
  browser,
  TEST_DOCUMENTS,
  webConsoleFixture,
} from "../support/web-console.ts";
import { ticketWithTimeline } from "../support/web-ticket.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-letter-topic", logger);
const GROUP = `-100${randomInt(1e9, 2e9)}`;
const TEXTS = { citizen: "Server mati, Pak.", reply: "Baik.", note: "Gangguan SPSE." };
// The disruption happened yesterday (WIB), whatever day the test runs on.
const DAY = wibDate(wibDayAt(-1, "09:00"));
const PARTIES = "Seluruh peserta tender paket tersebut, a.n. Budi Santoso";
const FORM = { kode: "10012345", mulai: `${DAY}T09:00`, selesai: `${DAY}T13:30`, pihak: PARTIES };

let fake: FakeBotApi;
let ctx: Parameters<typeof letterIssued>[0];

beforeAll(async () => {
  fake = await startFakeBotApi();
  const api = new Api(fake.token, { apiRoot: fake.apiRoot });
  const topics = withTopicLock(
    createDeskTopics({ prisma: f.db.prisma, cipher: testCipher, api, chatId: GROUP, logger }),
  );
  ctx = { prisma: f.db.prisma, cipher: testCipher, topics };
});
afterAll(async () => {
  await fake?.close();
});

const page = (n: string) => `/konsol/tiket/${n}`;
const filed = () => ticketWithTimeline(f.db, f.web.workflow, f.now(), TEXTS);

/** Issues the letter on the ticket page as the VERIFIKATOR; the agent and the letter. */
async function issueOnWeb(number: string, ticketId: string) {
  const b = browser(f.web.app);
  expect((await b.signIn("verifikator", AGENT_PASSWORD)).statusCode).toBe(303);
  const _csrf = await b.csrf(page(number));
  const res = await b.post(`${page(number)}/surat/terbitkan`, { _csrf, ...FORM });
  expect(res.statusCode).toBe(303);
  const agent = await f.db.prisma.agent.findFirstOrThrow({ where: { role: "VERIFIKATOR" } });
  const letter = await f.db.prisma.disruptionLetter.findFirstOrThrow({ where: { ticketId } });
  return { agent, letter };
}

const letterJobs = (ticketId: string) =>
  f.db.prisma.outboxEvent.findMany({
    where: {
      queue: QUEUE.desk,
      name: "letter.issued",
      payload: { path: ["ticketId"], equals: ticketId },
    },
  });

/** The desk job the issue published, as the desk's worker reads it from Redis. */
async function publishedJob(ticketId: string) {
  const [row] = await letterJobs(ticketId);
  expect(row?.status).toBe("PUBLISHED");
  const job = await f.web.queueFor(QUEUE.desk).getJob(row?.id ?? "");
  return { raw: job?.data as unknown, job: deskJobSchema.parse(job?.data) };
}

/** What the bot posted in the ticket's topic, as the fake took it. */
async function topicPosts(ticketId: string) {
  const topic = await f.db.prisma.deskTopic.findUniqueOrThrow({ where: { ticketId } });
  return {
    texts: fake.sent.filter((m) => m.threadId === topic.threadId).map((m) => htmlToPlain(m.text)),
    documents: fake.documents.filter((d) => d.threadId === topic.threadId),
  };
}

describe("a letter issued on the web, in the ticket's topic", () => {
  it("queues an ids-only desk job; the desk posts the notice and the PDF in the topic, once", async () => {
    const t = await filed();
    expect(await ticketOpened(ctx, t.ticketId)).toHaveProperty("opened");
    const { agent, letter } = await issueOnWeb(t.number, t.ticketId);

    const { raw, job } = await publishedJob(t.ticketId);
    // Ids only: no name, number, tender code or affected parties.
    expect(raw).toEqual({ type: "letter-issued", ticketId: t.ticketId, letterId: letter.id });
    const carried = JSON.stringify(raw);
    for (const secret of [agent.name, PARTIES, "Budi Santoso", letter.number, FORM.kode]) {
      expect(carried).not.toContain(secret);
    }
    if (job.type !== "letter-issued") throw new Error(`unexpected desk job ${job.type}`);

    const before = await topicPosts(t.ticketId);
    expect(before.documents.filter((d) => d.fileName.includes("Surat-Keterangan"))).toEqual([]);
    expect(await letterIssued(ctx, job.ticketId, job.letterId)).toEqual({
      posted: "notice and letter",
    });
    // Run again (a retried job): nothing is posted twice.
    expect(await letterIssued(ctx, job.ticketId, job.letterId)).toEqual({ posted: "notice" });

    const after = await topicPosts(t.ticketId);
    const notice = `Surat Keterangan Gangguan LPSE nomor ${letter.number} diterbitkan oleh ${agentLabel(agent)} melalui konsol web dan dikirim kepada pengguna.`;
    expect(after.texts.filter((text) => text.includes(notice))).toHaveLength(1);
    const letters = after.documents.slice(before.documents.length);
    expect(letters).toHaveLength(1);
    expect(letters[0]?.fileName).toBe(
      `Surat-Keterangan-Gangguan-${letter.number.replace(/[^A-Za-z0-9-]+/gu, "-")}.pdf`,
    );
    expect(letters[0]?.caption).toContain(letter.number);
    expect(letters[0]?.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const sent = fake
      .callsOf("sendDocument")
      .filter((c) => String(c.params.caption ?? "").includes(letter.number));
    expect(sent.map((c) => String(c.params.protect_content))).toEqual(["true"]);
  });

  it("opens the topic of a ticket that has none, with the letter among its documents, and the notice", async () => {
    const t = await filed();
    expect(await f.db.prisma.deskTopic.findUnique({ where: { ticketId: t.ticketId } })).toBeNull();
    const { agent, letter } = await issueOnWeb(t.number, t.ticketId);
    const { job } = await publishedJob(t.ticketId);
    if (job.type !== "letter-issued") throw new Error(`unexpected desk job ${job.type}`);

    // The opening posted the letter with the ticket's documents: the job adds the notice.
    expect(await letterIssued(ctx, job.ticketId, job.letterId)).toEqual({ posted: "notice" });
    expect(fake.topics.filter((topic) => topic.name.startsWith(t.number))).toHaveLength(1);
    const posts = await topicPosts(t.ticketId);
    expect(posts.texts.some((text) => text.includes(t.number))).toBe(true);
    expect(
      posts.texts.filter((text) =>
        text.includes(`nomor ${letter.number} diterbitkan oleh ${agentLabel(agent)}`),
      ),
    ).toHaveLength(1);
    const pdfs = posts.documents.filter((d) => d.bytes.subarray(0, 5).toString() === "%PDF-");
    expect(pdfs.map((d) => d.caption)).toEqual(["Surat keterangan gangguan 1"]);
  });

  it("queues no such job for a letter issued in the desk, which posts it itself", async () => {
    const t = await filed();
    const agent = await f.db.prisma.agent.findFirstOrThrow({ where: { role: "HELPDESK" } });
    const issued = await issueDisruptionLetter(
      {
        prisma: f.db.prisma,
        cipher: testCipher,
        queueFor: f.web.queueFor,
        logger,
        documents: TEST_DOCUMENTS,
      },
      {
        ticketId: t.ticketId,
        tenderCode: FORM.kode,
        disruptionStart: wibDayAt(-1, "09:00"),
        disruptionEnd: wibDayAt(-1, "13:30"),
        affectedParties: PARTIES,
        agentId: agent.id,
      },
    );
    expect(issued.ok).toBe(true);
    expect(await f.db.prisma.disruptionLetter.count({ where: { ticketId: t.ticketId } })).toBe(1);
    expect(await letterJobs(t.ticketId)).toEqual([]);
  });
});
