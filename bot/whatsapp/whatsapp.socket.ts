// The part of a Baileys socket the channel uses, so tests (and other
// channels' tests) can plug in a fake without WhatsApp's servers, and the one
// factory that builds the real socket. Media is not fetched through the
// socket (Baileys' downloadMediaMessage follows the sender's `url`): see
// whatsapp.media.ts.
import {
  type AnyMessageContent,
  type AuthenticationState,
  type BaileysEventMap,
  makeWASocket,
  type proto,
  type WAMessage,
  type WAMessageKey,
  type WAVersion,
} from "@whiskeysockets/baileys";
import type { Logger } from "../../core/infra/logger.ts";
import { isIgnoredJid } from "./whatsapp.jids.ts";

export interface WhatsappSocket {
  readonly ev: {
    on<E extends keyof BaileysEventMap>(
      event: E,
      listener: (arg: BaileysEventMap[E]) => void,
    ): void;
  };
  /** Our own account once paired. */
  readonly user?: { id: string } | undefined;
  /**
   * `messageId` fixes the message's id (the same on every attempt of one
   * send); `ephemeralExpiration` is the chat's disappearing-messages timer.
   */
  sendMessage(
    jid: string,
    content: AnyMessageContent,
    options?: { messageId?: string; ephemeralExpiration?: number },
  ): Promise<WAMessage | undefined>;
  /** Blue ticks for messages the bot has handled. */
  readMessages(keys: WAMessageKey[]): Promise<void>;
  /** "typing…" ('composing') in a chat, or back to nothing ('paused'). */
  sendPresenceUpdate(type: "composing" | "paused", jid: string): Promise<void>;
  /** Closes the socket; `connection.update` reports the close with this error. */
  end(error: Error | undefined): void;
  /** Unlinks this device from the number; the close follows with 401 (logged out). */
  logout(): Promise<void>;
  /** Links by an 8-character code typed on the phone instead of a QR (digits, no +). */
  requestPairingCode(phoneNumber: string): Promise<string>;
  /** The phone-number JID behind a LID, from Baileys' own mapping store. */
  pnForLid(lid: string): Promise<string | null>;
}

export interface SocketOptions {
  auth: AuthenticationState;
  /** Baileys' own logs: a quiet child of the project logger (redacting). */
  logger: Logger;
  /** Our sent messages, for WhatsApp's retry requests. */
  getMessage(key: WAMessageKey): Promise<proto.IMessage | undefined>;
  /** The WhatsApp Web version to announce (whatsapp.version.ts); Baileys' built-in one without it. */
  version?: WAVersion;
}

export type MakeSocket = (options: SocketOptions) => WhatsappSocket;

/** The real socket on web.whatsapp.com. */
export const makeBaileysSocket: MakeSocket = (options) => {
  const sock = makeWASocket({
    // The key store serves from memory already (whatsapp.key-store.ts).
    auth: options.auth,
    logger: options.logger,
    getMessage: options.getMessage,
    // The office phone keeps its notifications while the bot is linked.
    markOnlineOnConnect: false,
    // The bot answers new messages only: no full history. The recent sync
    // stays on, as it carries the LID-to-number mappings.
    syncFullHistory: false,
    generateHighQualityLinkPreview: false,
    // Groups, status updates, broadcasts and newsletters are never for the
    // bot: not decrypting them at all saves the work and keeps their senders out.
    shouldIgnoreJid: isIgnoredJid,
    ...(options.version ? { version: options.version } : {}),
  });
  return {
    ev: sock.ev,
    get user() {
      return sock.user;
    },
    sendMessage: (jid, content, options) => sock.sendMessage(jid, content, options ?? {}),
    end: (error) => {
      void sock.end(error);
    },
    readMessages: (keys) => sock.readMessages(keys),
    sendPresenceUpdate: (type, jid) => sock.sendPresenceUpdate(type, jid),
    logout: () => sock.logout(),
    requestPairingCode: (phoneNumber) => sock.requestPairingCode(phoneNumber),
    pnForLid: (lid) => sock.signalRepository.lidMapping.getPNForLID(lid),
  };
};
