// A citizen whose personal data is everywhere the bot can put it: two
// contacts (Telegram, and WhatsApp under their phone number) linked by one
// NIK, a ticket with a KTP, captions, a complaint, relays, agents' notes and reasons, a
// survey comment, a supervisor's block reason and a refused erasure's reason,
// a Telegram update never handled, WhatsApp's LID mapping, signal keys and a
// sent message kept for retries, a failed send in BullMQ and the dead-letter
// table. Through the pipeline where it is practical, as the stores write it
// elsewhere. Every identifier is random: other test files share the database.
import { randomInt, randomUUID } from "node:crypto";
import { proto } from "@whiskeysockets/baileys";
import { UnrecoverableError } from "bullmq";
import { v7 as uuidv7 } from "uuid";
import { outboundSendWorker } from "../../bot/outbound-send.worker.ts";
import { writeKeys } from "../../bot/whatsapp/whatsapp.auth-rows.ts";
import { saveLidMapping, saveSentMessage } from "../../bot/whatsapp/whatsapp.store.ts";
import { recordRelay } from "../../core/app/desk-relay.ts";
import { decideDeletion, setBlocked } from "../../core/app/privacy.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import type { Actor } from "../../core/domain/ticket/ticket.actor.ts";
import { addDeskNote } from "../../core/infra/stores/desk-notes.store.ts";
import { sealMediaCaption } from "../../core/infra/stores/media.store.ts";
import { queueUserMessage } from "../../core/infra/stores/outbound.store.ts";
import { createTelegramInbox } from "../../core/infra/stores/telegram-inbox.store.ts";
import { createTicket } from "../../core/infra/stores/ticket.store.ts";
import { jpegFile } from "../fixtures/files.ts";
import { testCipher } from "../support/app.ts";
import { jobOutcome } from "../support/jobs.ts";
import type { Person } from "../support/leak-search.ts";
import { uniqueNik } from "../support/nik.ts";
import type { Harness } from "./privacy.support.ts";

export const AGENT_ID = "0190a000-0000-7000-8000-0000000000ab";
const helpdesk: Actor = { type: "AGENT", agentId: AGENT_ID, role: "HELPDESK" };
const SESSION = "helpdesk";

const letters = () =>
  Array.from({ length: 7 }, () => String.fromCharCode(97 + randomInt(0, 26))).join("");

/** A person nobody else in the database is. */
export function randomPerson(): Person {
  const surname = letters();
  return {
    name: `Rahmawati ${surname[0]?.toUpperCase()}${surname.slice(1)}`,
    nik: uniqueNik("6171", String(randomInt(1000, 10_000))),
    phone: `+62812${randomInt(10_000_000, 100_000_000)}`,
    email: `${letters()}.${letters()}@kapuasraya.co.id`,
  };
}

/** "0812-3456-7890": how people type it. */
const typed = (phone: string) => {
  const national = `0${phone.slice(3)}`;
  return `${national.slice(0, 4)}-${national.slice(4, 8)}-${national.slice(8)}`;
};
/** "6171 0501 2290 1234": how the KTP prints it. */
const spaced = (nik: string) => nik.replace(/(\d{4})(?=\d)/g, "$1 ");

async function contactOf(h: Harness, channel: "TELEGRAM" | "WHATSAPP", externalId: string) {
  return h.db.prisma.contact.findUniqueOrThrow({
    where: {
      channel_externalIdHash: {
        channel,
        externalIdHash: testCipher.hash("channel-external-id", `${channel}:${externalId}`),
      },
    },
  });
}

