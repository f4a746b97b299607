// A stand-in for the Baileys socket (WhatsApp's servers cannot be reached
// here), implementing the subset the channel uses: `ev`, `sendMessage`, `end`,
// `requestPairingCode`, `user` and LID look-up. A test drives it like
// WhatsApp would (open, QR, incoming messages, closes with a code) and reads
// what the bot sent. Media is not fetched through the socket: a message names
// its file on the media host (test/fakes/whatsapp-media-host.ts).
//
//   const wa = createFakeWhatsapp();
//   const channel = createWhatsappChannel({ ..., makeSocket: wa.makeSocket });
//   channel.start();
//   const sock = await wa.nextSocket();   // the socket the channel opened
//   sock.open();                          // connection 'open'
//   sock.receive(textMessage({ from: "6281234567890@s.whatsapp.net", text: "halo" }));
//   await wa.waitFor(() => sock.sentTo("6281234567890@s.whatsapp.net").length > 0);
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import {
  type AnyMessageContent,
  type BaileysEventMap,
  type BinaryNode,
  type ConnectionState,
  cleanMessage,
  decodeMessageNode,
  proto,
  type WAMessage,
  type WAMessageKey,
} from "@whiskeysockets/baileys";
import type {
  MakeSocket,
  SocketOptions,
  WhatsappSocket,
} from "../../bot/whatsapp/whatsapp.socket.ts";

/** What the bot sent through sendMessage. */
export interface FakeSent {
  jid: string;
  content: AnyMessageContent;
  /** The text a user reads (the text, or the document's caption). */
  text: string;
  id: string;
  /** The disappearing-messages timer the bot sent it with (contextInfo.expiration). */
  expiration: number | undefined;
}

/** A close as Baileys reports it: a Boom with output.statusCode. */
export function disconnectError(statusCode: number, message = "fake close"): Error {
  return Object.assign(new Error(message), { output: { statusCode } });
}

export class FakeWhatsappSocket implements WhatsappSocket {
  readonly emitter = new EventEmitter();
  readonly ev = {
    on: <E extends keyof BaileysEventMap>(
      event: E,
      listener: (arg: BaileysEventMap[E]) => void,
    ) => {
      this.emitter.on(event, listener as (arg: unknown) => void);
    },
  };
  user: { id: string } | undefined;
  readonly sent: FakeSent[] = [];
  readonly pairingRequests: string[] = [];
  readonly endedWith: (Error | undefined)[] = [];
  /** Message ids the bot marked read (blue ticks). */
  readonly read: string[] = [];
  /** "typing…" updates, in order. */
  readonly presence: { type: string; jid: string }[] = [];
  /** When set, sendMessage fails this many times more, then works again. */
  failNextSends = 0;
  closed = false;
  /** When set, sendMessage throws it. */
  failSends: Error | undefined;
  /** Sends whose message is delivered but whose answer is lost (they throw after). */
  loseAnswers = 0;
  /** Every sendMessage call that reached WhatsApp, resends included, by message id. */
  readonly attempts = new Map<string, number>();
  /** LID -> phone JID, as Baileys' own mapping store would know. */
  readonly lidMappings = new Map<string, string>();
  pairingCode = "ABCD1234";

  constructor(readonly options: SocketOptions) {
    // Baileys announces "connecting" right after the socket is made.
    queueMicrotask(() => this.emit("connection.update", { connection: "connecting" }));
  }

  emit<E extends keyof BaileysEventMap>(event: E, arg: BaileysEventMap[E]): void {
    this.emitter.emit(event, arg);
  }

  // --- the socket as the channel sees it ---

