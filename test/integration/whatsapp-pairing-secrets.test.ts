// The QR and the pairing code link a device to the helpdesk number: whoever
// reads them in time owns the office's WhatsApp. Logs are shipped, kept and
// read by many, so neither may ever reach them; the admin page and a terminal
// a person watches show them. Fake socket, real database and Redis.
import { randomUUID } from "node:crypto";
import { PassThrough } from "node:stream";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createWhatsappChannel,
  type WhatsappChannel,
  type WhatsappChannelOptions,
} from "../../bot/whatsapp/whatsapp.channel.ts";
import { terminalPairingDisplay } from "../../bot/whatsapp/whatsapp.console.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createFakeWhatsapp } from "../fakes/whatsapp-socket.ts";
import { testCipher } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("wa-pair");
const ADMIN_TOKEN = "admin-token-for-the-whatsapp-pairing-tests";
// Every level, Baileys' own child logger included.
const lines: string[] = [];
const logger = createLogger({ level: "trace" }, { write: (l: string) => lines.push(l) });
let db: Database;
let redis: Redis;
const channels: WhatsappChannel[] = [];

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  await Promise.all(channels.map((c) => c.stop()));
  await deleteKeys(prefix);
  redis.disconnect();
  await db.close();
});

/** A terminal (isTTY) or a pipe such as `docker logs`, recording what reached it. */
function screen(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = "";
  stream.on("data", (d) => {
    text += d;
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

function start(extra: Partial<WhatsappChannelOptions>) {
  const wa = createFakeWhatsapp();
  const sessionId = `pair-${randomUUID().slice(0, 8)}`;
  const channel = createWhatsappChannel({
    prisma: db.prisma,
    cipher: testCipher,
    redis,
    lockKey: `${prefix}:${sessionId}:lock`,
    inbound: {
      handle: async () => ({ type: "duplicate" }),
      storeMedia: async () => ({ ok: false, reason: "EMPTY", size: 0, maxBytes: 0 }),
    },
    logger,
    sessionId,
    maxDownloadBytes: 1_000_000,
    chatIntervalMs: 0,
    globalRatePerSecond: 50,
    makeSocket: wa.makeSocket,
    adminToken: ADMIN_TOKEN,
    timing: { lockTtlMs: 9000, lockRetryMs: 50, chatJitterMs: 0 },
    ...extra,
  });
  channels.push(channel);
  channel.start();
  return { wa, channel };
}

/** What this test process writes to its own stderr meanwhile (a pipe here, as under docker). */
async function stderrDuring(run: () => Promise<void>): Promise<string> {
  let text = "";
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    text += String(chunk);
    return write(chunk, ...rest);
  }) as typeof process.stderr.write;
  try {
    await run();
    // The QR is rendered asynchronously before it is printed.
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    process.stderr.write = write;
  }
  return text;
}

describe("WhatsApp linking secrets", () => {
  it("never logs the QR nor prints it to a pipe; the admin view has it", async () => {
    expect(process.stderr.isTTY).toBeFalsy();
    const { wa, channel } = start({});
    const sock = await wa.nextSocket();
    const before = lines.length;
    const qr = `2@${randomUUID()},noise-key,identity-key,adv-secret`;
    const printed = await stderrDuring(async () => {
      sock.qr(qr);
      await wa.waitFor(() => channel.pairingView().qr === qr, 5000, "the QR");
    });
    expect(channel.state().phase).toBe("pairing");
    const logged = lines.slice(before).join("");
    expect(logged).toContain('"phase":"pairing"');
    for (const out of [logged, printed]) {
      expect(out).not.toContain(qr.slice(2, 38));
      expect(out).not.toContain("adv-secret");
      expect(out).not.toContain("pindai QR");
    }
  });

  it("never logs the pairing code nor prints it to a pipe; the admin view has it", async () => {
    const { wa, channel } = start({ pairingNumber: "62811579941" });
    const sock = await wa.nextSocket();
    sock.pairingCode = "QX7K9M2P";
    const before = lines.length;
    const printed = await stderrDuring(async () => {
      sock.qr("2@first");
      await wa.waitFor(() => channel.pairingView().pairingCode !== undefined, 5000, "the code");
    });
    expect(channel.pairingView().pairingCode).toBe("QX7K9M2P");
    const logged = lines.slice(before).join("");
    expect(logged).toContain("/admin/whatsapp");
    for (const out of [logged, printed]) {
      expect(out).not.toContain("QX7K9M2P");
      expect(out).not.toMatch(/QX7K.?9M2P/);
    }
  });

  it("shows the QR and the pairing code on a terminal someone watches", async () => {
    const forQr = screen(true);
    const display = terminalPairingDisplay(forQr.stream);
    const byQr = start({ printQr: display.qr, printPairingCode: display.pairingCode });
    (await byQr.wa.nextSocket()).qr("2@shown-on-the-terminal");
    await byQr.wa.waitFor(() => forQr.text().includes("pindai QR ini"), 5000, "the QR");

    const forCode = screen(true);
    const codeDisplay = terminalPairingDisplay(forCode.stream);
    const byCode = start({
      pairingNumber: "62811579941",
      printQr: codeDisplay.qr,
      printPairingCode: codeDisplay.pairingCode,
    });
    const sock = await byCode.wa.nextSocket();
    sock.pairingCode = "ZT4R8W1N";
    sock.qr("2@first");
    await byCode.wa.waitFor(() => forCode.text().includes("ZT4R8W1N"), 5000, "the code");
    expect(forCode.text()).toContain("Tautkan dengan nomor telepon saja");
  });

  it("prints nothing to a pipe", async () => {
    const pipe = screen(false);
    const display = terminalPairingDisplay(pipe.stream);
    await display.qr("2@not-for-a-pipe");
    display.pairingCode("NOTSHOWN");
    expect(pipe.text()).toBe("");
  });
});
