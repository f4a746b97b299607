// The WhatsApp channel on the helpdesk number, through Baileys (WhatsApp Web's
// protocol as a linked device). One process holds the socket (a Redis lock);
// it pairs by QR or pairing code, keeps its auth state in Postgres, feeds
// `messages.upsert` into the inbound pipeline and sends the outbound queue's
// messages, paced per chat and overall, only to people who wrote first.
//
// This file wires the parts: the socket's life (whatsapp.session.ts, pairing
// in whatsapp.pairing.ts), inbound messages (whatsapp.inbound.ts, files
// through whatsapp.media.ts), outbound sends (whatsapp.outbound.ts), and the
// state with its metrics (whatsapp.state.ts).
import type { Registry } from "prom-client";
import type { InboundHandler } from "../../core/app/handle-inbound.ts";
import { createKeyedMutex } from "../../core/app/keyed-mutex.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { RedisClient } from "../../core/infra/redis.ts";
import { type PairingView, whatsappAdminRoute } from "./whatsapp.admin.ts";
import type { WhatsappAlerter } from "./whatsapp.alerts.ts";
import { createWhatsappIdentity } from "./whatsapp.identity.ts";
import { createWhatsappInbound } from "./whatsapp.inbound.ts";
import { WHATSAPP_MEDIA_BASE_URL } from "./whatsapp.media.ts";
import { createOfflineWindow } from "./whatsapp.offline.ts";
import { createWhatsappOutbound } from "./whatsapp.outbound.ts";
import { createPairing } from "./whatsapp.pairing.ts";
import { createRecipients } from "./whatsapp.recipients.ts";
import { createWhatsappSession } from "./whatsapp.session.ts";
import { type MakeSocket, makeBaileysSocket } from "./whatsapp.socket.ts";
import { createWhatsappState, type WhatsappChannelState } from "./whatsapp.state.ts";
import { pruneSentMessages } from "./whatsapp.store.ts";
import { createChatTimers } from "./whatsapp.timers.ts";
import { DEFAULT_WHATSAPP_TIMING, type WhatsappTiming } from "./whatsapp.timing.ts";
import type { FetchVersion } from "./whatsapp.version.ts";

export type { WhatsappChannelState } from "./whatsapp.state.ts";
export type { WhatsappTiming } from "./whatsapp.timing.ts";

export interface WhatsappChannelOptions {
  prisma: PrismaClient;
  cipher: Cipher;
  /** For the single-holder lock (a fail-fast connection is right: the lock expires). */
  redis: RedisClient;
  /** The lock's Redis key, one per session (put the queue prefix in front). */
  lockKey: string;
  inbound: Pick<InboundHandler, "handle" | "admitMedia" | "storeMedia" | "amend">;
  logger: Logger;
  /** Names the auth state in the database (WHATSAPP_SESSION_ID). */
  sessionId: string;
  /** Digits with country code: link by pairing code instead of a QR. */
  pairingNumber?: string | undefined;
  /** Media downloads stop past this many bytes read (MEDIA_MAX_BYTES). */
  maxDownloadBytes: number;
  /** A media download is given up after this long (MEDIA_DOWNLOAD_TIMEOUT_MS; default 60 s). */
  downloadTimeoutMs?: number;
  /** WhatsApp's media host; only tests point it at a local stand-in. */
  mediaBaseUrl?: string;
  chatIntervalMs: number;
  globalRatePerSecond: number;
  /** The socket; tests plug in test/fakes/whatsapp-socket.ts. */
  makeSocket?: MakeSocket;
  /**
   * Asks for the current WhatsApp Web version at the first connect
   * (whatsapp.start.ts passes Baileys' look-up); without it, Baileys' built-in one.
   */
  fetchVersion?: FetchVersion;
  /** Blue ticks and "typing…" for handled messages (default on). */
  markRead?: boolean;
  /** Guards /admin/whatsapp; without it the pages answer 503. */
  adminToken?: string | undefined;
  /** Tells the agents (logged out, replaced, down for a while). */
  alert?: WhatsappAlerter;
  /** Shows a QR in the terminal (default: on stderr when it is a TTY; never logged). */
  printQr?: (qr: string) => void;
  /** Shows a pairing code in the terminal (default: as the QR). */
  printPairingCode?: (code: string) => void;
  now?: () => Date;
  random?: () => number;
  timing?: Partial<WhatsappTiming>;
}