  async sendMessage(
    jid: string,
    content: AnyMessageContent,
    options?: { messageId?: string; ephemeralExpiration?: number },
  ): Promise<WAMessage | undefined> {
    if (this.failSends) throw this.failSends;
    if (this.failNextSends > 0) {
      this.failNextSends--;
      throw new Error("fake send failure");
    }
    if (this.closed) throw disconnectError(428, "Connection Closed");
    const id = options?.messageId ?? `3EB0${randomBytes(8).toString("hex").toUpperCase()}`;
    this.attempts.set(id, (this.attempts.get(id) ?? 0) + 1);
    // Like Baileys: encrypting for the recipient reads and advances its Signal session.
    const keys = this.options.auth.keys;
    const session = (await keys.get("session", [jid]))[jid];
    await keys.set({
      session: { [jid]: Buffer.concat([Buffer.from(session ?? []), Buffer.from("+")]) },
    });
    const c = content as { text?: string; caption?: string; document?: Buffer; fileName?: string };
    const expiration = options?.ephemeralExpiration;
    // Like generateWAMessageContent: a disappearing chat's timer goes in contextInfo.
    const contextInfo = expiration ? { contextInfo: { expiration } } : {};
    const message: proto.IMessage =
      c.text !== undefined
        ? expiration
          ? { extendedTextMessage: { text: c.text, ...contextInfo } }
          : { conversation: c.text }
        : {
            documentMessage: {
              fileName: c.fileName ?? null,
              caption: c.caption ?? null,
              fileLength: c.document?.length ?? 0,
              ...contextInfo,
            },
          };
    // WhatsApp knows a message by its id: a second relay under the same id is
    // the same message on the recipient's phone, not a new one.
    if (!this.sent.some((m) => m.jid === jid && m.id === id)) {
      this.sent.push({ jid, content, text: c.text ?? c.caption ?? "", id, expiration });
    }
    if (this.loseAnswers > 0) {
      this.loseAnswers--;
      throw new Error("Timed Out");
    }
    return { key: { remoteJid: jid, fromMe: true, id }, message, messageTimestamp: 0 };
  }

  end(error: Error | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.endedWith.push(error);
    this.emit("connection.update", {
      connection: "close",
      lastDisconnect: { error, date: new Date() },
    });
  }

  async readMessages(keys: WAMessageKey[]): Promise<void> {
    for (const key of keys) if (key.id) this.read.push(key.id);
  }

  async sendPresenceUpdate(type: "composing" | "paused", jid: string): Promise<void> {
    this.presence.push({ type, jid });
  }

  /** Times the bot unlinked the device; WhatsApp then closes with 401 as Baileys does. */
  logouts = 0;

  async logout(): Promise<void> {
    this.logouts++;
    this.end(disconnectError(401, "Intentional Logout"));
  }

  async requestPairingCode(phoneNumber: string): Promise<string> {
    this.pairingRequests.push(phoneNumber);
    return this.pairingCode;
  }

  async pnForLid(lid: string): Promise<string | null> {
    return this.lidMappings.get(lid) ?? null;
  }

  // --- WhatsApp's side, for the test ---

  /** The connection opens as a paired device. */
  open(userId = "62811579941:7@s.whatsapp.net"): void {
    this.user = { id: userId };
    this.emit("connection.update", { connection: "open" } as Partial<ConnectionState>);
  }

  qr(payload: string): void {
    this.emit("connection.update", { qr: payload });
  }

  /** WhatsApp closes the connection with a status code (401, 440, 515, 428, …). */
  close(statusCode: number): void {
    this.end(disconnectError(statusCode));
  }

  /** Incoming messages (type "notify" = new, live messages). */
  receive(messages: WAMessage | WAMessage[], type: "notify" | "append" = "notify"): void {
    this.emit("messages.upsert", { messages: [messages].flat(), type });
  }

  /**
   * What queued up while the bot was offline: rc14 upserts a stanza with the
   * `offline` attribute as 'append', and its event buffer hands the whole
   * batch over as one upsert (build the messages with `offline: true`).
   */
  receiveOffline(messages: WAMessage[]): void {
    this.emit("messages.upsert", { messages, type: "append" });
  }

  /** WhatsApp tells the LID -> number mapping (Baileys' store learns it too). */
  learnLid(lid: string, pn: string): void {
    this.lidMappings.set(lid, pn);
    this.emit("lid-mapping.update", { lid, pn });
  }

  sentTo(jid: string): FakeSent[] {
    return this.sent.filter((m) => m.jid === jid);
  }
}

