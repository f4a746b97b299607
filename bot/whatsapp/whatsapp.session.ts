// The WhatsApp socket's life: the session lock (one process holds the
// number; a standby waits), the auth state loaded from Postgres, one socket
// at a time (events of an older one are ignored), pairing, and what each
// close means (whatsapp.close-codes.ts): reconnect, restart, or stop for good.
import type { WAMessageKey, WAVersion } from "@whiskeysockets/baileys";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { RedisClient } from "../../core/infra/redis.ts";
import type { WhatsappAlert, WhatsappAlerter } from "./whatsapp.alerts.ts";
import { clearAuthState, type DatabaseAuthState, loadAuthState } from "./whatsapp.auth-store.ts";
import { createCloseHandler } from "./whatsapp.close-codes.ts";
import { closeAction, describeError, statusCodeOf } from "./whatsapp.connection.ts";
import type { WhatsappIdentity } from "./whatsapp.identity.ts";
import type { WhatsappInbound } from "./whatsapp.inbound.ts";
import { createLockKeeper, createSessionLock } from "./whatsapp.lock.ts";
import type { OfflineWindow } from "./whatsapp.offline.ts";
import type { Pairing } from "./whatsapp.pairing.ts";
import type { Recipients } from "./whatsapp.recipients.ts";
import type { MakeSocket, WhatsappSocket } from "./whatsapp.socket.ts";
import type { WhatsappState } from "./whatsapp.state.ts";
import { loadSentMessage } from "./whatsapp.store.ts";
import type { ChatTimers } from "./whatsapp.timers.ts";
import type { WhatsappTiming } from "./whatsapp.timing.ts";
import { type FetchVersion, resolveWaVersion } from "./whatsapp.version.ts";