export async function seedCitizen(h: Harness, person: Person, at = new Date()) {
  const prisma = h.db.prisma;
  const say = (channel: "TELEGRAM" | "WHATSAPP", externalId: string, text: string) =>
    h.inbound.handle({
      channel,
      messageId: randomUUID(),
      sender: {
        externalId,
        displayName: person.name,
        ...(channel === "WHATSAPP" ? { phone: person.phone } : {}),
      },
      at: new Date().toISOString(),
      content: { type: "text", text },
    });

  // Telegram: a greeting, a complaint in the user's words, a ticket with a KTP.
  const chat = `${randomInt(100_000_000, 999_999_999)}`;
  await say("TELEGRAM", chat, "halo");
  await say("TELEGRAM", chat, "menu");
  await say("TELEGRAM", chat, "4");
  await say(
    "TELEGRAM",
    chat,
    `Saya ${person.name}, NIK ${spaced(person.nik)}, HP ${typed(person.phone)}: petugas tidak membalas.`,
  );
  const telegram = await contactOf(h, "TELEGRAM", chat);
  const ktp = await h.inbound.storeMedia({
    channel: "TELEGRAM",
    sender: { externalId: chat },
    bytes: jpegFile(3000),
  });
  if (!ktp.ok) throw new Error(`KTP not stored: ${ktp.reason}`);
  await sealMediaCaption(prisma, testCipher, telegram.id, ktp.mediaId, `KTP ${person.nik}`);
  const draft = {
    category: "LUPA_PASSWORD",
    name: person.name,
    nik: person.nik,
    role: "PENYEDIA" as const,
    organisation: `CV ${person.name}`,
    email: person.email,
    phone: person.phone,
    description: `Saya ${person.name} lupa password, hubungi ${typed(person.phone)}.`,
    actingForOther: false,
    consentAt: at.toISOString(),
    language: "id" as const,
  };
  const ticket = await prisma.$transaction((tx) =>
    createTicket(
      tx,
      testCipher,
      telegram,
      { ...draft, attachments: [{ mediaId: ktp.mediaId, kind: "KTP" }] },
      at,
    ),
  );
  // A screenshot of a draft never filed, with what they wrote on it.
  const shot = await h.inbound.storeMedia({
    channel: "TELEGRAM",
    sender: { externalId: chat },
    bytes: jpegFile(2000),
  });
  if (!shot.ok) throw new Error("screenshot not stored");
  await sealMediaCaption(prisma, testCipher, telegram.id, shot.mediaId, `email ${person.email}`);

  // Agents work the ticket, with reasons in their words.
  await h.workflow.routeTicket(ticket.ticketId);
  for (const command of [
    { type: "ACCEPT" },
    {
      type: "REQUEST_USER_INFO",
      reason: `Ibu ${person.name}, mohon kirim ulang KTP ke ${person.email}`,
    },
  ] as const) {
    const done = await h.workflow.changeStatus({
      ticketId: ticket.ticketId,
      command,
      actor: helpdesk,
    });
    if (!done.ok) throw new Error(`${command.type}: ${done.error.code}`);
  }
  await prisma.$transaction((tx) =>
    recordRelay(tx, testCipher, telegram, {
      content: { kind: "text", text: `Nomor saya ${typed(person.phone)}` },
      ticketNumber: ticket.number,
    }),
  );
  // An agent's internal note on the ticket naming them, and one on their chat.
  await addDeskNote(prisma, testCipher, {
    ticketId: ticket.ticketId,
    contactId: telegram.id,
    agentId: AGENT_ID,
    text: `${person.name} menelepon, NIK ${person.nik}`,
  });
  await addDeskNote(prisma, testCipher, {
    ticketId: null,
    contactId: telegram.id,
    agentId: AGENT_ID,
    text: `obrolan dengan ${person.name}`,
  });
  await prisma.surveyResponse.create({
    data: {
      ticketId: ticket.ticketId,
      status: "SELESAI",
      answers: [4, 4, 4, 4, 4, 4, 4, 4, 4],
      comment: `Terima kasih, salam dari ${person.name}`,
      completedAt: at,
    },
  });
  await prisma.disruptionLetter.create({
    data: {
      number: `SKG-${uuidv7()}`,
      series: "SKG-TEST",
      year: 2000 + randomInt(100, 900),
      sequence: randomInt(1, 1_000_000),
      ticketId: ticket.ticketId,
      tenderCode: "10012345000",
      disruptionStart: at,
      disruptionEnd: at,
      affectedParties: `CV milik ${person.name}`,
      signerName: "Kepala LPSE",
      signerPosition: "Kepala LPSE",
      signerNip: "-",
    },
  });
  // A supervisor blocks and unblocks them, with reasons.
  await setBlocked(h.db, {
    contactId: telegram.id,
    agentId: AGENT_ID,
    blocked: true,
    reason: `spam dari ${typed(person.phone)}`,
  });
  await setBlocked(h.db, {
    contactId: telegram.id,
    agentId: AGENT_ID,
    blocked: false,
    reason: `keliru, ${person.name} bukan spam`,
  });
  // A Telegram update fetched but never handled (a crash, or it failed).
  await createTelegramInbox(prisma, testCipher).save(randomInt(1, 1_000_000), [
    {
      update_id: randomInt(1, 1_000_000_000),
      message: {
        message_id: 7,
        chat: { id: Number(chat), type: "private" },
        text: `NIK ${person.nik}`,
      },
    } as { update_id: number },
  ]);

  // WhatsApp: the same person, by phone number, with a ticket on the same NIK.
  const pnUser = person.phone.slice(1);
  const jid = `${pnUser}@s.whatsapp.net`;
  const lidUser = `${randomInt(100_000_000, 999_999_999)}${randomInt(100_000, 999_999)}`;
  await say("WHATSAPP", jid, "halo");
  const whatsapp = await contactOf(h, "WHATSAPP", jid);
  const second = await prisma.$transaction((tx) =>
    createTicket(tx, testCipher, whatsapp, { ...draft, attachments: [] }, at),
  );
  const store = { prisma, cipher: testCipher, sessionId: SESSION };
  await saveLidMapping(store, `${lidUser}@lid`, jid);
  // As Baileys 7 keeps them: lid-mapping both ways, a signal session named by the number.
  await writeKeys(store, [
    { category: "lid-mapping", keyId: pnUser, json: JSON.stringify(lidUser) },
    { category: "lid-mapping", keyId: `${lidUser}_reverse`, json: JSON.stringify(pnUser) },
    { category: "session", keyId: `${pnUser}.0`, json: JSON.stringify({ registrationId: 7 }) },
    { category: "device-list", keyId: pnUser, json: JSON.stringify(["0"]) },
  ]);
  // What the channel did with the send-log: one message sent (kept for WhatsApp's
  // retries under its message id), one that failed with the recipient in the error.
  const sent = await prisma.outboundMessage.findFirst({
    where: { contactId: whatsapp.id },
    orderBy: { createdAt: "asc" },
  });
  if (!sent) throw new Error("no reply to the WhatsApp greeting");
  const failing = await prisma.$transaction((tx) =>
    queueUserMessage(tx, testCipher, whatsapp, {
      kind: "text",
      text: `Ibu ${person.name}, tiket ${second.number} kami terima.`,
    }),
  );
  const waId = `3EB0${randomUUID().replaceAll("-", "").slice(0, 16).toUpperCase()}`;
  await prisma.outboundMessage.update({
    where: { id: sent.id },
    data: { status: "SENT", providerId: waId, sentAt: new Date() },
  });
  await saveSentMessage(
    store,
    waId,
    proto.Message.fromObject({ conversation: `Halo ${person.name}` }),
  );
  await failSend(h, failing.messageId, jid);

  // A first erasure request, refused with a reason naming them.
  await say("TELEGRAM", chat, "hapus data saya");
  await say("TELEGRAM", chat, "ya");
  const refused = await prisma.deletionRequest.findFirstOrThrow({
    where: { contactId: telegram.id, status: "MENUNGGU" },
  });
  await decideDeletion(privacyDeps(h), {
    requestId: refused.id,
    agentId: AGENT_ID,
    approve: false,
    reason: `${person.name} masih punya tiket terbuka`,
  });
  return {
    telegramContactId: telegram.id,
    whatsappContactId: whatsapp.id,
    ticketIds: [ticket.ticketId, second.ticketId],
    chat,
  };
}