export function createFakeWhatsapp() {
  const sockets: FakeWhatsappSocket[] = [];
  const waiters: (() => void)[] = [];
  const makeSocket: MakeSocket = (options) => {
    const socket = new FakeWhatsappSocket(options);
    sockets.push(socket);
    for (const wake of waiters.splice(0)) wake();
    return socket;
  };
  async function waitFor(
    condition: () => boolean,
    timeoutMs = 10_000,
    what = "the condition",
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  let taken = 0;
  return {
    makeSocket,
    sockets,
    latest(): FakeWhatsappSocket | undefined {
      return sockets[sockets.length - 1];
    },
    /** The next socket the channel makes (each call returns a newer one). */
    async nextSocket(timeoutMs = 10_000): Promise<FakeWhatsappSocket> {
      const index = taken++;
      await waitFor(() => sockets.length > index, timeoutMs, `socket #${index + 1}`);
      return sockets[index] as FakeWhatsappSocket;
    },
    waitFor,
  };
}

// --- messages as Baileys delivers them ---
//
// Each message is built the way rc14 builds it from the wire: a `<message>`
// stanza with the attributes WhatsApp sets (from, t, notify, offline,
// addressing_mode, sender_pn / sender_lid), decoded by Baileys' own
// decodeMessageNode (the key, the LID fields, fromMe), its content encoded and
// decoded with Baileys' `proto` as the plaintext path of decryptMessageNode
// does, a view-once `<unavailable>` child turned into `key.isViewOnce`, and
// cleaned by Baileys' cleanMessage before the upsert.

/** Our own account, as `creds.me` holds it. */
export const FAKE_ME = { id: "62811579941:7@s.whatsapp.net", lid: "99000000000001:7@lid" };

let counter = 0;
const nextId = () => `FAKE${Date.now().toString(16).toUpperCase()}${(counter++).toString(16)}`;

export interface From {
  /** The chat: a phone JID (`62…@s.whatsapp.net`) or a LID (`…@lid`). */
  from: string;
  /** For a LID chat: the phone JID WhatsApp sends along (sender_pn -> key.remoteJidAlt). */
  phoneJid?: string;
  /** For a phone-number chat: the LID WhatsApp sends along (sender_lid -> key.remoteJidAlt). */
  lid?: string;
  id?: string;
  pushName?: string;
  fromMe?: boolean;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Queued while the bot was offline: the stanza's `offline` attribute ('append'). */
  offline?: boolean;
  /** Who wrote in a group or broadcast (a member's JID by default there). */
  participant?: string;
}

function stanzaOf(from: From, children: BinaryNode[]): BinaryNode {
  const attrs: Record<string, string> = {
    id: from.id ?? nextId(),
    t: String(from.timestamp ?? Math.floor(Date.now() / 1000)),
    type: "text",
  };
  if (from.fromMe) {
    // A message we sent from another device: from is us, recipient the chat.
    attrs.from = FAKE_ME.id;
    attrs.recipient = from.from;
  } else {
    attrs.from = from.from;
    attrs.notify = from.pushName ?? "Budi";
  }
  if (from.phoneJid) {
    attrs.addressing_mode = "lid";
    attrs.sender_pn = from.phoneJid;
  } else if (from.lid) {
    attrs.addressing_mode = "pn";
    attrs.sender_lid = from.lid;
  }
  if (from.offline) attrs.offline = "1";
  if (from.participant || /@(g\.us|broadcast)$/u.test(from.from)) {
    attrs.participant = from.participant ?? "6281200000000@s.whatsapp.net";
  }
  return { tag: "message", attrs, content: children };
}

/** A stanza through Baileys' decoding, as the socket would upsert it. */
function decoded(stanza: BinaryNode, content: proto.IMessage | null): WAMessage {
  const { fullMessage } = decodeMessageNode(stanza, FAKE_ME.id, FAKE_ME.lid);
  const msg = fullMessage as WAMessage;
  for (const child of stanza.content as BinaryNode[]) {
    if (child.tag === "unavailable" && child.attrs.type === "view_once") msg.key.isViewOnce = true;
  }
  if (content) {
    // What the plaintext branch of decryptMessageNode does with the bytes.
    const decodedContent = proto.Message.decode(proto.Message.encode(content).finish());
    msg.message = decodedContent.deviceSentMessage?.message ?? decodedContent;
  }
  cleanMessage(msg, FAKE_ME.id, FAKE_ME.lid);
  return msg;
}

/** A WAMessage with this content, from a plain object through Baileys' `proto`. */
export function waMessage(from: From, message: Record<string, unknown>): WAMessage {
  const content = proto.Message.fromObject(message);
  return decoded(
    stanzaOf(from, [
      { tag: "plaintext", attrs: {}, content: proto.Message.encode(content).finish() },
    ]),
    content,
  );
}

export const textMessage = (from: From & { text: string }) =>
  waMessage(from, { conversation: from.text });

/** A text in a disappearing chat: the phone sends it with the chat's timer in contextInfo. */
export const ephemeralText = (
  from: From & { text: string; expiration: number; settingTimestamp?: number },
) =>
  waMessage(from, {
    extendedTextMessage: {
      text: from.text,
      contextInfo: {
        expiration: from.expiration,
        ephemeralSettingTimestamp: from.settingTimestamp ?? Math.floor(Date.now() / 1000),
      },
    },
  });

/** The user turns disappearing messages on or off (0): a protocol message. */
export const ephemeralSetting = (from: From & { expiration: number }) =>
  waMessage(from, {
    protocolMessage: {
      type: proto.Message.ProtocolMessage.Type.EPHEMERAL_SETTING,
      ephemeralExpiration: from.expiration,
    },
  });

/**
 * A view-once photo as a linked device gets it: no content at all, only an
 * `<unavailable type="view_once"/>` child, which Baileys turns into key.isViewOnce.
 */
export const viewOnceStub = (from: From) =>
  decoded(stanzaOf(from, [{ tag: "unavailable", attrs: { type: "view_once" } }]), null);

/** A voice note (push-to-talk audio). */
export const voiceNote = (from: From) =>
  waMessage(from, { audioMessage: { ptt: true, mimetype: "audio/ogg; codecs=opus", seconds: 7 } });

/**
 * An edit of an earlier message of the same chat. Phones wrap the protocol
 * message in `editedMessage`; Baileys' own sendMessage({ edit }) sends it bare.
 */
export const editMessage = (from: From & { target: string; text: string; wrapped?: boolean }) => {
  const protocolMessage = {
    // The key as the sender sees it: their own message in the chat with us.
    key: { remoteJid: FAKE_ME.id.replace(/:\d+@/u, "@"), fromMe: true, id: from.target },
    type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT,
    editedMessage: { conversation: from.text },
    timestampMs: Date.now(),
  };
  return waMessage(
    from,
    from.wrapped === false
      ? { protocolMessage }
      : { editedMessage: { message: { protocolMessage } } },
  );
};

/** "Delete for everyone" of an earlier message of the same chat. */
export const revokeMessage = (from: From & { target: string }) =>
  waMessage(from, {
    protocolMessage: {
      key: { remoteJid: FAKE_ME.id.replace(/:\d+@/u, "@"), fromMe: true, id: from.target },
      type: proto.Message.ProtocolMessage.Type.REVOKE,
    },
  });

/** Where a message's file lies (the fields a phone's upload gives, see whatsapp-media-host.ts). */
type MediaFields = Partial<{
  url: string;
  directPath: string;
  mediaKey: Uint8Array;
  fileEncSha256: Uint8Array;
  fileSha256: Uint8Array;
  mediaKeyTimestamp: number;
}>;

export const imageMessage = (
  from: From & { caption?: string; size: number; mime?: string; media?: MediaFields },
) =>
  waMessage(from, {
    imageMessage: {
      mimetype: from.mime ?? "image/jpeg",
      caption: from.caption ?? "",
      ...from.media,
      fileLength: from.size,
    },
  });

export const documentMessage = (
  from: From & {
    fileName: string;
    mime: string;
    size: number;
    caption?: string;
    media?: MediaFields;
  },
) =>
  waMessage(from, {
    documentWithCaptionMessage: {
      message: {
        documentMessage: {
          mimetype: from.mime,
          fileName: from.fileName,
          ...from.media,
          fileLength: from.size,
          caption: from.caption ?? "",
        },
      },
    },
  });
