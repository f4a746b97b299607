import type { ChannelName, TextBody } from "../contracts/messages.ts";

export interface Recipient {
  contactId: string;
  /** The channel's own id of the user (decrypted only for sending). */
  externalId: string;
}

/** A document as the channel sends it: the sender has decrypted the stored file. */
export interface SendableDocument {
  kind: "document";
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  caption?: string;
}

export type SendableBody = TextBody | SendableDocument;

/** What the outbound sender needs from a channel; every adapter implements it. */
export interface OutboundChannel {
  readonly channel: ChannelName;
  /** `messageId` is the send-log row: stable across retries, usable as an idempotency key. */
  send(
    recipient: Recipient,
    body: SendableBody,
    messageId: string,
  ): Promise<{ providerId?: string }>;
}
