// The agents group and a citizen's personal data (#17 High 2 and Lows, #19.8),
// on the whole app (real PostgreSQL of its own, Redis, workers) with the
// Telegram channel against the local fake Bot API, which keeps each chat's
// live messages so what stays readable in the group can be searched:
// erasure and retention delete a ticket's topic and every post and leave a
// tombstone; a removed agent leaves the group; a KTP view is for the assignee
// and supervisors only and expires; a citizen's "/command" is not tappable;
// opening a topic resumes after a failure without posting anything twice.
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentAlertsWorker } from "../../bot/agent-alerts.worker.ts";
import { createTelegramAgentNotifier } from "../../bot/telegram/agent-notifier.ts";
import { fileComplaint } from "../../core/app/complaints.ts";
import { recordRelay } from "../../core/app/desk-relay.ts";
import { decideDeletion, finishErasure } from "../../core/app/privacy.ts";
import { applyRetention } from "../../core/app/retention.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import type { AgentRole } from "../../core/infra/db.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import type { Services } from "../../core/infra/services.ts";
import { resolveContact } from "../../core/infra/stores/contact.store.ts";
import { sealMediaCaption, storeMedia } from "../../core/infra/stores/media.store.ts";
import { publishOutbox } from "../../core/infra/stores/outbox.store.ts";
import { createTicket } from "../../core/infra/stores/ticket.store.ts";
import { type FakeBotApi, type FakeUser, htmlToPlain } from "../fakes/bot-api-server.ts";
import { jpegFile, pngFile } from "../fixtures/files.ts";
import { capturingLogger, ticketDraft } from "../support/app.ts";
import { plus } from "../support/clock.ts";
import { isolatedDatabase } from "../support/database.ts";
import { requestFormIn } from "../support/desk-app.ts";
import type { Person } from "../support/leak-search.ts";
import { startTelegramApp, type TelegramApp } from "../support/telegram-app.ts";
import { randomPerson } from "./citizen.support.ts";

const GROUP = `-100${randomInt(1e9, 2e9)}`;
const KTP_MINUTES = 7;
const { logger } = capturingLogger();
let own: Awaited<ReturnType<typeof isolatedDatabase>>;
let app: TelegramApp;
let runtime: Runtime;
let services: Services;
let fake: FakeBotApi;

const person = (firstName: string): FakeUser => ({ id: randomInt(1e9, 2e9), firstName });
const helpdesk = person("Budi");
const verifier = person("Vina");
const supervisor = person("Sari");

async function addAgent(user: FakeUser, role: AgentRole) {
  await runtime.db.prisma.agent.create({
    data: { telegramUserId: BigInt(user.id), name: user.firstName ?? "Petugas", role },
  });
  fake.addMember(GROUP, user.id);
}

const groupSent = () => fake.sent.filter((m) => m.chatId === GROUP);
const inThread = (threadId: number) => groupSent().filter((m) => m.threadId === threadId);
const waitForGroupText = (threadId: number | undefined, part: string) =>
  fake.waitFor(
    () => groupSent().find((m) => m.threadId === threadId && htmlToPlain(m.text).includes(part)),
    20_000,
    `"${part}" in the group`,
  );

/** Polls the database (or anything async) until `check` holds. */
async function until(check: () => Promise<boolean>, what: string, timeout = 20_000) {
  await expect.poll(check, { timeout, message: what }).toBe(true);
}

/** What of the citizen is still readable in the group: name, NIK, phone (any separators). */
function leftInGroup(citizen: Person) {
  const national = citizen.phone.replace(/^\+62/u, "");
  return fake.liveMessages(GROUP).filter((m) => {
    const compact = m.visible.replace(/[\s.\-()]/gu, "");
    return (
      m.visible.toLowerCase().includes(citizen.name.toLowerCase()) ||
      compact.includes(citizen.nik) ||
      compact.includes(national)
    );
  });
}