export function createWhatsappChannel(opts: WhatsappChannelOptions) {
  const timing = { ...DEFAULT_WHATSAPP_TIMING, ...opts.timing };
  const now = opts.now ?? (() => new Date());
  const random = opts.random ?? Math.random;
  const log = opts.logger.child({ component: "whatsapp" });
  const sealed = { prisma: opts.prisma, cipher: opts.cipher, logger: log };
  const state = createWhatsappState(log);
  const pairing = createPairing({
    log,
    pairingNumber: opts.pairingNumber,
    printQr: opts.printQr,
    printPairingCode: opts.printPairingCode,
    setState: state.set,
  });

  let running = false;
  let pruneTimer: NodeJS.Timeout | undefined;
  const chats = createKeyedMutex();
  // Both chats, in one order everywhere: a mapping waits for what either is handling.
  function holdChats<T>(jids: string[], task: () => Promise<T>): Promise<T> {
    const [first, ...rest] = [...jids].sort();
    return first === undefined ? task() : chats.run(first, () => holdChats(rest, task));
  }
  const recipients = createRecipients({ ...sealed, reloadMs: timing.recipientReloadMs, now });
  const stateKey = (name: string) => `${opts.lockKey.replace(/:lock$/u, "")}:${name}`;
  const offline = createOfflineWindow({
    redis: opts.redis,
    key: stateKey("last-open"),
    now,
    timing,
    logger: log,
  });
  const timers = createChatTimers({
    redis: opts.redis,
    key: stateKey("chat-timers"),
    cipher: opts.cipher,
    logger: log,
  });
  const identity = createWhatsappIdentity({
    ...sealed,
    sessionId: opts.sessionId,
    holdChats,
    onLinked: (phoneJid, contactId) => recipients.known(phoneJid, contactId),
  });
  const inbound = createWhatsappInbound({
    ...sealed,
    inbound: opts.inbound,
    now,
    media: {
      maxBytes: opts.maxDownloadBytes,
      timeoutMs: opts.downloadTimeoutMs ?? 60_000,
      baseUrl: opts.mediaBaseUrl ?? WHATSAPP_MEDIA_BASE_URL,
    },
    chats,
    identity,
    recipients,
    offline,
    timers,
    markRead: opts.markRead ?? true,
    running: () => running,
  });
  const session = createWhatsappSession({
    ...sealed,
    redis: opts.redis,
    lockKey: opts.lockKey,
    sessionId: opts.sessionId,
    log,
    // Baileys logs a lot at info; warnings and errors are enough, and they pass
    // through the project logger, which scrubs phone numbers and JIDs.
    baileysLog: opts.logger.child({ component: "baileys" }, { level: "warn" }),
    makeSocket: opts.makeSocket ?? makeBaileysSocket,
    fetchVersion: opts.fetchVersion,
    alert: opts.alert,
    timing,
    now,
    random,
    state,
    pairing,
    offline,
    identity,
    recipients,
    timers,
    inbound,
    running: () => running,
  });
  const channel = createWhatsappOutbound({
    ...sealed,
    sessionId: opts.sessionId,
    log,
    globalRatePerSecond: opts.globalRatePerSecond,
    chatIntervalMs: opts.chatIntervalMs,
    chatJitterMs: timing.chatJitterMs,
    random,
    recipients,
    timers,
    state,
    socket: session.socket,
  });

  function pairingView(): PairingView {
    return pairing.view(state.current());
  }

  return {
    channel,
    /** Puts the WhatsApp gauges and counters on the registry. */
    registerMetrics(registry: Registry): void {
      state.registerMetrics(registry);
    },
    /** /admin/whatsapp (state and QR) and /admin/whatsapp/qr (PNG), behind ADMIN_TOKEN. */
    route: whatsappAdminRoute({ adminToken: opts.adminToken, logger: log, view: pairingView }),
    pairingView,
    /** Waits for the session lock (in the background), then connects. */
    start(): void {
      if (running) return;
      running = true;
      inbound.resume();
      state.set({ state: "starting", phase: "standby", detail: "waiting for the session lock" });
      session.start();
      const prune = () =>
        pruneSentMessages(opts, new Date(now().getTime() - timing.sentMessageMaxAgeMs))
          .then((count) => {
            if (count > 0) log.info({ count }, "Pruned old sent WhatsApp messages");
          })
          .catch((err: unknown) => log.warn({ err }, "Sent WhatsApp messages not pruned"));
      pruneTimer = setInterval(() => void prune(), timing.pruneEveryMs);
      pruneTimer.unref();
    },
    /** Closes the socket, waits for the messages being handled, gives the lock up. */
    async stop(): Promise<void> {
      running = false;
      clearInterval(pruneTimer);
      session.drop();
      // Downloads under way are aborted; the messages being handled finish.
      inbound.abortDownloads();
      await inbound.settle();
      await session.settle();
      await session.release();
      state.set({ state: "disconnected", phase: "stopped", detail: "stopped" });
    },
    /**
     * Unlinks the number (the web console's "Keluar dari WhatsApp"): the close
     * that follows clears the stored session as any log-out does. False
     * while no socket is up.
     */
    async logout(): Promise<boolean> {
      const sock = session.socket();
      if (!sock) return false;
      await sock.logout();
      return true;
    },
    state(): WhatsappChannelState {
      return { ...state.current() };
    },
    /** Called on every state change (e.g. to pause the outbound sender while down). */
    onState: state.onState,
  };
}

export type WhatsappChannel = ReturnType<typeof createWhatsappChannel>;
