// A ticket filed in the console for an applicant who chose e-mail: the
// notices reach them through the usual send log and outbound queue, sent by
// the e-mail channel (nodemailer) to a real SMTP server in this process
// (`smtp-server`), on real PostgreSQL and Redis.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, describe, expect, it } from "vitest";
import { createEmailChannel, EMAIL_SUBJECT } from "../../bot/email/email.channel.ts";
import { outboundSendWorker } from "../../bot/outbound-send.worker.ts";
import { forgetChannelAddresses } from "../../core/app/purge-sealed.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createRedis } from "../../core/infra/redis.ts";
import { redisAcceptedSends } from "../../core/infra/stores/accepted-sends.store.ts";
import { contactExternalId, contactIdHash } from "../../core/infra/stores/contact.store.ts";
import { testCipher } from "../support/app.ts";
import { TEST_REDIS_URL } from "../support/env.ts";
import { uniqueNik } from "../support/nik.ts";
import { AGENT_PASSWORD, browser, webConsoleFixture } from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const received: { to: string[]; raw: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      received.push({
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString("utf8"),
      });
      callback();
    });
  },
});
smtp.listen(0, "127.0.0.1");
await once(smtp.server, "listening");
const SMTP = {
  url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
  from: "Helpdesk LPSE Kabupaten Landak <helpdesk@lpse-landak.invalid>",
};
const f = webConsoleFixture("web-console-walk-in-mail", logger, { smtp: SMTP });
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

const ADDRESS = `pemohon.${Date.now()}@example.com`;

describe("an applicant notified by e-mail", () => {
  it("gets the ticket number by e-mail from the outbound sender, once", async () => {
    const b = browser(f.web.app);
    expect((await b.signIn("helpdesk", AGENT_PASSWORD)).statusCode).toBe(303);
    const fd = new FormData();
    fd.append("_csrf", await b.csrf("/konsol/tiket/baru"));
    const fields = {
      sumber: "EMAIL",
      nama: "Yohanes Ding",
      peran: "PPK",
      organisasi: "Dinas Pekerjaan Umum Kabupaten Landak",
      nik: uniqueNik(),
      telepon: "081345678901",
      email: ADDRESS,
      kategori: "LUPA_PASSWORD",
      uraian: "Akun PPK terkunci setelah beberapa kali salah memasukkan kata sandi.",
      persetujuan: "setuju",
      pemberitahuan: "EMAIL",
    };
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    const res = await b.postMultipart("/konsol/tiket/baru", fd);
    expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
    const number = res.headers.location?.split("/").pop() ?? "";
    const ticket = await f.db.prisma.ticket.findUniqueOrThrow({
      where: { number },
      include: { contact: true },
    });
    // The e-mail contact: its address sealed and keyed like any channel id.
    expect(ticket.contact.channel).toBe("EMAIL");
    expect(ticket.contact.externalIdHash).toBe(contactIdHash(testCipher, "EMAIL", ADDRESS));
    expect(contactExternalId(testCipher, ticket.contact)).toBe(ADDRESS);
    expect(Buffer.from(ticket.contact.externalIdEnc).toString("latin1")).not.toContain(ADDRESS);

    expect(await f.web.workflow.routeTicket(ticket.id)).toBe("routed");
    const row = await f.db.prisma.outboundMessage.findFirstOrThrow({
      where: { contactId: ticket.contactId },
    });
    const connection = createRedis(TEST_REDIS_URL, "worker");
    const worker = outboundSendWorker({
      prisma: f.db.prisma,
      cipher: testCipher,
      channel: createEmailChannel(SMTP),
      accepted: redisAcceptedSends({ redis: connection, prefix: f.prefix }),
    })({ connection, prefix: f.prefix, logger });
    try {
      await expect
        .poll(
          async () =>
            (await f.db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).status,
          { timeout: 15_000, interval: 100 },
        )
        .toBe("SENT");
      // A redelivered job for the same row sends nothing again.
      const queue = f.web.queueFor("outbound-email");
      const again = await queue.add("outbound.send", { outboundMessageId: row.id });
      await expect
        .poll(async () => (await queue.getJob(again.id ?? ""))?.finishedOn, { timeout: 15_000 })
        .toBeDefined();
    } finally {
      await worker.close();
      await connection.quit();
    }
    const mails = received.filter((m) => m.to.includes(ADDRESS));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.raw).toContain(`Subject: ${EMAIL_SUBJECT}`);
    expect(mails[0]?.raw).toContain(number);
    expect(mails[0]?.raw).toContain(`Message-ID: <${row.id}@helpdesk.lpse-landak>`);

    // Erasure forgets the address as it forgets any channel's.
    await f.db.prisma.$transaction((tx) =>
      forgetChannelAddresses({ tx, cipher: testCipher }, [ticket.contactId]),
    );
    const erased = await f.db.prisma.contact.findUniqueOrThrow({ where: { id: ticket.contactId } });
    expect(contactExternalId(testCipher, erased)).toBe("");
    expect(erased.externalIdHash).not.toBe(contactIdHash(testCipher, "EMAIL", ADDRESS));
  });
});