/** A Telegram citizen's ticket with a KTP and a captioned screenshot, routed (which opens its topic). */
async function ticketOf(citizen: Person, opts: { waitForCard?: boolean } = {}) {
  const prisma = runtime.db.prisma;
  const user = person("Warga");
  const contact = await resolveContact(prisma, services.cipher, "TELEGRAM", {
    externalId: String(user.id),
  });
  const stored = async (bytes: Buffer) => {
    const media = await storeMedia(prisma, services.cipher, {
      contactId: contact.id,
      bytes,
      maxBytes: 10_000_000,
    });
    if (!media.ok) throw new Error("file not stored");
    return media.mediaId;
  };
  const ktp = await stored(jpegFile());
  const shot = await stored(pngFile());
  await prisma.$transaction((tx) =>
    sealMediaCaption(tx, services.cipher, contact.id, shot, `Akun ${citizen.name} terkunci`),
  );
  const at = new Date();
  const created = await prisma.$transaction((tx) =>
    createTicket(
      tx,
      services.cipher,
      contact,
      ticketDraft(at, {
        name: citizen.name,
        nik: citizen.nik,
        email: citizen.email,
        phone: citizen.phone,
        description: `Saya ${citizen.name}, HP ${citizen.phone}, tidak bisa masuk SPSE.`,
        attachments: [
          { mediaId: ktp, kind: "KTP" },
          { mediaId: shot, kind: "SCREENSHOT" },
        ],
      }),
      at,
    ),
  );
  const ticket = await prisma.ticket.findUniqueOrThrow({ where: { number: created.number } });
  await services.workflow.routeTicket(ticket.id);
  const topic = await fake.waitFor(
    () => fake.topics.find((t) => t.chatId === GROUP && t.name.startsWith(ticket.number)),
    20_000,
    "the ticket's topic",
  );
  if (opts.waitForCard !== false) await waitForGroupText(topic.threadId, "Permasalahan");
  return { user, ticket, topic, contactId: contact.id };
}

async function relayText(contactId: string, ticketNumber: string | null, text: string) {
  const prisma = runtime.db.prisma;
  const relay = await prisma.$transaction((tx) =>
    recordRelay(
      tx,
      services.cipher,
      { id: contactId },
      { content: { kind: "text", text }, ticketNumber },
    ),
  );
  if (!relay) throw new Error("relay not recorded");
  await publishOutbox(prisma, services.queueFor, { ids: [relay.outboxId] });
}

const privacyDeps = () => ({
  prisma: runtime.db.prisma,
  cipher: services.cipher,
  queueFor: services.queueFor,
  logger,
});

async function approveErasure(contactId: string) {
  const prisma = runtime.db.prisma;
  const approver = await prisma.agent.findUniqueOrThrow({
    where: { telegramUserId: BigInt(supervisor.id) },
  });
  const request = await prisma.deletionRequest.create({ data: { contactId } });
  const decision = await decideDeletion(privacyDeps(), {
    requestId: request.id,
    agentId: approver.id,
    approve: true,
  });
  expect(decision.type).toBe("approved");
  return request.id;
}

/** The topic's purge job is queued from the outbox; the relay publishes it, this is the fast path. */
const publishPending = () => publishOutbox(runtime.db.prisma, services.queueFor, {});

beforeAll(async () => {
  own = await isolatedDatabase("deskpriv");
  app = await startTelegramApp("deskpriv", {
    DATABASE_URL: own.url,
    TELEGRAM_AGENT_CHAT_ID: GROUP,
    DESK_KTP_VIEW_MINUTES: String(KTP_MINUTES),
  });
  ({ fake, runtime, services } = app);
  await addAgent(helpdesk, "HELPDESK");
  await addAgent(verifier, "VERIFIKATOR");
  await addAgent(supervisor, "SUPERVISOR");
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await own?.drop();
});