/** The real send worker on a channel that refuses the message, naming the recipient. */
async function failSend(h: Harness, outboundMessageId: string, jid: string) {
  const queue = h.queueFor(QUEUE.outboundWhatsapp);
  const worker = outboundSendWorker({
    prisma: h.db.prisma,
    cipher: testCipher,
    channel: {
      channel: "WHATSAPP",
      async send() {
        throw new UnrecoverableError(`WhatsApp send failed: ${jid} is not on WhatsApp`);
      },
    },
    accepted: { get: async () => null, record: async () => true, forget: async () => {} },
  })({ connection: h.redis, prefix: h.prefix, logger: h.logger });
  try {
    const job = await queue.add("outbound.send", { outboundMessageId }, { jobId: uuidv7() });
    await jobOutcome(queue, job, 15_000).catch(() => {});
  } finally {
    await worker.close();
  }
  // What core/infra/jobs/dead-letters.ts would copy (with the job's error as BullMQ got it).
  const failed = await queue.getJob(outboundMessageId).catch(() => null);
  await h.db.prisma.deadLetter.create({
    data: {
      queue: QUEUE.outboundWhatsapp,
      jobId: failed?.id ?? uuidv7(),
      name: "outbound.send",
      data: { outboundMessageId },
      error: `WhatsApp send failed: ${jid} is not on WhatsApp`,
      attempts: 1,
    },
  });
}

export const privacyDeps = (h: Harness) => ({
  prisma: h.db.prisma,
  cipher: testCipher,
  queueFor: h.queueFor,
  logger: h.logger,
});
