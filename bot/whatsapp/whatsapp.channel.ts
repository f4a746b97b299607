// The WhatsApp channel on the helpdesk number, through Baileys (WhatsApp Web's
// protocol as a linked device). One process holds the socket (a Redis lock);
// it pairs by QR or pairing code, keeps its auth state in Postgres, feeds
// `messages.upsert` into the inbound pipeline and sends the outbound queue's
// messages, paced per chat and overall, only to people who wrote first.

import type { BaileysEventMap, WAMessage, WAMessageKey } from "@whiskeysockets/baileys";
import { UnrecoverableError } from "bullmq";
import { Counter, Gauge, type Registry } from "prom-client";
import type { InboundHandler } from "../../core/app/handle-inbound.ts";
import { createKeyedMutex } from "../../core/app/keyed-mutex.ts";
import type { InboundContent, InboundMessage, Sender } from "../../core/contracts/messages.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { createGate } from "../../core/infra/gate.ts";
import type { ChannelState } from "../../core/infra/health-server.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { RedisClient } from "../../core/infra/redis.ts";
import { contactExternalId } from "../../core/infra/stores/contact.store.ts";
import type { OutboundChannel } from "../../core/ports/channel.port.ts";
import { fetchMedia, handleWithRetries } from "../channel-inbound.ts";
import { createPacer } from "../telegram/telegram.pacer.ts";
import { type PairingView, whatsappAdminRoute } from "./whatsapp.admin.ts";
import type { WhatsappAlert, WhatsappAlerter } from "./whatsapp.alerts.ts";
import { clearAuthState, type DatabaseAuthState, loadAuthState } from "./whatsapp.auth-store.ts";
import { backoffDelay, closeAction, describeError, statusCodeOf } from "./whatsapp.connection.ts";
import { terminalPairingDisplay } from "./whatsapp.console.ts";
import { createLockKeeper, createSessionLock } from "./whatsapp.lock.ts";
import {
  isPersonJid,
  lidJidOf,
  type MappedMessage,
  mapMessage,
  phoneJidOf,
  phoneOf,
  type WhatsappFileRef,
} from "./whatsapp.mapper.ts";
import {
  downloadWhatsappMedia,
  WHATSAPP_DOWNLOADS_AT_ONCE,
  WHATSAPP_MEDIA_BASE_URL,
} from "./whatsapp.media.ts";
import { renderBody, whatsappMessageId } from "./whatsapp.render.ts";
import { type MakeSocket, makeBaileysSocket, type WhatsappSocket } from "./whatsapp.socket.ts";
import {
  findPhoneForLid,
  loadSentMessage,
  pruneSentMessages,
  saveLidMapping,
  saveSentMessage,
} from "./whatsapp.store.ts";

