// The agent desk on the whole app (real PostgreSQL, Redis, workers, outbound
// senders) with the Telegram channel against the local fake Bot API: the
// agents group is a forum supergroup where each ticket gets a topic.
import { randomInt } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgentDesk } from "../../bot/agent-desk/start-desk.ts";
import type { OutboundSenders } from "../../bot/outbound.ts";
import { startBot } from "../../bot/start-bot.ts";
import {
  createTelegramChannel,
  type TelegramChannel,
} from "../../bot/telegram/telegram.channel.ts";
import { runTicketMessage } from "../../bot/web/ticket-messages.ts";
import {
  createWhatsappChannel,
  type WhatsappChannel,
} from "../../bot/whatsapp/whatsapp.channel.ts";
import { startWhatsapp, whatsappLockKey } from "../../bot/whatsapp/whatsapp.start.ts";
import { updateDeskTemplate } from "../../core/app/desk-templates.ts";
import { ensureRequestForm } from "../../core/app/request-form.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import type { TicketDraft } from "../../core/domain/conversation/index.ts";
import { DEFAULT_BUSINESS_CALENDAR } from "../../core/domain/sla/business-calendar.schema.ts";
import { isWorkingTime } from "../../core/domain/sla/business-calendar.ts";
import type { AgentRole } from "../../core/infra/db.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import type { Services } from "../../core/infra/services.ts";
import { resolveContact } from "../../core/infra/stores/contact.store.ts";
import { loadConversation } from "../../core/infra/stores/conversation.store.ts";
import { sealMediaCaption, storeMedia } from "../../core/infra/stores/media.store.ts";
import { addOutbox, publishOutbox } from "../../core/infra/stores/outbox.store.ts";
import { createTicket } from "../../core/infra/stores/ticket.store.ts";
import {
  FAKE_BOT_ID,
  type FakeBotApi,
  type FakeUser,
  htmlToPlain,
  type SentMessage,
  startFakeBotApi,
} from "../fakes/bot-api-server.ts";
import { type FakeMediaHost, startFakeMediaHost } from "../fakes/whatsapp-media-host.ts";
import {
  createFakeWhatsapp,
  type FakeWhatsappSocket,
  imageMessage,
  textMessage,
} from "../fakes/whatsapp-socket.ts";
import { jpegFile, pdfFile, pngFile } from "../fixtures/files.ts";
import { capturingLogger, testAppConfig, ticketDraft } from "../support/app.ts";
import { requestFormIn } from "../support/desk-app.ts";
import { uniqueNik } from "../support/nik.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

// One person's NIK for this file's card test; other tickets each get their own.
const NIK = uniqueNik();
const GROUP = `-100${randomInt(1e9, 2e9)}`;
/** The group's pacing in this test: quick, but measurable. */
const GROUP_INTERVAL_MS = 120;
const prefix = uniquePrefix("desk");
const { lines: logLines, logger } = capturingLogger();
const lifecycle = createLifecycle(logger, 5000);
let dir: string;
let runtime: Runtime;
let services: Services;
let fake: FakeBotApi;
let telegram: TelegramChannel;
let whatsapp: WhatsappChannel;
let senders: OutboundSenders;
let sock: FakeWhatsappSocket;
let mediaHost: FakeMediaHost;
const wa = createFakeWhatsapp();

const person = (firstName: string): FakeUser => ({ id: randomInt(1e9, 2e9), firstName });
const budi = person("Budi");
const vina = person("Vina");
const sari = person("Sari");
const stranger = person("Tamu");

const plain = (m: SentMessage) => htmlToPlain(m.text);
const sentTo = (user: FakeUser) => fake.sent.filter((m) => m.chatId === String(user.id));
const inGroup = (threadId?: number) =>
  fake.sent.filter((m) => m.chatId === GROUP && m.threadId === threadId);

async function addAgent(user: FakeUser, role: AgentRole) {
  await runtime.db.prisma.agent.create({
    data: { telegramUserId: BigInt(user.id), name: user.firstName ?? "Petugas", role },
  });
}

/**
 * Waits until the user's conversation knows the ticket's status. It learns it
 * from its own job, which may come a moment after the notification: a person
 * reads before answering, a test does not.
 */
async function conversationKnows(contactId: string, status: string) {
  await expect
    .poll(
      async () =>
        (await loadConversation(runtime.db.prisma, services.cipher, contactId)).state?.openTicket
          ?.status,
      { timeout: 15_000 },
    )
    .toBe(status);
}

