// The whole app (real PostgreSQL, Redis, workers and outbound senders) with
// the WhatsApp channel on a fake socket: users write through the fake, the
// real pipeline answers, the replies leave through the fake's sendMessage.
import { randomInt } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { WAMessage } from "@whiskeysockets/baileys";
import type { OutboundSenders } from "../../bot/outbound.ts";
import { startBot } from "../../bot/start-bot.ts";
import {
  createWhatsappChannel,
  type WhatsappChannel,
  type WhatsappChannelOptions,
} from "../../bot/whatsapp/whatsapp.channel.ts";
import { startWhatsapp, whatsappLockKey } from "../../bot/whatsapp/whatsapp.start.ts";
import type { InboundMessage } from "../../core/contracts/messages.ts";
import type { ChannelState } from "../../core/infra/health-server.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import type { Services } from "../../core/infra/services.ts";
import { startFakeMediaHost } from "../fakes/whatsapp-media-host.ts";
import {
  createFakeWhatsapp,
  type FakeSent,
  type FakeWhatsappSocket,
  textMessage,
} from "../fakes/whatsapp-socket.ts";
import { capturingLogger, testAppConfig } from "./app.ts";
import { deleteKeys, uniquePrefix } from "./redis.ts";

/** A phone number of its own per test. */
export const newPhoneJid = () => `62812${randomInt(1e7, 9e7)}@s.whatsapp.net`;
export const newLid = () => `${randomInt(1e9, 9e9)}${randomInt(1e5, 9e5)}@lid`;
export const textOf = (sent: FakeSent[]) => sent.map((m) => m.text).join("\n");

export async function startWhatsappApp(name: string, extra: Partial<WhatsappChannelOptions> = {}) {
  const prefix = uniquePrefix(name);
  const { lines, logger } = capturingLogger();
  const lifecycle = createLifecycle(logger, 5000);
  const wa = createFakeWhatsapp();
  // WhatsApp's media host: phones upload files there encrypted, the channel downloads them.
  const mediaHost = await startFakeMediaHost();
  const dir = await mkdtemp(path.join(tmpdir(), `lpse-${name}-`));
  const config = testAppConfig(prefix, dir);
  const handled: InboundMessage[] = [];
  let whatsapp: WhatsappChannel | undefined;
  let services: Services | undefined;
  const started = await startBot({
    config,
    logger,
    lifecycle,
    allInOne: true,
    http: false,
    channelStates: (): Record<string, ChannelState> =>
      whatsapp ? { whatsapp: whatsapp.state() } : {},
    channels: (s, rt) => {
      services = s;
      whatsapp = createWhatsappChannel({
        prisma: rt.db.prisma,
        cipher: s.cipher,
        redis: rt.redis,
        lockKey: whatsappLockKey(config.queuePrefix, name),
        inbound: {
          handle: (message) => {
            handled.push(message as InboundMessage);
            return s.inbound.handle(message);
          },
          admitMedia: (input) => s.inbound.admitMedia(input),
          storeMedia: (input) => s.inbound.storeMedia(input),
          amend: (message, prepare, fallback) => s.inbound.amend(message, prepare, fallback),
        },
        logger,
        sessionId: name,
        maxDownloadBytes: config.helpdesk.mediaMaxBytes,
        mediaBaseUrl: mediaHost.baseUrl,
        // exchange() waits 300 ms for more replies: no pacing here.
        chatIntervalMs: 0,
        globalRatePerSecond: 50,
        makeSocket: wa.makeSocket,
        timing: { chatJitterMs: 0, backoffBaseMs: 50, backoffCapMs: 200 },
        ...extra,
      });
      return [whatsapp.channel];
    },
  });
  const channel = whatsapp as unknown as WhatsappChannel;
  const runtime: Runtime = started.runtime;
  const senders: OutboundSenders = started.senders;
  startWhatsapp({ whatsapp: channel, runtime, senders, lifecycle });
  let sock: FakeWhatsappSocket = await wa.nextSocket();
  sock.open();

  /** Waits until the bot has said everything it will say to `jid` (a quiet spell). */
  async function repliesAfter(jid: string, before: number): Promise<FakeSent[]> {
    await wa.waitFor(() => sock.sentTo(jid).length > before, 15_000, "a reply");
    let seen = sock.sentTo(jid).length;
    for (;;) {
      await new Promise((r) => setTimeout(r, 300));
      const now = sock.sentTo(jid).length;
      if (now === seen) break;
      seen = now;
    }
    return sock.sentTo(jid).slice(before);
  }

  return {
    wa,
    mediaHost,
    channel,
    runtime,
    senders,
    services: services as unknown as Services,
    handled,
    logLines: lines,
    get sock() {
      return sock;
    },
    /** The socket closes (`code`), the channel makes a new one; opened unless told not to. */
    async reconnect(code = 428, open = true): Promise<FakeWhatsappSocket> {
      sock.close(code);
      sock = await wa.nextSocket();
      if (open) sock.open();
      return sock;
    },
    repliesAfter,
    /** Delivers one message (or an upsert of several) and returns what the bot sent back to `jid`. */
    async exchange(jid: string, message: WAMessage | (() => void)): Promise<FakeSent[]> {
      const before = sock.sentTo(jid).length;
      if (typeof message === "function") message();
      else sock.receive(message);
      return repliesAfter(jid, before);
    },
    async say(jid: string, text: string, from = jid): Promise<string> {
      const before = sock.sentTo(jid).length;
      sock.receive(textMessage({ from, text }));
      return textOf(await repliesAfter(jid, before));
    },
    async stop(): Promise<void> {
      if (process.env.WHATSAPP_TEST_LOG) process.stdout.write(lines.join(""));
      await lifecycle.shutdown("test done");
      await mediaHost.close();
      await deleteKeys(prefix);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type WhatsappApp = Awaited<ReturnType<typeof startWhatsappApp>>;
