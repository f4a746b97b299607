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
  type ConnectionState,
  proto,
  type WAMessage,
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
    options?: { messageId?: string },
  ): Promise<WAMessage | undefined> {
    if (this.failSends) throw this.failSends;
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
    const message: proto.IMessage =
      c.text !== undefined
        ? { conversation: c.text }
        : {
            documentMessage: {
              fileName: c.fileName ?? null,
              caption: c.caption ?? null,
              fileLength: c.document?.length ?? 0,
            },
          };
    // WhatsApp knows a message by its id: a second relay under the same id is
    // the same message on the recipient's phone, not a new one.
    if (!this.sent.some((m) => m.jid === jid && m.id === id)) {
      this.sent.push({ jid, content, text: c.text ?? c.caption ?? "", id });
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

export type FakeWhatsapp = ReturnType<typeof createFakeWhatsapp>;

// --- messages as Baileys delivers them, built from its own protobuf types ---

let counter = 0;
const nextId = () => `FAKE${Date.now().toString(16).toUpperCase()}${(counter++).toString(16)}`;

export interface From {
  /** The chat: a phone JID (`62…@s.whatsapp.net`) or a LID (`…@lid`). */
  from: string;
  /** For a LID chat: the phone JID WhatsApp sends along (key.remoteJidAlt). */
  phoneJid?: string;
  id?: string;
  pushName?: string;
  fromMe?: boolean;
  timestamp?: number;
}

/** A WAMessage from a plain object, through proto.WebMessageInfo as Baileys makes it. */
export function waMessage(from: From, message: Record<string, unknown>): WAMessage {
  const info = proto.WebMessageInfo.fromObject({
    key: { remoteJid: from.from, fromMe: from.fromMe ?? false, id: from.id ?? nextId() },
    message,
    messageTimestamp: from.timestamp ?? Math.floor(Date.now() / 1000),
    pushName: from.pushName ?? "Budi",
  });
  // The LID fields are Baileys' own additions to the key, not in the protobuf.
  const key = {
    ...proto.MessageKey.toObject(info.key as proto.MessageKey),
    ...(from.phoneJid ? { remoteJidAlt: from.phoneJid, addressingMode: "lid" } : {}),
  };
  return Object.assign(info, { key }) as unknown as WAMessage;
}

export const textMessage = (from: From & { text: string }) =>
  waMessage(from, { conversation: from.text });

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
