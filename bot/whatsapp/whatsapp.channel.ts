// The WhatsApp channel on the helpdesk number, through Baileys (WhatsApp Web's
// protocol as a linked device). One process holds the socket (a Redis lock);
// it pairs by QR or pairing code, keeps its auth state in Postgres, feeds
// `messages.upsert` into the inbound pipeline and sends the outbound queue's
// messages, paced per chat and overall, only to people who wrote first.

import type { WAMessage, WAMessageKey, WAVersion } from "@whiskeysockets/baileys";
import { Counter, Gauge, type Registry } from "prom-client";
import type { InboundHandler } from "../../core/app/handle-inbound.ts";
import { createKeyedMutex } from "../../core/app/keyed-mutex.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { ChannelState } from "../../core/infra/health-server.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { RedisClient } from "../../core/infra/redis.ts";
import type { OutboundChannel } from "../../core/ports/channel.port.ts";
import { createPacer } from "../telegram/telegram.pacer.ts";
import { type PairingView, whatsappAdminRoute } from "./whatsapp.admin.ts";
import type { WhatsappAlert, WhatsappAlerter } from "./whatsapp.alerts.ts";
import { clearAuthState, type DatabaseAuthState, loadAuthState } from "./whatsapp.auth-store.ts";
import { createCloseHandler } from "./whatsapp.close-codes.ts";
import { closeAction, describeError, statusCodeOf } from "./whatsapp.connection.ts";
import { terminalPairingDisplay } from "./whatsapp.console.ts";
import { createWhatsappIdentity } from "./whatsapp.identity.ts";
import { createWhatsappInbound } from "./whatsapp.inbound.ts";
import { createLockKeeper, createSessionLock } from "./whatsapp.lock.ts";
import { WHATSAPP_MEDIA_BASE_URL } from "./whatsapp.media.ts";
import {
  createOfflineWindow,
  DEFAULT_OFFLINE_TIMING,
  type OfflineTiming,
} from "./whatsapp.offline.ts";
import { createRecipients } from "./whatsapp.recipients.ts";
import { renderBody, whatsappMessageId } from "./whatsapp.render.ts";
import { type MakeSocket, makeBaileysSocket, type WhatsappSocket } from "./whatsapp.socket.ts";
import { loadSentMessage, pruneSentMessages, saveSentMessage } from "./whatsapp.store.ts";
import { createChatTimers } from "./whatsapp.timers.ts";
import { type FetchVersion, resolveWaVersion } from "./whatsapp.version.ts";

export interface WhatsappTiming extends OfflineTiming {
  /** First reconnect wait; doubles per failure up to the cap, with jitter. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Failures in a row before the agents hear that WhatsApp is down. */
  alertAfterFailures: number;
  /** 500 (bad session) closes in a row before the session is cleared. */
  badSessionRetries: number;
  /** How long the start waits for the current WhatsApp Web version. */
  versionTimeoutMs: number;
  lockTtlMs: number;
  /** Pause between two tries of a standby process. */
  lockRetryMs: number;
  /** Up to this much random time on top of the per-chat interval. */
  chatJitterMs: number;
  /** Sent messages are kept this long for WhatsApp's retry requests. */
  sentMessageMaxAgeMs: number;
  pruneEveryMs: number;
  /** An unknown recipient triggers a reload of the senders at most this often. */
  recipientReloadMs: number;
}

export const DEFAULT_WHATSAPP_TIMING: WhatsappTiming = {
  ...DEFAULT_OFFLINE_TIMING,
  backoffBaseMs: 1000,
  backoffCapMs: 60_000,
  alertAfterFailures: 5,
  badSessionRetries: 3,
  versionTimeoutMs: 5000,
  lockTtlMs: 30_000,
  lockRetryMs: 5000,
  chatJitterMs: 1000,
  sentMessageMaxAgeMs: 7 * 24 * 3600_000,
  pruneEveryMs: 3600_000,
  recipientReloadMs: 60_000,
};

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

export type WhatsappPhase =
  | "standby"
  | "connecting"
  | "pairing"
  | "open"
  | "reconnecting"
  | "logged-out"
  | "replaced"
  | "banned"
  | "stopped";

export type WhatsappChannelState = ChannelState & { phase: WhatsappPhase; failures: number };