describe("opening a ticket's topic resumes where it stopped (#19.8)", () => {
  it("a card send failing after createForumTopic: the retry posts one card, each file once, one digest", async () => {
    // The first post into any topic of the group fails as a dropped connection would.
    fake.fail(
      "sendMessage",
      1,
      0,
      "",
      (p) => String(p.chat_id) === GROUP && p.message_thread_id !== undefined,
    );
    const citizen = randomPerson();
    const { ticket, topic } = await ticketOf(citizen);
    await waitForGroupText(undefined, ticket.number);
    await until(
      async () =>
        (await runtime.db.prisma.deskTopic.findUnique({ where: { ticketId: ticket.id } }))
          ?.openedAt != null,
      "the opening to finish",
    );
    expect(fake.topics.filter((t) => t.name.startsWith(ticket.number))).toHaveLength(1);
    expect(
      inThread(topic.threadId).filter((m) => htmlToPlain(m.text).includes("Permasalahan")),
    ).toHaveLength(1);
    // The request form, rendered after routing, follows the opening's files.
    await requestFormIn(fake, topic.threadId);
    const files = fake.documents.filter((d) => d.chatId === GROUP && d.threadId === topic.threadId);
    expect(files.map((f) => f.fileName)).toEqual([
      "tangkapan-layar-1.png",
      "formulir-permohonan.pdf",
    ]);
    expect(
      groupSent().filter((m) => m.threadId === undefined && m.text.includes(ticket.number)),
    ).toHaveLength(1);
  });

  it("a file send failing after the card: the retry posts the file, not the card again", async () => {
    fake.fail("sendDocument", 1, 0, "", (p) => String(p.chat_id) === GROUP);
    const citizen = randomPerson();
    const { ticket, topic } = await ticketOf(citizen);
    const file = await fake.waitFor(
      () => fake.documents.find((d) => d.chatId === GROUP && d.threadId === topic.threadId),
      20_000,
      "the screenshot after the retry",
    );
    expect(file.fileName).toBe("tangkapan-layar-1.png");
    await waitForGroupText(undefined, ticket.number);
    expect(
      inThread(topic.threadId).filter((m) => htmlToPlain(m.text).includes("Permasalahan")),
    ).toHaveLength(1);
    await requestFormIn(fake, topic.threadId);
    expect(
      fake.documents
        .filter((d) => d.chatId === GROUP && d.threadId === topic.threadId)
        .map((f) => f.fileName),
    ).toEqual(["tangkapan-layar-1.png", "formulir-permohonan.pdf"]);
  });
});

describe("what a citizen writes cannot plant a command for agents", () => {
  it("a relayed '/agen hapus 123' reaches the topic without a bot_command entity", async () => {
    const { ticket, topic, contactId } = await ticketOf(randomPerson());
    await relayText(contactId, ticket.number, "tolong /agen hapus 123 ya pak");
    const relayed = await waitForGroupText(topic.threadId, "hapus 123");
    expect(relayed.entities).toEqual([]);
    // The bot's own help still offers commands to tap.
    fake.groupText(helpdesk, GROUP, topic.threadId, "/bantuan");
    const help = await waitForGroupText(topic.threadId, "/ambil");
    expect(help.entities.length).toBeGreaterThan(0);
  });
});

describe("KTP views in the group (#17 Low)", () => {
  it("are refused to an agent who does not handle the ticket, audited", async () => {
    const { ticket, topic } = await ticketOf(randomPerson());
    fake.groupText(verifier, GROUP, topic.threadId, "/ktp");
    await waitForGroupText(topic.threadId, "hanya dapat dibuka oleh petugas yang menangani");
    expect(
      fake.documents.filter((d) => d.threadId === topic.threadId && d.fileName.startsWith("ktp")),
    ).toHaveLength(0);
    const refused = await runtime.db.prisma.auditLog.findMany({
      where: { ticketId: ticket.id, action: "ktp.view.refused" },
    });
    expect(refused).toHaveLength(1);
  });

  it("are shown to the assignee, audited, and deleted after DESK_KTP_VIEW_MINUTES by a delayed job", async () => {
    const prisma = runtime.db.prisma;
    const { ticket, topic } = await ticketOf(randomPerson());
    fake.groupText(helpdesk, GROUP, topic.threadId, "/ambil");
    await until(
      async () =>
        (await prisma.ticket.findUnique({ where: { id: ticket.id } }))?.assigneeId != null,
      "the claim",
    );
    fake.groupText(helpdesk, GROUP, topic.threadId, "/ktp");
    const shown = await fake.waitFor(
      () =>
        fake.documents.find((d) => d.threadId === topic.threadId && d.fileName.startsWith("ktp")),
      20_000,
      "the KTP view",
    );
    expect(shown.caption).toContain(`${KTP_MINUTES} menit`);
    expect(fake.liveMessages(GROUP).some((m) => m.messageId === shown.messageId)).toBe(true);
    expect(
      await prisma.auditLog.count({ where: { ticketId: ticket.id, action: "ktp.view" } }),
    ).toBe(1);
    // The expiry waits in Redis as a delayed BullMQ job (it survives a restart), due in 7 minutes.
    const queue = services.queueFor(QUEUE.desk);
    await until(
      async () => (await queue.getDelayed()).some((j) => j.name === "desk.posts-expire"),
      "the expiry job",
    );
    const job = (await queue.getDelayed()).find((j) => j.name === "desk.posts-expire");
    if (!job) throw new Error("no expiry job");
    expect(job.opts.delay).toBeGreaterThan((KTP_MINUTES - 1) * 60_000);
    expect(job.opts.delay).toBeLessThanOrEqual(KTP_MINUTES * 60_000);
    expect(JSON.stringify(job.data)).not.toContain(ticket.number);
    await job.promote();
    await fake.waitFor(
      () => !fake.liveMessages(GROUP).some((m) => m.messageId === shown.messageId),
      20_000,
      "the KTP view to be deleted",
    );
  });
});