/** A Telegram (or WhatsApp) user with a filed, routed ticket; returns its ids and topic. */
async function userWithTicket(
  draft: Partial<TicketDraft> = {},
  channel: ({ name: "TELEGRAM" } | { name: "WHATSAPP"; jid: string }) & {
    withForm?: boolean;
    /** Files a screenshot with this caption too. */
    screenshotCaption?: string;
  } = {
    name: "TELEGRAM",
  },
) {
  const user = person("Warga");
  const prisma = runtime.db.prisma;
  const contact = await resolveContact(prisma, services.cipher, channel.name, {
    externalId: channel.name === "WHATSAPP" ? channel.jid : String(user.id),
  });
  const ktp = await storeMedia(prisma, services.cipher, {
    contactId: contact.id,
    bytes: jpegFile(),
    maxBytes: 10_000_000,
  });
  if (!ktp.ok) throw new Error("KTP not stored");
  const attachments: TicketDraft["attachments"] = [{ mediaId: ktp.mediaId, kind: "KTP" }];
  if (channel.screenshotCaption !== undefined) {
    const shot = await storeMedia(prisma, services.cipher, {
      contactId: contact.id,
      bytes: pngFile(),
      maxBytes: 10_000_000,
    });
    if (!shot.ok) throw new Error("screenshot not stored");
    await prisma.$transaction((tx) =>
      sealMediaCaption(
        tx,
        services.cipher,
        contact.id,
        shot.mediaId,
        channel.screenshotCaption ?? "",
      ),
    );
    attachments.push({ mediaId: shot.mediaId, kind: "SCREENSHOT" });
  }
  const at = new Date();
  const created = await prisma.$transaction((tx) =>
    createTicket(tx, services.cipher, contact, ticketDraft(at, { attachments, ...draft }), at),
  );
  const ticket = await prisma.ticket.findUniqueOrThrow({ where: { number: created.number } });
  // The request form made before routing: the topic's opening posts it. Without
  // it, the workers render it after routing and the desk posts it a moment later.
  if (channel.withForm) {
    await ensureRequestForm(
      {
        prisma,
        cipher: services.cipher,
        queueFor: services.queueFor,
        logger,
        documents: services.documents,
      },
      ticket.id,
    );
  }
  await services.workflow.routeTicket(ticket.id);
  const topic = await fake.waitFor(
    () => fake.topics.find((t) => t.name.startsWith(ticket.number)),
    15_000,
    "the ticket's topic",
  );
  // The card comes once the desk has recorded the topic; the request form after it.
  await waitForGroupText(topic.threadId, "Permasalahan");
  await requestFormIn(fake, topic.threadId);
  // The user's own copy of the form goes out beside the topic's, and may come
  // after it: wait for it too, so that a test counting the user's documents
  // from here on does not take the form for what it waits for.
  if (channel.name === "TELEGRAM") {
    await fake.waitFor(
      () =>
        fake.documents.find(
          (d) => d.chatId === String(user.id) && d.fileName.includes(ticket.number),
        ),
      30_000,
      "the user's request form",
    );
  }
  return { user, ticket, topic, contactId: contact.id };
}

async function statusOf(ticketId: string) {
  return (await runtime.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).status;
}