export function createWhatsappChannel(opts: WhatsappChannelOptions) {
  const timing = { ...DEFAULT_WHATSAPP_TIMING, ...opts.timing };
  const now = opts.now ?? (() => new Date());
  const random = opts.random ?? Math.random;
  const makeSocket = opts.makeSocket ?? makeBaileysSocket;
  const log = opts.logger.child({ component: "whatsapp" });
  // Baileys logs a lot at info; warnings and errors are enough, and they pass
  // through the project logger, which scrubs phone numbers and JIDs.
  const baileysLog = opts.logger.child({ component: "baileys" }, { level: "warn" });
  const terminal = terminalPairingDisplay();
  const printQr = opts.printQr ?? ((qr: string) => void terminal.qr(qr));
  const printPairingCode =
    opts.printPairingCode ?? ((code: string) => void terminal.pairingCode(code));
  const store = {
    prisma: opts.prisma,
    cipher: opts.cipher,
    sessionId: opts.sessionId,
    logger: log,
  };

  let current: WhatsappChannelState = {
    state: "starting",
    detail: "not started",
    phase: "standby",
    failures: 0,
  };
  const stateListeners = new Set<(state: WhatsappChannelState) => void>();
  const setState = (next: Omit<WhatsappChannelState, "failures"> & { failures?: number }) => {
    const full: WhatsappChannelState = { ...next, failures: next.failures ?? current.failures };
    if (full.phase !== current.phase || full.detail !== current.detail) {
      const quiet = ["open", "connecting", "standby", "stopped", "pairing"].includes(full.phase);
      log[quiet ? "info" : "warn"](
        {
          phase: full.phase,
          detail: full.detail,
          lastError: full.lastError,
          failures: full.failures,
        },
        "WhatsApp",
      );
    }
    current = full;
    for (const listener of stateListeners) listener(full);
  };

  const pacer = createPacer({
    globalRatePerSecond: opts.globalRatePerSecond,
    chatIntervalMs: opts.chatIntervalMs,
    chatJitterMs: timing.chatJitterMs,
    random,
  });
  const upGauge = new Gauge({
    name: "helpdesk_whatsapp_up",
    help: "1 while the WhatsApp socket is open, 0 otherwise",
    registers: [],
    collect() {
      this.set(current.phase === "open" ? 1 : 0);
    },
  });
  const phaseGauge = new Gauge({
    name: "helpdesk_whatsapp_state",
    help: "1 for the WhatsApp channel's current phase",
    labelNames: ["phase"],
    registers: [],
    collect() {
      this.reset();
      this.set({ phase: current.phase }, 1);
    },
  });
  const closes = new Counter({
    name: "helpdesk_whatsapp_disconnects_total",
    help: "WhatsApp socket closes, by Baileys' status code",
    labelNames: ["code"],
    registers: [],
  });
  const sendErrors = new Counter({
    name: "helpdesk_whatsapp_send_errors_total",
    help: "WhatsApp messages that failed to send, by reason",
    labelNames: ["reason"],
    registers: [],
  });

  let running = false;
  /** Bumped for every socket: events of an older socket are ignored. */
  let generation = 0;
  let socket: WhatsappSocket | undefined;
  /** The auth state of the current socket (its keys are written behind). */
  let auth: DatabaseAuthState | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let pruneTimer: NodeJS.Timeout | undefined;
  let qr: string | undefined;
  let pairingCode: string | undefined;
  /** The WhatsApp Web version, asked for once per process (undefined: Baileys' own). */
  let version: Promise<WAVersion | undefined> | undefined;
  const chats = createKeyedMutex();
  // Both chats, in one order everywhere: a mapping waits for what either is handling.
  function holdChats<T>(jids: string[], task: () => Promise<T>): Promise<T> {
    const [first, ...rest] = [...jids].sort();
    return first === undefined ? task() : chats.run(first, () => holdChats(rest, task));
  }
  const recipients = createRecipients({
    prisma: opts.prisma,
    cipher: opts.cipher,
    logger: log,
    reloadMs: timing.recipientReloadMs,
    now,
  });
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
    prisma: opts.prisma,
    cipher: opts.cipher,
    sessionId: opts.sessionId,
    logger: log,
    holdChats,
    onLinked: (phoneJid, contactId) => recipients.known(phoneJid, contactId),
  });
  const inbound = createWhatsappInbound({
    prisma: opts.prisma,
    cipher: opts.cipher,
    inbound: opts.inbound,
    logger: log,
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
  const closes$ = createCloseHandler({
    timing,
    random,
    logger: log,
    failures: () => current.failures,
    setState,
    alert,
    stopConnecting: () => {
      generation++;
    },
    clearSession: () => {
      auth?.discard();
      // After a write already under way, or it would put old keys back.
      (auth?.settle() ?? Promise.resolve())
        .then(() => clearAuthState({ prisma: opts.prisma, sessionId: opts.sessionId }))
        .then((count) => log.warn({ rows: count }, "WhatsApp session cleared"))
        .catch((err: unknown) => log.error({ err }, "WhatsApp session not cleared"));
    },
    connectNow: () => void connect(),
    connectIn: (ms) => {
      clearTimeout(reconnectTimer);
      reconnectTimer = setTimeout(() => void connect(), ms);
    },
  });

  const lock = createSessionLock({ redis: opts.redis, key: opts.lockKey, ttlMs: timing.lockTtlMs });
  const keeper = createLockKeeper({
    lock,
    ttlMs: timing.lockTtlMs,
    retryMs: timing.lockRetryMs,
    logger: log,
    onAcquired() {
      log.info("WhatsApp session lock acquired");
      void loadSenders()
        .catch((err: unknown) => log.error({ err }, "Could not load the WhatsApp senders"))
        .then(() => connect());
    },
    onLost(reason) {
      // The new holder loaded the keys as they were: our late writes would only clobber them.
      auth?.discard();
      dropSocket();
      setState({ state: "starting", phase: "standby", detail: `standby: ${reason}` });
    },
    onBusy() {
      if (current.phase !== "standby") return;
      setState({
        state: "starting",
        phase: "standby",
        detail: "standby: another process holds the WhatsApp session",
      });
    },
  });

  function alert(input: Omit<WhatsappAlert, "at">) {
    if (!opts.alert) return;
    void opts
      .alert({ ...input, at: now() })
      .catch((err: unknown) => log.error({ err, state: input.state }, "WhatsApp alert failed"));
  }

  async function loadSenders() {
    await Promise.all([recipients.load(), timers.load()]);
  }

  function dropSocket() {
    generation++;
    clearTimeout(reconnectTimer);
    const sock = socket;
    socket = undefined;
    qr = undefined;
    pairingCode = undefined;
    sock?.end(undefined);
  }

  async function connect() {
    if (!running || !keeper.holding()) return;
    clearTimeout(reconnectTimer);
    const gen = ++generation;
    setState({ state: "starting", phase: "connecting", detail: "connecting" });
    let loaded: DatabaseAuthState;
    let waVersion: WAVersion | undefined;
    try {
      // What the previous socket still had to write (the creds of a fresh
      // pairing before the 515 restart) lands before we read.
      await auth?.settle().catch(() => {});
      loaded = await loadAuthState(store);
      await offline.load();
      const fetchVersion = opts.fetchVersion;
      version ??= fetchVersion
        ? resolveWaVersion({ fetchVersion, timeoutMs: timing.versionTimeoutMs, logger: log })
        : Promise.resolve(undefined);
      const announced = await version;
      if (announced) waVersion = announced;
    } catch (err) {
      onClose(gen, err);
      return;
    }
    if (gen !== generation || !running) return;
    auth = loaded;
    let sock: WhatsappSocket;
    try {
      sock = makeSocket({
        auth: loaded.state,
        logger: baileysLog,
        getMessage: (key: WAMessageKey) =>
          key.id ? loadSentMessage(store, key.id) : Promise.resolve(undefined),
        ...(waVersion ? { version: waVersion } : {}),
      });
    } catch (err) {
      onClose(gen, err);
      return;
    }
    socket = sock;
    let pairingRequested = false;
    sock.ev.on("creds.update", () => {
      loaded.saveCreds().catch((err: unknown) => log.error({ err }, "WhatsApp creds not saved"));
    });
    sock.ev.on("connection.update", (update) => {
      if (gen !== generation) return;
      if (update.qr && !loaded.state.creds.registered) {
        if (opts.pairingNumber) {
          if (!pairingRequested) {
            pairingRequested = true;
            requestPairingCode(sock, gen, opts.pairingNumber);
          }
        } else {
          qr = update.qr;
          setState({
            state: "starting",
            phase: "pairing",
            detail: "waiting for the QR to be scanned (/admin/whatsapp)",
          });
          printQr(update.qr);
        }
      }
      if (update.connection === "open") {
        qr = undefined;
        pairingCode = undefined;
        closes$.opened();
        offline.opened();
        setState({ state: "connected", phase: "open", detail: "connected", failures: 0 });
      } else if (update.connection === "close") {
        onClose(gen, update.lastDisconnect?.error);
      }
    });
    sock.ev.on("messages.upsert", (upsert) => {
      if (gen !== generation) return;
      inbound.onUpsert(sock, upsert);
    });
    sock.ev.on("lid-mapping.update", ({ lid, pn }) => {
      identity.learn(lid, pn).catch((err: unknown) => log.warn({ err }, "LID mapping not saved"));
    });
  }

  function requestPairingCode(sock: WhatsappSocket, gen: number, number: string) {
    sock
      .requestPairingCode(number)
      .then((code) => {
        if (gen !== generation) return;
        pairingCode = code;
        setState({
          state: "starting",
          phase: "pairing",
          detail: "waiting for the pairing code to be entered (/admin/whatsapp)",
        });
        // The code links a device to the number: never in the logs (nor the
        // number it was asked for), only on /admin/whatsapp and a terminal.
        log.warn(
          "WhatsApp pairing code ready: see /admin/whatsapp (or the terminal); on the office phone open Linked devices -> Link a device -> Link with phone number instead, and type it",
        );
        printPairingCode(code);
      })
      .catch((err: unknown) =>
        log.warn({ error: describeError(err) }, "WhatsApp pairing code request failed"),
      );
  }

  function onClose(gen: number, error: unknown) {
    if (gen !== generation) return;
    offline.closed(current.phase === "open");
    socket = undefined;
    qr = undefined;
    pairingCode = undefined;
    if (!running) return;
    const code = statusCodeOf(error);
    closes.inc({ code: code === undefined ? "none" : String(code) });
    closes$.closed(closeAction(code), describeError(error));
  }

  const channel: OutboundChannel = {
    channel: "WHATSAPP",
    async send(recipient, body, messageId) {
      recipients.check(recipient);
      const jid = recipient.externalId;
      const sock = socket;
      if (!sock || current.phase !== "open") {
        sendErrors.inc({ reason: "not-connected" });
        // Thrown as retryable: the queue tries again once the socket is back.
        throw new Error(`WhatsApp is not connected (${current.phase})`);
      }
      await pacer.acquire(jid);
      let sent: WAMessage | undefined;
      try {
        const expiration = timers.expirationFor(jid);
        sent = await sock.sendMessage(jid, renderBody(body), {
          messageId: whatsappMessageId(messageId),
          // A disappearing chat: the reply disappears like the rest of it.
          ...(expiration ? { ephemeralExpiration: expiration } : {}),
        });
      } catch (err) {
        sendErrors.inc({ reason: "send-failed" });
        throw new Error(`WhatsApp send failed: ${describeError(err)}`);
      }
      const id = sent?.key.id ?? undefined;
      if (id && sent?.message) {
        // Not awaited: the sender holds a transaction, and the message is out anyway.
        saveSentMessage(store, id, sent.message).catch((err: unknown) =>
          log.warn({ err }, "Sent WhatsApp message not stored for retries"),
        );
      }
      return id ? { providerId: id } : {};
    },
  };

  function pairingView(): PairingView {
    return { state: current.phase, detail: current.detail, qr, pairingCode };
  }

  return {
    channel,
    /** Puts the WhatsApp gauges and counters on the registry. */
    registerMetrics(registry: Registry): void {
      registry.registerMetric(upGauge);
      registry.registerMetric(phaseGauge);
      registry.registerMetric(closes);
      registry.registerMetric(sendErrors);
    },
    /** /admin/whatsapp (state and QR) and /admin/whatsapp/qr (PNG), behind ADMIN_TOKEN. */
    route: whatsappAdminRoute({ adminToken: opts.adminToken, logger: log, view: pairingView }),
    pairingView,
    /** Waits for the session lock (in the background), then connects. */
    start(): void {
      if (running) return;
      running = true;
      inbound.resume();
      setState({ state: "starting", phase: "standby", detail: "waiting for the session lock" });
      keeper.start();
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
      dropSocket();
      // Downloads under way are aborted; the messages being handled finish.
      inbound.abortDownloads();
      await inbound.settle();
      await auth
        ?.settle()
        .catch((err: unknown) => log.error({ err }, "WhatsApp keys not saved on stop"));
      await keeper.stop();
      setState({ state: "disconnected", phase: "stopped", detail: "stopped" });
    },
    state(): WhatsappChannelState {
      return { ...current };
    },
    /** Called on every state change (e.g. to pause the outbound sender while down). */
    onState(listener: (state: WhatsappChannelState) => void): () => void {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
}

export type WhatsappChannel = ReturnType<typeof createWhatsappChannel>;
