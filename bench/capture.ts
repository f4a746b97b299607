// The channel boundary of the bench: an OutboundChannel that sends nowhere
// and writes down what it was asked to send, when, and how often. Waiters
// resolve as soon as the send-log rows they wait for have gone out.
import { performance } from "node:perf_hooks";
import type { OutboundChannel, SendableBody } from "../core/ports/channel.port.ts";

export interface Sent {
  messageId: string;
  externalId: string;
  /** performance.now() of the first send of this row. */
  at: number;
  text: string;
}

export function createCapturingChannel() {
  /** How often each send-log row reached the channel: more than once is a duplicate. */
  const counts = new Map<string, number>();
  const first = new Map<string, Sent>();
  const byRecipient = new Map<string, Sent[]>();
  const waiting = new Map<string, Array<() => void>>();
  /** Called for every send to a recipient (for notifications nobody asked for). */
  const listeners = new Map<string, (sent: Sent) => void>();

  const channel: OutboundChannel = {
    channel: "CONSOLE",
    async send(recipient, body: SendableBody, messageId) {
      const at = performance.now();
      counts.set(messageId, (counts.get(messageId) ?? 0) + 1);
      if (!first.has(messageId)) {
        const sent: Sent = {
          messageId,
          externalId: recipient.externalId,
          at,
          text: body.kind === "text" ? body.text : `[document ${body.fileName}]`,
        };
        first.set(messageId, sent);
        const list = byRecipient.get(recipient.externalId) ?? [];
        byRecipient.set(recipient.externalId, list);
        list.push(sent);
        for (const wake of waiting.get(messageId) ?? []) wake();
        waiting.delete(messageId);
        listeners.get(recipient.externalId)?.(sent);
      }
      return { providerId: `bench-${messageId}` };
    },
  };

  function waitFor(messageId: string): Promise<Sent> {
    const done = first.get(messageId);
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => {
      const list = waiting.get(messageId) ?? [];
      waiting.set(messageId, list);
      list.push(() => resolve(first.get(messageId) as Sent));
    });
  }

  return {
    channel,
    counts,
    sent: (messageId: string) => first.get(messageId),
    sentTo: (externalId: string): readonly Sent[] => byRecipient.get(externalId) ?? [],
    /** Resolves when every row has been sent once (in any order). */
    waitForAll: (ids: readonly string[]) => Promise.all(ids.map(waitFor)),
    onSend(externalId: string, listener: (sent: Sent) => void) {
      listeners.set(externalId, listener);
    },
    get totalSends() {
      let n = 0;
      for (const c of counts.values()) n += c;
      return n;
    },
  };
}

export type CapturingChannel = ReturnType<typeof createCapturingChannel>;