async function waitForStatus(ticketId: string, status: string) {
  const deadline = Date.now() + 15_000;
  while ((await statusOf(ticketId)) !== status) {
    if (Date.now() > deadline) throw new Error(`ticket never reached ${status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const waitForUserText = (user: FakeUser, part: string) =>
  fake.waitFor(
    () => sentTo(user).find((m) => plain(m).includes(part)),
    15_000,
    `"${part}" to the user`,
  );

const waitForGroupText = (threadId: number | undefined, part: string) =>
  fake.waitFor(
    () => inGroup(threadId).find((m) => plain(m).includes(part)),
    15_000,
    `"${part}" in the group`,
  );

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lpse-desk-"));
  fake = await startFakeBotApi();
  mediaHost = await startFakeMediaHost();
  const config = testAppConfig(prefix, dir, {
    TELEGRAM_AGENT_CHAT_ID: GROUP,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
  });
  ({ runtime, services, senders } = await startBot({
    config,
    logger,
    lifecycle,
    allInOne: true,
    http: false,
    channelStates: () => ({ telegram: telegram.state() }),
    channels: (s, rt) => {
      whatsapp = createWhatsappChannel({
        prisma: rt.db.prisma,
        cipher: s.cipher,
        redis: rt.redis,
        lockKey: whatsappLockKey(config.queuePrefix, "desk"),
        inbound: s.inbound,
        logger,
        sessionId: "desk",
        maxDownloadBytes: config.helpdesk.mediaMaxBytes,
        mediaBaseUrl: mediaHost.baseUrl,
        chatIntervalMs: 0,
        globalRatePerSecond: 50,
        makeSocket: wa.makeSocket,
        timing: { chatJitterMs: 0, backoffBaseMs: 50, backoffCapMs: 200 },
      });
      telegram = createTelegramChannel({
        token: fake.token,
        apiRoot: fake.apiRoot,
        inbound: s.inbound,
        logger,
        maxDownloadBytes: config.helpdesk.mediaMaxBytes,
        pollTimeoutSeconds: 1,
        retryIntervalMs: 200,
        chatIntervalMs: 0,
        chatIntervals: { [GROUP]: GROUP_INTERVAL_MS },
      });
      return [telegram.channel, whatsapp.channel];
    },
  }));
  startWhatsapp({ whatsapp, runtime, senders, lifecycle });
  sock = await wa.nextSocket();
  sock.open();
  await startAgentDesk({
    config,
    logger,
    lifecycle,
    runtime,
    services,
    telegram,
    chatId: GROUP,
  });
  await telegram.start();
  await addAgent(budi, "HELPDESK");
  await addAgent(vina, "VERIFIKATOR");
  await addAgent(sari, "SUPERVISOR");
}, 60_000);

afterAll(async () => {
  await telegram?.stop();
  if (process.env.DESK_TEST_LOG) await writeFile(process.env.DESK_TEST_LOG, logLines.join(""));
  await lifecycle.shutdown("test done");
  await fake?.close();
  await mediaHost?.close();
  await deleteKeys(prefix);
  await rm(dir, { recursive: true, force: true });
});

describe("agent desk in a Telegram forum group", () => {
  it("opens a topic per ticket with its card (NIK masked) and a digest line in General", async () => {
    const { ticket, topic } = await userWithTicket(
      { nik: NIK },
      { name: "TELEGRAM", withForm: true },
    );
    expect(topic.name).toBe(`${ticket.number} · Lupa password / reset akun · Baru`);
    const card = await waitForGroupText(topic.threadId, ticket.number);
    const text = plain(card);
    expect(text).toContain("Siti Aminah");
    expect(text).toContain("6171********0001");
    expect(text).not.toContain(NIK);
    expect(text).toContain("+62812*****890");
    expect(text).toContain("Prioritas");
    const buttons = (card.replyMarkup as { inline_keyboard: { text: string }[][] }).inline_keyboard
      .flat()
      .map((b) => b.text);
    expect(buttons).toEqual(expect.arrayContaining(["🙋 Ambil", "✅ Selesai", "🔒 Lihat KTP"]));
    await waitForGroupText(undefined, `Tiket baru ${ticket.number}`);
    // The request form follows the card, protected; the KTP only on request.
    const stored = await runtime.db.prisma.deskTopic.findUniqueOrThrow({
      where: { ticketId: ticket.id },
    });
    expect(stored.threadId).toBe(topic.threadId);
    const posted = await fake.waitFor(
      () => {
        const calls = fake
          .callsOf("sendDocument")
          .filter((c) => Number(c.params.message_thread_id) === topic.threadId);
        return calls.length > 0 ? calls : undefined;
      },
      15_000,
      "the request form in the topic",
    );
    expect(posted).toHaveLength(1);
    expect(String(posted[0]?.params.protect_content)).toBe("true");
    expect(posted[0]?.params.caption).toBe("Formulir permohonan");
  });

  it("relays an agent's reply to the user, signed; notes stay internal", async () => {
    const { user, ticket, topic } = await userWithTicket();
    fake.groupText(budi, GROUP, topic.threadId, "// cek dulu riwayat akun di SPSE");
    fake.groupText(budi, GROUP, topic.threadId, "/catatan pengguna sudah dua kali reset");
    fake.groupText(budi, GROUP, topic.threadId, "Selamat siang Ibu Siti, kami periksa akunnya.");
    const reply = await waitForUserText(user, "kami periksa akunnya");
    expect(plain(reply)).toContain("— Petugas Helpdesk LPSE Landak");
    const texts = sentTo(user).map(plain).join("\n");
    expect(texts).not.toContain("riwayat akun");
    expect(texts).not.toContain("dua kali reset");
    const notes = await runtime.db.prisma.auditLog.findMany({
      where: { ticketId: ticket.id, action: "note.add" },
    });
    expect(notes).toHaveLength(2);
    const sends = await runtime.db.prisma.auditLog.findMany({
      where: { ticketId: ticket.id, action: "reply.send" },
    });
    expect(sends).toHaveLength(1);
  });

  it("sends an agent's reply once when Telegram delivers its update again", async () => {
    const { user, ticket, topic } = await userWithTicket();
    const updateId = fake.groupText(budi, GROUP, topic.threadId, "Akun Bapak sudah kami buka.");
    await waitForUserText(user, "sudah kami buka");
    // The same update again, as a replay of the polling inbox after a crash
    // or a webhook redelivery would bring it.
    const again = fake.injected.find((u) => u.update_id === updateId);
    if (!again) throw new Error("the update was not recorded");
    await telegram.bot.handleUpdate(again);
    await new Promise((r) => setTimeout(r, 1500));
    expect(sentTo(user).filter((m) => plain(m).includes("sudah kami buka"))).toHaveLength(1);
    const sends = await runtime.db.prisma.auditLog.count({
      where: { ticketId: ticket.id, action: "reply.send" },
    });
    expect(sends).toBe(1);
  });

  it("sends a document an agent posts in the topic to the user, stored with the ticket", async () => {
    const { user, ticket, topic } = await userWithTicket();
    fake.groupDocument(budi, GROUP, topic.threadId, {
      bytes: pdfFile(),
      mime: "application/pdf",
      fileName: "panduan-reset.pdf",
      caption: "Ini panduan reset password.",
    });
    // The request form (sent by the routing worker) may reach the user too.
    const fromAgent = () =>
      fake.documents.filter(
        (d) => d.chatId === String(user.id) && !d.fileName.startsWith("Formulir-Permohonan-"),
      );
    const sent = await fake.waitFor(() => fromAgent()[0], 15_000, "the document to the user");
    expect(sent.fileName).toBe("panduan-reset.pdf");
    expect(sent.caption).toContain("Ini panduan reset password.");
    expect(sent.caption).toContain("— Petugas Helpdesk LPSE Landak");
    expect(sent.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const stored = await runtime.db.prisma.attachment.count({
      where: { ticketId: ticket.id, mime: "application/pdf", kind: "OTHER" },
    });
    expect(stored).toBe(1);
    // A file we do not take is refused in the topic, not sent.
    fake.groupDocument(budi, GROUP, topic.threadId, {
      bytes: Buffer.from("MZ not a document"),
      mime: "application/pdf",
      fileName: "virus.pdf",
    });
    await waitForGroupText(topic.threadId, "Berkas tidak dapat diteruskan");
    expect(fromAgent()).toHaveLength(1);
  });

  it("takes each action through the lifecycle, notifies the user and renames the topic", async () => {
    const { user, ticket, topic } = await userWithTicket();
    const act = (text: string) => fake.groupText(budi, GROUP, topic.threadId, text);

    act("/ambil");
    await waitForStatus(ticket.id, "DITERIMA");
    expect(
      (await runtime.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).assigneeId,
    ).not.toBeNull();
    await waitForUserText(user, "Diterima");
    await conversationKnows(ticket.contactId, "DITERIMA");
    // While the ticket is open, what the user writes shows up in its topic.
    fake.text(user, "Baik, terima kasih. Ini akun saya yang lama.");
    await waitForGroupText(topic.threadId, "akun saya yang lama");
    await fake.waitFor(() => topic.name.endsWith("· Diterima"), 15_000, "the topic renamed");

    act("/minta foto akta pendirian halaman 1-3");
    await waitForStatus(ticket.id, "MENUNGGU_PENGGUNA");
    await waitForUserText(user, "foto akta pendirian halaman 1-3");
    act("/lanjut dokumen sudah diterima");
    await waitForStatus(ticket.id, "DITERIMA");
    act("/teruskan VERIFIKATOR akta perlu diverifikasi");
    await waitForStatus(ticket.id, "DITERUSKAN");
    // From here the verification team works the ticket.
    const team = (text: string) => fake.groupText(vina, GROUP, topic.threadId, text);
    team("/proses");
    await waitForStatus(ticket.id, "DIPROSES");
    act("/eskalasi 2026-000777 server SPSE galat");
    await waitForStatus(ticket.id, "ESKALASI_LKPP");
    await waitForUserText(user, "2026-000777");
    act("/lanjut LKPP sudah memperbaiki");
    await waitForStatus(ticket.id, "DIPROSES");
    team("/selesai password sudah direset, silakan cek e-mail");
    await waitForStatus(ticket.id, "SELESAI");
    await waitForUserText(user, "password sudah direset");
    act("/buka pengguna masih belum bisa masuk");
    await waitForStatus(ticket.id, "DIPROSES");
    team("/selesai akun sudah aktif kembali");
    await waitForStatus(ticket.id, "SELESAI");
    act("/tutup");
    await waitForStatus(ticket.id, "DITUTUP");
    await fake.waitFor(() => topic.name.endsWith("· Ditutup"), 15_000, "the topic renamed");
    await waitForGroupText(topic.threadId, "Status: Selesai → Ditutup");

    // A step the lifecycle refuses is explained in the topic and changes nothing.
    act("/proses");
    await waitForGroupText(topic.threadId, "tidak");
    expect(await statusOf(ticket.id)).toBe("DITUTUP");

    const actions = (
      await runtime.db.prisma.auditLog.findMany({
        where: { ticketId: ticket.id, actorType: "AGENT" },
        select: { action: true },
      })
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["ticket.claim", "ticket.accept", "ticket.resolve", "ticket.close"]),
    );
  });

  it("rejects with a reason the user reads", async () => {
    const { user, ticket, topic } = await userWithTicket();
    fake.groupText(budi, GROUP, topic.threadId, "/tolak permohonan ganda dengan tiket lain");
    await waitForStatus(ticket.id, "DITOLAK");
    await waitForUserText(user, "permohonan ganda dengan tiket lain");
  });

  it("refuses members who are not registered agents, politely", async () => {
    const { user, ticket, topic } = await userWithTicket();
    const before = sentTo(user).length;
    const updates = [
      fake.groupText(stranger, GROUP, topic.threadId, "/ambil"),
      fake.groupText(stranger, GROUP, topic.threadId, "Halo, saya bantu ya"),
    ];
    await expect
      .poll(
        () =>
          runtime.db.prisma.processedMessage.count({
            where: { messageId: { in: updates.map((id) => `desk:${FAKE_BOT_ID}:${id}`) } },
          }),
        { timeout: 15_000 },
      )
      .toBe(updates.length);
    // Told once, not on every message: the group's budget is for live conversations.
    expect(
      inGroup(topic.threadId).filter((m) => plain(m).includes("belum terdaftar")),
    ).toHaveLength(1);
    expect(await statusOf(ticket.id)).toBe("BARU");
    expect(sentTo(user).slice(before).map(plain).join("\n")).not.toContain("saya bantu");
    // Registering agents is the supervisor's: a helpdesk agent is refused too.
    fake.groupText(budi, GROUP, undefined, `/agen tambah ${stranger.id} HELPDESK Tamu`);
    await waitForGroupText(undefined, "tidak berwenang untuk mengelola petugas");
    fake.groupText(sari, GROUP, undefined, `/agen tambah ${stranger.id} HELPDESK Tamu Baru`);
    await waitForGroupText(undefined, "Tamu Baru terdaftar sebagai petugas HELPDESK");
    fake.groupText(stranger, GROUP, topic.threadId, "/ambil");
    await waitForStatus(ticket.id, "DITERIMA");
  });

  it("recreates a deleted topic and posts the card again", async () => {
    const { ticket, topic } = await userWithTicket();
    fake.deleteTopic(GROUP, topic.threadId);
    const agent = await runtime.db.prisma.agent.findFirstOrThrow({
      where: { telegramUserId: BigInt(budi.id) },
    });
    const changed = await services.workflow.changeStatus({
      ticketId: ticket.id,
      command: { type: "ACCEPT" },
      actor: { type: "AGENT", agentId: agent.id, role: agent.role },
    });
    expect(changed.ok).toBe(true);
    const fresh = await fake.waitFor(
      () => fake.topics.find((t) => t.name.startsWith(ticket.number) && !t.deleted),
      15_000,
      "a new topic",
    );
    expect(fresh.threadId).not.toBe(topic.threadId);
    await waitForGroupText(fresh.threadId, "dibuat ulang");
    const card = await waitForGroupText(fresh.threadId, "6171********0001");
    expect(plain(card)).toContain(ticket.number);
    const row = await runtime.db.prisma.deskTopic.findUniqueOrThrow({
      where: { ticketId: ticket.id },
    });
    expect(row.threadId).toBe(fresh.threadId);
  });

  it("shows the KTP only on request, protected, and writes the view to the audit log", async () => {
    const { ticket, topic } = await userWithTicket();
    // Only the ticket's assignee (or a supervisor) may open it (desk-privacy.test.ts).
    fake.groupText(budi, GROUP, topic.threadId, "/ambil");
    await expect
      .poll(
        async () =>
          (await runtime.db.prisma.ticket.findUnique({ where: { id: ticket.id } }))?.assigneeId,
        {
          timeout: 15_000,
        },
      )
      .not.toBeNull();
    const earlier = fake.callsOf("sendDocument").length;
    fake.groupText(budi, GROUP, topic.threadId, "/ktp");
    const sent = await fake.waitFor(
      () =>
        fake
          .callsOf("sendDocument")
          .slice(earlier)
          .find((c) => Number(c.params.message_thread_id) === topic.threadId),
      15_000,
      "the KTP in the topic",
    );
    expect(String(sent.params.protect_content)).toBe("true");
    const views = await runtime.db.prisma.auditLog.findMany({
      where: { ticketId: ticket.id, action: "ktp.view" },
    });
    expect(views).toHaveLength(1);
    // The trail is the supervisor's to read.
    fake.groupText(sari, GROUP, undefined, `/audit ${ticket.number}`);
    const trail = await waitForGroupText(undefined, `Jejak audit tiket ${ticket.number}`);
    expect(plain(trail)).toContain("Budi · ktp.view");
  });

  it("sends a canned answer picked from /templat", async () => {
    const { user, topic } = await userWithTicket();
    const row = await runtime.db.prisma.deskTopic.findFirstOrThrow({
      where: { threadId: topic.threadId },
    });
    fake.groupText(budi, GROUP, topic.threadId, "/templat");
    const list = await waitForGroupText(topic.threadId, "Pilih jawaban templat");
    const buttons = (
      list.replyMarkup as { inline_keyboard: { callback_data: string }[][] }
    ).inline_keyboard.flat();
    expect(buttons.length).toBeGreaterThanOrEqual(5);
    fake.groupCallback(budi, GROUP, topic.threadId, `d:ts:${row.id}:cache-browser`);
    const answer = await waitForUserText(user, "bersihkan cache");
    expect(plain(answer)).toContain("— Petugas Helpdesk LPSE Landak");
  });

  it("reads /templat from the table each time: an edit in the console applies without a restart", async () => {
    const { topic } = await userWithTicket();
    const sariRow = await runtime.db.prisma.agent.findFirstOrThrow({
      where: { telegramUserId: BigInt(sari.id) },
    });
    const edited = await updateDeskTemplate(
      runtime.db.prisma,
      { type: "AGENT", agentId: sariRow.id },
      {
        id: "aktivasi",
        title: "Aktivasi akun penyedia (baru)",
        text: "Bapak/Ibu, silakan datang.",
      },
      "console",
    );
    expect(edited.ok).toBe(true);
    fake.groupText(budi, GROUP, topic.threadId, "/templat");
    const list = await waitForGroupText(topic.threadId, "Pilih jawaban templat");
    const titles = (
      list.replyMarkup as { inline_keyboard: { text: string }[][] }
    ).inline_keyboard.flat();
    expect(titles.map((b) => b.text)).toContain("Aktivasi akun penyedia (baru)");
  });

  it("posts a console reply and a console note in the ticket's topic, oleh the agent; only the reply reaches the user", async () => {
    const { user, ticket, topic } = await userWithTicket();
    const agent = await runtime.db.prisma.agent.findFirstOrThrow({
      where: { telegramUserId: BigInt(vina.id) },
    });
    const deps = {
      prisma: runtime.db.prisma,
      cipher: services.cipher,
      queueFor: services.queueFor,
      logger,
      signature: "agent" as const,
    };
    const who = { id: agent.id, name: agent.name, role: agent.role, sessionId: "" };
    const row = { id: ticket.id, status: ticket.status, contactId: ticket.contactId };
    const replied = await runTicketMessage(deps, who, row, "balas", {
      pesan: "Bapak/Ibu, berkas sudah kami terima dari konsol.",
    });
    expect(replied.ok).toBe(true);
    await waitForUserText(user, "berkas sudah kami terima dari konsol");
    const posted = await waitForGroupText(topic.threadId, "dari konsol web oleh Vina");
    expect(plain(posted)).toContain("berkas sudah kami terima dari konsol");
    const noted = await runTicketMessage(deps, who, row, "catatan", {
      pesan: "Catatan rahasia dari konsol.",
    });
    expect(noted.ok).toBe(true);
    const note = await waitForGroupText(topic.threadId, "Catatan rahasia dari konsol.");
    expect(plain(note)).toContain("Catatan internal dari konsol web oleh Vina");
    expect(sentTo(user).some((m) => plain(m).includes("Catatan rahasia"))).toBe(false);
  });

  it("opens a chat topic for a user without a ticket who asks for a human, both ways", async () => {
    const user = person("Warga");
    fake.text(user, "/start");
    await fake.waitFor(() => sentTo(user).length > 0, 15_000, "the welcome");
    fake.text(user, "/petugas");
    const topic = await fake.waitFor(
      () =>
        fake.topics.find(
          (t) =>
            t.name.startsWith("Obrolan") &&
            t.names.length === 1 &&
            !t.deleted &&
            inGroup(t.threadId).some((m) => plain(m).includes("meminta bicara")),
        ),
      15_000,
      "a chat topic",
    );
    const row = await runtime.db.prisma.deskTopic.findFirstOrThrow({
      where: { threadId: topic.threadId },
    });
    expect(row.kind).toBe("CHAT");
    expect(row.open).toBe(true);
    // What the user writes now reaches the topic, and the bot stays quiet.
    const quietFrom = sentTo(user).length;
    // The receipt says "outside service hours" when the message is handled:
    // read the hours on both sides of it, not later at the assertion.
    const outsideBefore = !isWorkingTime(new Date(), DEFAULT_BUSINESS_CALENDAR);
    fake.text(user, "Saya tidak bisa unggah penawaran, batas waktu jam 14.00");
    await waitForGroupText(topic.threadId, "batas waktu jam 14.00");
    const outsideAfter = !isWorkingTime(new Date(), DEFAULT_BUSINESS_CALENDAR);
    fake.groupText(budi, GROUP, topic.threadId, "Baik Bapak, kirimkan tangkapan layarnya.");
    await waitForUserText(user, "kirimkan tangkapan layarnya");
    // The bot's receipt for the first message (saying when someone answers), then
    // only the agent's words.
    const since = sentTo(user).slice(quietFrom).map(plain);
    expect(since).toHaveLength(2);
    const receipt = since.find((text) => text.includes("sudah kami teruskan kepada petugas"));
    expect(receipt).toBeDefined();
    expect(since.some((text) => text.includes("kirimkan tangkapan layarnya"))).toBe(true);
    const notice = /di luar jam layanan.*mulai \S+, \d{1,2} \S+ \d{4} pukul \d\d\.\d\d WIB/su;
    // Only a message on the very minute the office opened or closed may go either way.
    const outside = outsideBefore === outsideAfter ? outsideBefore : notice.test(receipt ?? "");
    if (outside) expect(receipt).toMatch(notice);
    else expect(receipt).not.toMatch(notice);
    // Ending the handoff hands the chat back to the bot.
    fake.groupText(budi, GROUP, topic.threadId, "/selesai");
    await waitForGroupText(topic.threadId, "Obrolan diakhiri oleh Budi");
    await fake.waitFor(
      () => sentTo(user).length > quietFrom + 2,
      15_000,
      "the bot's word after the handoff",
    );
    const closed = await runtime.db.prisma.deskTopic.findUniqueOrThrow({ where: { id: row.id } });
    expect(closed.open).toBe(false);
    const state = await runtime.db.prisma.auditLog.findMany({
      where: { contactId: row.contactId, action: "handoff.end" },
    });
    expect(state).toHaveLength(1);
  });

  it("previews a disruption letter, issues it on confirmation and sends it to the user", async () => {
    const { user, ticket, topic } = await userWithTicket();
    // What was sent before the letter (the request form, here and to the user).
    const earlier = fake.documents.length;
    fake.groupText(budi, GROUP, topic.threadId, "/surat 10012345 | 28/11/2026 09.00");
    await waitForGroupText(topic.threadId, "Mohon lengkapi data surat");
    fake.groupText(
      budi,
      GROUP,
      topic.threadId,
      "/surat 10012345 | 28/11/2026 09.00 | 28/11/2026 13.30 | seluruh peserta tender paket 10012345",
    );
    const ask = await waitForGroupText(topic.threadId, "Terbitkan?");
    const preview = fake.documents.slice(earlier).find((d) => d.threadId === topic.threadId);
    expect(preview?.caption).toBe("Pratinjau surat");
    // The preview takes no number.
    expect(await runtime.db.prisma.disruptionLetter.count({ where: { ticketId: ticket.id } })).toBe(
      0,
    );
    const confirm = (
      ask.replyMarkup as { inline_keyboard: { callback_data: string }[][] }
    ).inline_keyboard.flat()[0]?.callback_data;
    expect(confirm).toMatch(/^d:lok:/u);
    fake.groupCallback(budi, GROUP, topic.threadId, confirm ?? "");
    const letter = await fake.waitFor(
      () => fake.documents.slice(earlier).find((d) => d.chatId === String(user.id)),
      15_000,
      "the letter to the user",
    );
    expect(letter.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const issued = await runtime.db.prisma.disruptionLetter.findFirstOrThrow({
      where: { ticketId: ticket.id },
    });
    expect(issued.tenderCode).toBe("10012345");
    await fake.waitFor(
      () =>
        fake.documents.some(
          (d) => d.threadId === topic.threadId && (d.caption ?? "").includes(issued.number),
        ),
      15_000,
      "the issued letter in the topic",
    );
    // Pressing again does not issue a second letter.
    fake.groupCallback(budi, GROUP, topic.threadId, confirm ?? "");
    await waitForGroupText(topic.threadId, "sudah tidak berlaku");
    expect(await runtime.db.prisma.disruptionLetter.count({ where: { ticketId: ticket.id } })).toBe(
      1,
    );
  });

  it("posts the monthly report as PDF and CSV on /laporan, audited", async () => {
    const before = fake.documents.length;
    fake.groupText(sari, GROUP, undefined, "/laporan 2026-13");
    await waitForGroupText(undefined, "Bulan tidak dikenali");
    // A name an object has by inheritance is an unknown command, not a built-in.
    fake.groupText(sari, GROUP, undefined, "/constructor");
    await waitForGroupText(undefined, "Perintah /constructor tidak dikenal");
    fake.groupText(sari, GROUP, undefined, "/laporan 2026-11");
    const files = await fake.waitFor(
      () => {
        const sent = fake.documents.slice(before).filter((d) => d.chatId === GROUP);
        return sent.length >= 2 ? sent : undefined;
      },
      30_000,
      "the report files",
    );
    expect(files.map((f) => f.fileName).sort()).toEqual([
      "laporan-bulanan-2026-11.csv",
      "laporan-bulanan-2026-11.pdf",
    ]);
    const exports = await runtime.db.prisma.auditLog.count({ where: { action: "report.export" } });
    expect(exports).toBeGreaterThanOrEqual(1);
  });

  it("asks a supervisor to approve a deletion request, then purges and tells the user", async () => {
    const { user, ticket, contactId } = await userWithTicket();
    const prisma = runtime.db.prisma;
    const request = await prisma.$transaction(async (tx) => {
      const row = await tx.deletionRequest.create({ data: { contactId } });
      return {
        row,
        outbox: await addOutbox(tx, QUEUE.desk, "deletion.requested", {
          type: "deletion-requested",
          requestId: row.id,
        }),
      };
    });
    await publishOutbox(prisma, services.queueFor, { ids: [request.outbox] });
    const post = await waitForGroupText(undefined, "Permintaan hapus data pribadi");
    const [approve] = (
      post.replyMarkup as { inline_keyboard: { callback_data: string }[][] }
    ).inline_keyboard.flat();
    expect(approve?.callback_data).toBe(`d:delok:${request.row.id}`);
    // A helpdesk agent may not decide it.
    fake.groupCallback(budi, GROUP, undefined, approve?.callback_data ?? "");
    await waitForGroupText(undefined, "tidak berwenang untuk memutuskan penghapusan data");
    expect(
      (await prisma.deletionRequest.findUniqueOrThrow({ where: { id: request.row.id } })).status,
    ).toBe("MENUNGGU");
    fake.groupCallback(sari, GROUP, undefined, approve?.callback_data ?? "");
    await waitForGroupText(undefined, "Penghapusan data disetujui oleh Sari");
    const after = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.nikEnc).toBeNull();
    expect(after.anonymisedAt).not.toBeNull();
    await waitForUserText(user, "Data pribadi Bapak/Ibu telah dihapus");
    fake.groupCallback(sari, GROUP, undefined, approve?.callback_data ?? "");
    await waitForGroupText(undefined, "sudah diputuskan sebelumnya");
  });

  it("relays between a WhatsApp user and the ticket's topic", async () => {
    const jid = `62812${randomInt(1e7, 9e7)}@s.whatsapp.net`;
    // We only ever answer people who wrote first.
    sock.receive(textMessage({ from: jid, text: "halo" }));
    await wa.waitFor(() => sock.sentTo(jid).length > 0, 15_000, "the welcome on WhatsApp");
    const { ticket, topic } = await userWithTicket({}, { name: "WHATSAPP", jid });
    expect(ticket.channel).toBe("WHATSAPP");
    fake.groupText(
      budi,
      GROUP,
      topic.threadId,
      "Selamat pagi Bapak, akun sudah kami buka kembali.",
    );
    const agentReply = () =>
      sock.sentTo(jid).find((m) => m.text.includes("akun sudah kami buka kembali"));
    await wa.waitFor(() => agentReply() !== undefined, 15_000, "the agent's reply on WhatsApp");
    expect(agentReply()?.text).toContain("— Petugas Helpdesk LPSE Landak");
    // The WhatsApp user's answer goes back into the topic once the ticket is open to them.
    fake.groupText(budi, GROUP, topic.threadId, "/ambil");
    await waitForStatus(ticket.id, "DITERIMA");
    await wa.waitFor(
      () => sock.sentTo(jid).some((m) => m.text.includes("Diterima")),
      15_000,
      "the status on WhatsApp",
    );
    await conversationKnows(ticket.contactId, "DITERIMA");
    sock.receive(textMessage({ from: jid, text: "Terima kasih, sudah bisa masuk sekarang." }));
    await waitForGroupText(topic.threadId, "sudah bisa masuk sekarang");
  });

  it("paces a burst of 100 relays into the group and loses none", async () => {
    const { ticket, topic, contactId } = await userWithTicket();
    await waitForGroupText(topic.threadId, ticket.number);
    const prisma = runtime.db.prisma;
    const ids = await prisma.$transaction(async (tx) => {
      const outbox: string[] = [];
      for (let i = 1; i <= 100; i++) {
        const id = uuidv7();
        const relay = await tx.deskRelay.create({
          data: {
            id,
            contactId,
            ticketId: ticket.id,
            bodyEnc: services.cipher.seal(
              `pesan nomor ${i} dari pengguna`,
              bound("desk_relays.body_enc", id),
            ),
          },
        });
        outbox.push(await addOutbox(tx, QUEUE.desk, "relay", { type: "relay", relayId: relay.id }));
      }
      return outbox;
    });
    const from = fake.sent.length;
    const since = Date.now();
    await publishOutbox(prisma, services.queueFor, { ids });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const pending = await prisma.deskRelay.count({ where: { contactId, postedAt: null } });
      if (pending === 0) break;
      if (Date.now() > deadline) throw new Error(`${pending} relays never posted`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const posted = fake.sent.slice(from).filter((m) => m.threadId === topic.threadId);
    const all = posted.map(plain).join("\n");
    for (let i = 1; i <= 100; i++) expect(all).toContain(`pesan nomor ${i} dari pengguna`);
    // Batched: far fewer messages than relays, each within the group's pace.
    expect(posted.length).toBeLessThanOrEqual(10);
    // Paced: the group's sends of this burst are spread at the group's rate
    // (a send may arrive a little early or late, never bunched up).
    const times = fake
      .callsOf("sendMessage")
      .filter((c) => String(c.params.chat_id) === GROUP && c.at >= since)
      .map((c) => c.at);
    for (let i = 1; i < times.length; i++) {
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(GROUP_INTERVAL_MS / 2);
    }
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(
      (times.length - 1) * GROUP_INTERVAL_MS * 0.8,
    );
  });
});

describe("captions: what users write on their photos and files", () => {
  const CAPTION = "Gagal upload penawaran, batas jam 14.00";

  /** The contact's chat topic, once the desk opened it for a handoff. */
  async function chatTopicOf(contactId: string) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const row = await runtime.db.prisma.deskTopic.findFirst({
        where: { contactId, kind: "CHAT", open: true },
      });
      if (row) return row;
      if (Date.now() > deadline) throw new Error("no chat topic");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const documentIn = (threadId: number, part: string) =>
    fake.waitFor(
      () => fake.documents.find((d) => d.threadId === threadId && d.caption?.includes(part)),
      15_000,
      `a document captioned "${part}" in the topic`,
    );

  /** The caption sealed on the contact's one relayed file, after checking it is not in the clear. */
  async function relayedCaption(contactId: string) {
    const file = await runtime.db.prisma.attachment.findFirstOrThrow({
      where: { contactId, kind: "RELAY" },
    });
    const sealed = Buffer.from(file.captionEnc ?? []);
    expect(sealed.includes(Buffer.from("penawaran"))).toBe(false);
    return services.cipher.openText(sealed, bound("attachments.caption_enc", file.id));
  }

  it("a Telegram photo with a caption reaches the agent's topic with its caption", async () => {
    const user = person("Warga");
    fake.text(user, "/start");
    await fake.waitFor(() => sentTo(user).length > 0, 15_000, "the welcome");
    fake.text(user, "/petugas");
    const contact = await resolveContact(runtime.db.prisma, services.cipher, "TELEGRAM", {
      externalId: String(user.id),
    });
    const topic = await chatTopicOf(contact.id);
    fake.photo(user, jpegFile(6000), CAPTION);

    const posted = await documentIn(topic.threadId, CAPTION);
    expect(posted.caption).toBe(`👤 Pengguna mengirim foto.\n✍️ Keterangan pengguna: ${CAPTION}`);
    expect(posted.bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(await relayedCaption(contact.id)).toBe(CAPTION);
    // The file went to the agent: not read as a typed message; no log line holds the caption.
    expect(sentTo(user).map(plain).join("\n")).not.toContain("tidak kami simpan");
    expect(logLines.join("")).not.toContain("penawaran");
  });

  it("a WhatsApp image with a caption reaches the agent's topic with its caption", async () => {
    const jid = `62812${randomInt(1e7, 9e7)}@s.whatsapp.net`;
    sock.receive(textMessage({ from: jid, text: "halo" }));
    await wa.waitFor(() => sock.sentTo(jid).length > 0, 15_000, "the welcome on WhatsApp");
    sock.receive(textMessage({ from: jid, text: "petugas" }));
    const contact = await resolveContact(runtime.db.prisma, services.cipher, "WHATSAPP", {
      externalId: jid,
    });
    const topic = await chatTopicOf(contact.id);
    const bytes = jpegFile(6000);
    const id = `CAPTION${randomInt(1e6, 9e6)}`;
    const media = await mediaHost.upload(bytes, "image");
    sock.receive(imageMessage({ from: jid, id, caption: CAPTION, size: bytes.length, media }));

    const posted = await documentIn(topic.threadId, CAPTION);
    expect(posted.caption).toContain(`✍️ Keterangan pengguna: ${CAPTION}`);
    expect(await relayedCaption(contact.id)).toBe(CAPTION);
  });

  it("a new ticket's screenshot is posted in its topic with the caption the user wrote", async () => {
    const { topic } = await userWithTicket({}, { name: "TELEGRAM", screenshotCaption: CAPTION });
    const posted = await documentIn(topic.threadId, CAPTION);
    expect(posted.caption).toBe(`Tangkapan layar 1\n✍️ Keterangan pengguna: ${CAPTION}`);
    expect(posted.fileName).toBe("tangkapan-layar-1.png");
  });

  it("a caption too long for Telegram's 1024 follows the file as a message", async () => {
    const long = `${"Langkah yang sudah dicoba: ".repeat(45)}selesai.`;
    const { topic } = await userWithTicket({}, { name: "TELEGRAM", screenshotCaption: long });
    const posted = await documentIn(topic.threadId, "Tangkapan layar 1");
    expect(posted.caption).toBe("Tangkapan layar 1");
    const note = await waitForGroupText(topic.threadId, "selesai.");
    expect(plain(note)).toBe(`✍️ Keterangan pengguna:\n${long}`);
  });
});