describe("/agen hapus (#17 High 2)", () => {
  it("removes the agent from the group (ban, then unban only_if_banned) and says so", async () => {
    const leaving = person("Tono");
    await addAgent(leaving, "HELPDESK");
    fake.groupText(supervisor, GROUP, undefined, `/agen hapus ${leaving.id}`);
    await waitForGroupText(undefined, "dikeluarkan dari grup petugas");
    const ban = fake.callsOf("banChatMember").find((c) => Number(c.params.user_id) === leaving.id);
    const unban = fake
      .callsOf("unbanChatMember")
      .find((c) => Number(c.params.user_id) === leaving.id);
    expect(ban).toBeDefined();
    expect(unban?.params.only_if_banned).toBe(true);
    expect(unban && ban && unban.at >= ban.at).toBe(true);
    expect(fake.members(GROUP).has(leaving.id)).toBe(false);
    // Not banned for good: an admin can invite them again.
    expect(fake.banned(GROUP).has(leaving.id)).toBe(false);
    const row = await runtime.db.prisma.agent.findUniqueOrThrow({
      where: { telegramUserId: BigInt(leaving.id) },
    });
    expect(row.active).toBe(false);
  });
});

describe("erasure and retention in the agents group (#17 High 2)", () => {
  it("erasure deletes the topic and every post naming the citizen, leaves a tombstone, and finishes only then", {
    timeout: 150_000,
  }, async () => {
    const prisma = runtime.db.prisma;
    const citizen = randomPerson();
    const { user, ticket, topic, contactId } = await ticketOf(citizen);
    await relayText(contactId, ticket.number, `Nama saya ${citizen.name}, HP ${citizen.phone}`);
    await waitForGroupText(topic.threadId, citizen.name);
    // An agent writes the name in the topic too; the supervisor opens the KTP.
    fake.groupText(helpdesk, GROUP, topic.threadId, `// sudah telepon ${citizen.name}`);
    fake.groupText(supervisor, GROUP, topic.threadId, "/ktp");
    await fake.waitFor(
      () =>
        fake.documents.find((d) => d.threadId === topic.threadId && d.fileName.startsWith("ktp")),
      20_000,
      "the KTP view",
    );
    expect(leftInGroup(citizen).length).toBeGreaterThan(2);

    // Telegram unreachable for the desk's deletions: the erasure still goes through.
    fake.fail("deleteMessages", 1000, 0, "", (p) => String(p.chat_id) === GROUP);
    const requestId = await approveErasure(contactId);
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).nikEnc).toBeNull();
    await publishPending();
    await fake.waitFor(
      () => fake.callsOf("deleteMessages").length >= 2,
      20_000,
      "retried deletions",
    );
    await fake.waitFor(
      () => fake.sent.find((m) => m.chatId === String(user.id) && m.text.includes("telah dihapus")),
      20_000,
      "the user's notice",
    );
    await prisma.outboundMessage.updateMany({
      where: { contactId, status: "PENDING" },
      data: { status: "SENT", sentAt: new Date() },
    });
    expect(await finishErasure(privacyDeps(), requestId, new Date())).toBe("waiting");

    fake.fail("deleteMessages", 0, 0, "");
    // The job's next try, after BullMQ's backoff.
    const tombstone = await fake.waitFor(
      () =>
        groupSent().find(
          (m) =>
            m.threadId === undefined && m.text.includes(`Topik tiket ${ticket.number} dihapus`),
        ),
      90_000,
      "the tombstone",
    );
    expect(htmlToPlain(tombstone.text)).toContain("atas permintaan penghapusan data");
    expect(leftInGroup(citizen)).toEqual([]);
    expect(fake.liveMessages(GROUP).filter((m) => m.threadId === topic.threadId)).toEqual([]);
    expect(fake.topics.find((t) => t.threadId === topic.threadId)?.deleted).toBe(true);
    // In General only the tombstone names the ticket (the digest went too).
    expect(
      fake
        .liveMessages(GROUP)
        .filter((m) => m.visible.includes(ticket.number))
        .map((m) => m.messageId),
    ).toEqual([tombstone.messageId]);
    await until(
      async () => (await prisma.deskTopic.count({ where: { ticketId: ticket.id } })) === 0,
      "the topic row to go",
    );
    expect(await prisma.deskPost.count({ where: { ticketId: ticket.id } })).toBe(0);
    // Finished now (here, or by the maintenance job's own try a moment earlier).
    await finishErasure(privacyDeps(), requestId, new Date());
    expect(
      (await prisma.deletionRequest.findUniqueOrThrow({ where: { id: requestId } })).status,
    ).toBe("SELESAI");
  });

  it("deletes posts in batches of at most 100, one by one when Telegram refuses a batch", {
    timeout: 90_000,
  }, async () => {
    const citizen = randomPerson();
    const { ticket, topic, contactId } = await ticketOf(citizen);
    // 130 more posts in the topic, made straight through the bot's API: recorded all the same.
    const api = app.telegram.bot.api;
    for (let i = 0; i < 130; i++) {
      await api.sendMessage(GROUP, `Catatan ${i} untuk ${citizen.name}`, {
        message_thread_id: topic.threadId,
      });
    }
    expect(
      await runtime.db.prisma.deskPost.count({ where: { ticketId: ticket.id } }),
    ).toBeGreaterThan(130);
    fake.fail(
      "deleteMessages",
      1,
      400,
      "Bad Request: message can't be deleted",
      (p) => String(p.chat_id) === GROUP,
    );
    const singlesBefore = fake.callsOf("deleteMessage").length;
    const batchesBefore = fake.callsOf("deleteMessages").length;
    await approveErasure(contactId);
    await publishPending();
    await waitForGroupText(undefined, `Topik tiket ${ticket.number} dihapus`);
    const batches = fake.callsOf("deleteMessages").slice(batchesBefore);
    const sizes = batches.map((c) => (c.params.message_ids as number[]).length);
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
    // The refused batch went one by one.
    expect(fake.callsOf("deleteMessage").length - singlesBefore).toBe(sizes[0]);
    expect(leftInGroup(citizen)).toEqual([]);
  });

  it("erasure deletes a chat topic of the person too, with its own tombstone", async () => {
    const prisma = runtime.db.prisma;
    const citizen = randomPerson();
    const { ticket, contactId } = await ticketOf(citizen);
    await prisma.ticket.update({
      where: { id: ticket.id },
      data: { status: "DITUTUP", closedAt: new Date() },
    });
    await services
      .queueFor(QUEUE.handoffs)
      .add("handoff", { contactId, context: "pesan pengguna" });
    const chatTopic = await fake.waitFor(
      () => fake.topics.find((t) => t.chatId === GROUP && t.name.includes(contactId.slice(-6))),
      20_000,
      "the chat topic",
    );
    await relayText(contactId, null, `Ini ${citizen.name} lagi`);
    await waitForGroupText(chatTopic.threadId, citizen.name);
    await approveErasure(contactId);
    await publishPending();
    await waitForGroupText(undefined, `Topik obrolan …${contactId.slice(-6)} dihapus`);
    expect(fake.topics.find((t) => t.threadId === chatTopic.threadId)?.deleted).toBe(true);
    expect(leftInGroup(citizen)).toEqual([]);
  });

  it("erasure deletes the complaint alert in General that quotes the person", async () => {
    const prisma = runtime.db.prisma;
    const citizen = randomPerson();
    const { ticket, contactId } = await ticketOf(citizen);
    await prisma.$transaction((tx) =>
      fileComplaint(
        tx,
        { id: contactId, channel: "TELEGRAM" },
        {
          text: `Saya ${citizen.name} (${citizen.phone}) belum dilayani.`,
          language: "id",
          dueAt: new Date().toISOString(),
          at: new Date(),
        },
      ),
    );
    const alerts = services.queueFor(QUEUE.agentAlerts);
    const worker = agentAlertsWorker({
      prisma,
      notifier: createTelegramAgentNotifier({ api: app.telegram.bot.api, agentChatId: GROUP }),
    })({ connection: runtime.workerRedis, prefix: alerts.opts.prefix ?? "", logger });
    try {
      // Filing queued the analyst's alert (outbox); it quotes the complaint.
      await publishPending();
      const alert = await waitForGroupText(undefined, citizen.name);
      await until(
        async () => (await prisma.deskPost.count({ where: { contactId, kind: "ALERT" } })) === 1,
        "the alert to be recorded",
      );
      await approveErasure(contactId);
      await publishPending();
      await fake.waitFor(
        () => !fake.liveMessages(GROUP).some((m) => m.messageId === alert.messageId),
        20_000,
        "the alert to be deleted",
      );
      await waitForGroupText(undefined, `Topik tiket ${ticket.number} dihapus`);
      expect(leftInGroup(citizen)).toEqual([]);
      await until(
        async () => (await prisma.deskPost.count({ where: { contactId } })) === 0,
        "the alert's row to go",
      );
    } finally {
      await worker.close();
    }
  });

  it("retention deletes a closed ticket's topic once its messages are past RETENTION_MESSAGE_DAYS", async () => {
    const prisma = runtime.db.prisma;
    const citizen = randomPerson();
    const { ticket, topic, contactId } = await ticketOf(citizen);
    await relayText(contactId, ticket.number, `Saya ${citizen.name}`);
    await waitForGroupText(topic.threadId, citizen.name);
    const closedAt = new Date();
    await prisma.ticket.update({ where: { id: ticket.id }, data: { status: "DITUTUP", closedAt } });
    const policy = { attachmentDays: 90, personalDataDays: 365, messageDays: 30, orphanHours: 48 };
    // A day short of the schedule: kept.
    await applyRetention({ prisma, cipher: services.cipher }, policy, plus({ days: 29 }, closedAt));
    expect(
      (await prisma.deskTopic.findUniqueOrThrow({ where: { ticketId: ticket.id } }))
        .purgeRequestedAt,
    ).toBeNull();
    const report = await applyRetention(
      { prisma, cipher: services.cipher },
      policy,
      plus({ days: 31 }, closedAt),
    );
    expect(report.purged.agentsGroup).toBeGreaterThanOrEqual(1);
    await publishPending();
    await waitForGroupText(
      undefined,
      `Topik tiket ${ticket.number} dihapus karena masa simpan berakhir`,
    );
    expect(leftInGroup(citizen)).toEqual([]);
    expect(fake.topics.find((t) => t.threadId === topic.threadId)?.deleted).toBe(true);
  });
  it("the daily retention queues again a topic deletion whose job gave up", async () => {
    const prisma = runtime.db.prisma;
    const citizen = randomPerson();
    const { ticket } = await ticketOf(citizen);
    const now = new Date();
    // As an erasure leaves it when Telegram stayed unreachable through every retry of its job.
    await prisma.deskTopic.update({
      where: { ticketId: ticket.id },
      data: { purgeRequestedAt: plus({ hours: -7 }, now), purgeReason: "ERASURE" },
    });
    const policy = { attachmentDays: 90, personalDataDays: 365, messageDays: 30, orphanHours: 48 };
    await applyRetention({ prisma, cipher: services.cipher }, policy, now);
    await publishPending();
    await waitForGroupText(undefined, `Topik tiket ${ticket.number} dihapus atas permintaan`);
    expect(leftInGroup(citizen)).toEqual([]);
  });
});