export interface WhatsappTiming {
  /** First reconnect wait; doubles per failure up to the cap, with jitter. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Failures in a row before the agents hear that WhatsApp is down. */
  alertAfterFailures: number;
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
  backoffBaseMs: 1000,
  backoffCapMs: 60_000,
  alertAfterFailures: 5,
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
  inbound: Pick<InboundHandler, "handle" | "admitMedia" | "storeMedia">;
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
  | "stopped";

export type WhatsappChannelState = ChannelState & { phase: WhatsappPhase; failures: number };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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
  let announcedDown = false;
  const inFlight = new Set<Promise<unknown>>();
  const chats = createKeyedMutex();
  const downloads = createGate(WHATSAPP_DOWNLOADS_AT_ONCE);
  /** Aborts the downloads under way when the channel stops. */
  let stopping = new AbortController();
  /** Hash of each JID that wrote to us -> its contact: only they get messages. */
  const senders = new Map<string, string>();
  let sendersLoadedAt = Number.NEGATIVE_INFINITY;
  /** Senders whose message is in the pipeline right now, with how many. */
  const arriving = new Map<string, number>();
  const senderKey = (jid: string) => opts.cipher.hash("whatsapp-sender", jid);

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
    const rows = await opts.prisma.contact.findMany({
      where: { channel: "WHATSAPP" },
      select: { id: true, externalIdEnc: true },
    });
    for (const row of rows) {
      try {
        senders.set(senderKey(contactExternalId(opts.cipher, row)), row.id);
      } catch (err) {
        log.warn({ err, contactId: row.id }, "WhatsApp contact id unreadable");
      }
    }
    // A cache age, not a wall-clock decision: monotonic, so clock steps never matter.
    sendersLoadedAt = performance.now();
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
    try {
      // What the previous socket still had to write (the creds of a fresh
      // pairing before the 515 restart) lands before we read.
      await auth?.settle().catch(() => {});
      loaded = await loadAuthState(store);
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
        announcedDown = false;
        setState({ state: "connected", phase: "open", detail: "connected", failures: 0 });
      } else if (update.connection === "close") {
        onClose(gen, update.lastDisconnect?.error);
      }
    });
    sock.ev.on("messages.upsert", (upsert) => {
      if (gen !== generation) return;
      onUpsert(sock, upsert);
    });
    sock.ev.on("lid-mapping.update", ({ lid, pn }) => {
      const lidJid = lidJidOf(lid);
      const phoneJid = phoneJidOf(pn);
      if (!lidJid || !phoneJid) return;
      saveLidMapping(store, lidJid, phoneJid).catch((err: unknown) =>
        log.warn({ err }, "LID mapping not saved"),
      );
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
    socket = undefined;
    qr = undefined;
    pairingCode = undefined;
    if (!running) return;
    const code = statusCodeOf(error);
    closes.inc({ code: code === undefined ? "none" : String(code) });
    const lastError = describeError(error);
    const action = closeAction(code);
    switch (action.type) {
      case "logged-out": {
        generation++;
        auth?.discard();
        setState({
          state: "error",
          phase: "logged-out",
          detail: "logged out by WhatsApp: link the number again and restart the bot",
          lastError,
        });
        // After a write already under way, or it would put old keys back.
        (auth?.settle() ?? Promise.resolve())
          .then(() => clearAuthState({ prisma: opts.prisma, sessionId: opts.sessionId }))
          .then((count) => log.warn({ rows: count }, "WhatsApp session cleared"))
          .catch((err: unknown) => log.error({ err }, "WhatsApp session not cleared"));
        alert({ state: "logged-out" });
        return;
      }
      case "replaced": {
        generation++;
        // The lock stays ours: a standby taking over would be replaced in turn.
        setState({
          state: "error",
          phase: "replaced",
          detail: "another socket took the WhatsApp session; not reconnecting",
          lastError,
        });
        alert({ state: "replaced" });
        return;
      }
      case "restart": {
        log.info("WhatsApp asked for a restart (after pairing); reconnecting now");
        void connect();
        return;
      }
      case "reconnect": {
        const failures = current.failures + 1;
        const delay = backoffDelay(
          failures,
          { baseMs: timing.backoffBaseMs, capMs: timing.backoffCapMs },
          random,
        );
        setState({
          state: "disconnected",
          phase: "reconnecting",
          detail: `reconnecting in ${Math.ceil(delay / 1000)} s (attempt ${failures})`,
          lastError,
          failures,
        });
        if (failures >= timing.alertAfterFailures && !announcedDown) {
          announcedDown = true;
          alert({ state: "reconnecting", failures });
        }
        clearTimeout(reconnectTimer);
        reconnectTimer = setTimeout(() => void connect(), delay);
        return;
      }
    }
  }

  function onUpsert(sock: WhatsappSocket, upsert: BaileysEventMap["messages.upsert"]) {
    // "append" carries history and our own sends from other devices: not for the bot.
    if (upsert.type !== "notify") return;
    for (const msg of upsert.messages) {
      const mapped = mapMessage(msg, now());
      if (mapped.type === "ignored") {
        log.debug({ reason: mapped.reason }, "WhatsApp message ignored");
        continue;
      }
      const chat = msg.key.remoteJid ?? "";
      // The sender and the file are worked out at once, outside the chat's
      // turn: a slow download holds its own message and those after it in
      // the chat (their order is kept), never the chats' lock while earlier
      // messages are handled, nor any other chat.
      const prepared = prepare(sock, msg, mapped);
      prepared.catch(() => {}); // awaited below, in the chat's turn
      const work = chats
        .run(chat, async () => handleMapped(mapped, await prepared))
        .catch((err: unknown) => log.error({ err }, "WhatsApp message failed"));
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    }
  }

  /** Who wrote, by phone number when at all possible: one person, one contact. */
  async function resolveSender(
    sock: WhatsappSocket,
    mapped: Extract<MappedMessage, { type: "message" }>,
  ): Promise<Sender> {
    let phoneJid = mapped.phoneJid;
    const lidJid = mapped.lidJid;
    if (lidJid && phoneJid) {
      await saveLidMapping(store, lidJid, phoneJid).catch((err: unknown) =>
        log.warn({ err }, "LID mapping not saved"),
      );
    } else if (lidJid) {
      phoneJid = await findPhoneForLid(store, lidJid);
      if (!phoneJid) {
        phoneJid = phoneJidOf(await sock.pnForLid(lidJid).catch(() => null));
        if (phoneJid) await saveLidMapping(store, lidJid, phoneJid).catch(() => {});
      }
    }
    if (!phoneJid) log.warn("WhatsApp sender known only by a LID; answering the LID");
    const externalId = phoneJid ?? lidJid ?? "";
    return {
      externalId,
      ...(mapped.displayName ? { displayName: mapped.displayName } : {}),
      ...(phoneJid ? { phone: phoneOf(phoneJid) } : {}),
    };
  }

  function mediaContent(msg: WAMessage, sender: Sender, file: WhatsappFileRef) {
    return fetchMedia({
      inbound: opts.inbound,
      message: { channel: "WHATSAPP", sender },
      claimed: file,
      maxBytes: opts.maxDownloadBytes,
      download: () =>
        downloads.run(() =>
          downloadWhatsappMedia(msg, {
            baseUrl: opts.mediaBaseUrl ?? WHATSAPP_MEDIA_BASE_URL,
            maxBytes: opts.maxDownloadBytes,
            timeoutMs: opts.downloadTimeoutMs ?? 60_000,
            signal: stopping.signal,
          }),
        ),
      onRefused: (reason, detail) => log.warn({ reason, detail }, "WhatsApp file not stored"),
    });
  }

  /** Who sent it and what it says, the file downloaded and stored; null: seen before. */
  async function prepare(
    sock: WhatsappSocket,
    msg: WAMessage,
    mapped: Extract<MappedMessage, { type: "message" }>,
  ): Promise<{ sender: Sender; content: InboundContent } | null> {
    const sender = await resolveSender(sock, mapped);
    if (mapped.content.type !== "file") return { sender, content: mapped.content };
    // A redelivered message: no second download, no orphan copy of the file.
    const seen = await opts.prisma.processedMessage.findUnique({
      where: { channel_messageId: { channel: "WHATSAPP", messageId: mapped.messageId } },
    });
    if (seen) return null;
    return { sender, content: await mediaContent(msg, sender, mapped.content.file) };
  }

  async function handleMapped(
    mapped: Extract<MappedMessage, { type: "message" }>,
    prepared: { sender: Sender; content: InboundContent } | null,
  ) {
    if (!prepared) return;
    const { sender, content } = prepared;
    const message: InboundMessage = {
      channel: "WHATSAPP",
      messageId: mapped.messageId,
      sender,
      at: mapped.at,
      content,
    };
    // The reply may be sent before handle() returns (the pipeline publishes
    // it at once): until the sender is recorded below, a send to them waits.
    const key = senderKey(sender.externalId);
    arriving.set(key, (arriving.get(key) ?? 0) + 1);
    let outcome: Awaited<ReturnType<typeof handleWithRetries>>;
    try {
      outcome = await handleWithRetries(opts.inbound, message, {
        stopped: () => !running,
        wait: sleep,
        onRetry: (attempt, err) =>
          log.warn({ attempt, error: describeError(err) }, "Retrying a WhatsApp message"),
      });
      if ("contactId" in outcome) senders.set(key, outcome.contactId);
    } finally {
      const left = (arriving.get(key) ?? 1) - 1;
      if (left > 0) arriving.set(key, left);
      else arriving.delete(key);
    }
    if (outcome.type === "invalid") {
      log.warn({ problems: outcome.problems }, "WhatsApp message refused");
    } else {
      log.debug({ outcome: outcome.type }, "WhatsApp message handled");
    }
  }

  /**
   * Only people who wrote first get messages. The check is in memory (loaded
   * when the lock is taken, grown by every inbound message) because the
   * outbound sender calls send() inside its own transaction.
   */
  function checkRecipient(recipient: { contactId: string; externalId: string }) {
    if (!isPersonJid(recipient.externalId)) {
      throw new UnrecoverableError("not a person's WhatsApp id: the bot never writes to groups");
    }
    const key = senderKey(recipient.externalId);
    const known = senders.get(key);
    if (known === recipient.contactId) return;
    if (known === undefined && arriving.has(key)) {
      throw new Error("WhatsApp recipient's first message is still being handled; retrying");
    }
    if (known === undefined && performance.now() - sendersLoadedAt > timing.recipientReloadMs) {
      // Runs once the sender's transaction is over; the job's retry sees the result.
      void loadSenders().catch((err: unknown) => log.warn({ err }, "Senders not reloaded"));
      throw new Error("WhatsApp recipient not known yet; checking again");
    }
    throw new UnrecoverableError("refused: this WhatsApp user never wrote to the helpdesk");
  }

  const channel: OutboundChannel = {
    channel: "WHATSAPP",
    async send(recipient, body, messageId) {
      checkRecipient(recipient);
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
        sent = await sock.sendMessage(jid, renderBody(body), {
          messageId: whatsappMessageId(messageId),
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
      stopping = new AbortController();
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
      stopping.abort();
      await Promise.allSettled([...inFlight]);
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