export function createWhatsappSession(deps: {
  prisma: PrismaClient;
  cipher: Cipher;
  redis: RedisClient;
  lockKey: string;
  sessionId: string;
  log: Logger;
  /** Baileys' own logs (warnings and errors, through the project logger). */
  baileysLog: Logger;
  makeSocket: MakeSocket;
  fetchVersion?: FetchVersion | undefined;
  alert?: WhatsappAlerter | undefined;
  timing: WhatsappTiming;
  now: () => Date;
  random: () => number;
  state: WhatsappState;
  pairing: Pairing;
  offline: OfflineWindow;
  identity: WhatsappIdentity;
  recipients: Recipients;
  timers: ChatTimers;
  inbound: Pick<WhatsappInbound, "onUpsert">;
  running: () => boolean;
}) {
  const { log, timing, state, pairing, offline } = deps;
  const setState = state.set;
  const store = {
    prisma: deps.prisma,
    cipher: deps.cipher,
    sessionId: deps.sessionId,
    logger: log,
  };
  /** Bumped for every socket: events of an older socket are ignored. */
  let generation = 0;
  let socket: WhatsappSocket | undefined;
  /** The auth state of the current socket (its keys are written behind). */
  let auth: DatabaseAuthState | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  /** The WhatsApp Web version, asked for once per process (undefined: Baileys' own). */
  let version: Promise<WAVersion | undefined> | undefined;

  const closes$ = createCloseHandler({
    timing,
    random: deps.random,
    logger: log,
    failures: () => state.current().failures,
    setState,
    alert,
    stopConnecting: () => {
      generation++;
    },
    clearSession: () => {
      auth?.discard();
      // After a write already under way, or it would put old keys back.
      (auth?.settle() ?? Promise.resolve())
        .then(() => clearAuthState({ prisma: deps.prisma, sessionId: deps.sessionId }))
        .then((count) => log.warn({ rows: count }, "WhatsApp session cleared"))
        .catch((err: unknown) => log.error({ err }, "WhatsApp session not cleared"));
    },
    connectNow: () => void connect(),
    connectIn: (ms) => {
      clearTimeout(reconnectTimer);
      reconnectTimer = setTimeout(() => void connect(), ms);
    },
  });

  const lock = createSessionLock({ redis: deps.redis, key: deps.lockKey, ttlMs: timing.lockTtlMs });
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
      if (state.current().phase !== "standby") return;
      setState({
        state: "starting",
        phase: "standby",
        detail: "standby: another process holds the WhatsApp session",
      });
    },
  });

  function alert(input: Omit<WhatsappAlert, "at">) {
    if (!deps.alert) return;
    void deps
      .alert({ ...input, at: deps.now() })
      .catch((err: unknown) => log.error({ err, state: input.state }, "WhatsApp alert failed"));
  }

  async function loadSenders() {
    await Promise.all([deps.recipients.load(), deps.timers.load()]);
  }

  function dropSocket() {
    generation++;
    clearTimeout(reconnectTimer);
    const sock = socket;
    socket = undefined;
    pairing.clear();
    sock?.end(undefined);
  }

  async function connect() {
    if (!deps.running() || !keeper.holding()) return;
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
      const fetchVersion = deps.fetchVersion;
      version ??= fetchVersion
        ? resolveWaVersion({ fetchVersion, timeoutMs: timing.versionTimeoutMs, logger: log })
        : Promise.resolve(undefined);
      const announced = await version;
      if (announced) waVersion = announced;
    } catch (err) {
      onClose(gen, err);
      return;
    }
    if (gen !== generation || !deps.running()) return;
    auth = loaded;
    let sock: WhatsappSocket;
    try {
      sock = deps.makeSocket({
        auth: loaded.state,
        logger: deps.baileysLog,
        getMessage: (key: WAMessageKey) =>
          key.id ? loadSentMessage(store, key.id) : Promise.resolve(undefined),
        ...(waVersion ? { version: waVersion } : {}),
      });
    } catch (err) {
      onClose(gen, err);
      return;
    }
    socket = sock;
    const offerQr = pairing.forSocket(sock, () => gen === generation);
    sock.ev.on("creds.update", () => {
      loaded.saveCreds().catch((err: unknown) => log.error({ err }, "WhatsApp creds not saved"));
    });
    sock.ev.on("connection.update", (update) => {
      if (gen !== generation) return;
      if (update.qr && !loaded.state.creds.registered) offerQr(update.qr);
      if (update.connection === "open") {
        pairing.clear();
        closes$.opened();
        offline.opened();
        setState({ state: "connected", phase: "open", detail: "connected", failures: 0 });
      } else if (update.connection === "close") {
        onClose(gen, update.lastDisconnect?.error);
      }
    });
    sock.ev.on("messages.upsert", (upsert) => {
      if (gen !== generation) return;
      deps.inbound.onUpsert(sock, upsert);
    });
    sock.ev.on("lid-mapping.update", ({ lid, pn }) => {
      deps.identity
        .learn(lid, pn)
        .catch((err: unknown) => log.warn({ err }, "LID mapping not saved"));
    });
  }

  function onClose(gen: number, error: unknown) {
    if (gen !== generation) return;
    offline.closed(state.current().phase === "open");
    socket = undefined;
    pairing.clear();
    if (!deps.running()) return;
    const code = statusCodeOf(error);
    state.closed(code);
    closes$.closed(closeAction(code), describeError(error));
  }

  return {
    /** The open socket, if any (sends check the phase too). */
    socket: (): WhatsappSocket | undefined => socket,
    /** Waits for the session lock in the background; connects once held. */
    start(): void {
      keeper.start();
    },
    /** Closes the socket; no events of it are handled any more. */
    drop: dropSocket,
    /** Waits for the auth state's writes under way (logged, never thrown). */
    async settle(): Promise<void> {
      await auth
        ?.settle()
        .catch((err: unknown) => log.error({ err }, "WhatsApp keys not saved on stop"));
    },
    /** Gives the session lock up. */
    release: () => keeper.stop(),
  };
}
