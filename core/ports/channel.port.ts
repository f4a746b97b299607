import type { ChannelName, OutboundBody } from "../contracts/messages.ts";

export interface Recipient {
  contactId: string;
  /** The channel's own id of the user (decrypted only for sending). */
  externalId: string;
}

/** What the outbound sender needs from a channel; every adapter implements it. */
export interface OutboundChannel {
  readonly channel: ChannelName;
  /** `messageId` is the send-log row: stable across retries, usable as an idempotency key. */
  send(
    recipient: Recipient,
    body: OutboundBody,
    messageId: string,
  ): Promise<{ providerId?: string }>;
}
