// Simulated users talking to the bot through the inbound handler, as the
// channels do: a file is stored first (storeMedia), then the message carrying
// its id is handled. "Accepted" is the moment the message reaches the
// handler; a reply counts when the capturing channel is asked to send it.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { InboundHandler } from "../core/app/handle-inbound.ts";
import type { InboundContent } from "../core/contracts/messages.ts";
import type { CapturingChannel } from "./capture.ts";
import { intakeScript, ROUTED_MARKER, type ScriptStep } from "./intake.script.ts";
import type { MediaSet } from "./media.ts";

export interface SimUser {
  index: number;
  externalId: string;
  script: ScriptStep[];
  step: number;
  busy: boolean;
  ticketNumber: string | null;
  confirmAt: number | null;
  routedAt: number | null;
  routedCount: number;
}

export interface InboundRecord {
  user: number;
  /** What was sent (the script step's text, or the kind of file). */
  sent: string;
  acceptedAt: number;
  /** When handle() returned (the message is committed, its jobs published). */
  handledAt: number | null;
  /** When the last reply of this message went out; null if it never did. */
  repliedAt: number | null;
  replyIds: string[];
  outcome: string;
  /** The replies said what this step should say. */
  expected: boolean;
  error?: string;
  /** The reply, kept only when it was not the expected one. */
  reply?: string;
}

export function makeUsers(count: number, runId: string): SimUser[] {
  const now = new Date();
  return Array.from({ length: count }, (_, index) => ({
    index,
    externalId: `bench:${runId}:${index}`,
    script: intakeScript(index, now),
    step: 0,
    busy: false,
    ticketNumber: null,
    confirmAt: null,
    routedAt: null,
    routedCount: 0,
  }));
}

export interface Driver {
  inbound: InboundHandler;
  capture: CapturingChannel;
  media: MediaSet;
  /** Waiting for replies gives up once this resolves (end of the drain period). */
  giveUp: Promise<void>;
}

const sender = (user: SimUser) => ({ externalId: user.externalId, displayName: "Bench" });

async function contentOf(driver: Driver, user: SimUser, step: ScriptStep): Promise<InboundContent> {
  if (step.kind === "text") return { type: "text", text: step.text };
  const files = step.file === "ktp" ? driver.media.ktp : driver.media.screenshots;
  const bytes = files[(user.index + user.step) % files.length] as Buffer;
  const stored = await driver.inbound.storeMedia({
    channel: "CONSOLE",
    sender: sender(user),
    bytes,
  });
  if (!stored.ok) throw new Error(`bench file refused: ${stored.reason}`);
  return {
    type: "media",
    kind: "image",
    mime: stored.mime,
    size: stored.size,
    mediaId: stored.mediaId,
  };
}

/** Sends one message for a user and waits for its replies; never throws. */
export async function sendOne(
  driver: Driver,
  user: SimUser,
  step: ScriptStep | { kind: "text"; text: string; expect: string | RegExp | null },
): Promise<InboundRecord> {
  const acceptedAt = performance.now();
  const record: InboundRecord = {
    user: user.index,
    sent: step.kind === "text" ? step.text : `[${step.file}]`,
    acceptedAt,
    handledAt: null,
    repliedAt: null,
    replyIds: [],
    outcome: "error",
    expected: false,
  };
  try {
    const content = await contentOf(driver, user, step as ScriptStep);
    const outcome = await driver.inbound.handle({
      channel: "CONSOLE",
      messageId: randomUUID(),
      sender: sender(user),
      at: new Date().toISOString(),
      content,
    });
    record.outcome = outcome.type;
    record.handledAt = performance.now();
    if (outcome.type !== "handled") {
      if (outcome.type === "invalid") record.error = outcome.problems;
      return record;
    }
    record.replyIds = outcome.replyIds;
    if (outcome.ticketNumber) {
      user.ticketNumber = outcome.ticketNumber;
      user.confirmAt = acceptedAt;
    }
    const sent = await Promise.race([
      driver.capture.waitForAll(outcome.replyIds),
      driver.giveUp.then(() => null),
    ]);
    if (sent) {
      record.repliedAt = Math.max(acceptedAt, ...sent.map((s) => s.at));
      const text = sent.map((s) => s.text).join("\n");
      const expect = step.expect;
      record.expected =
        sent.length > 0 &&
        (expect === null ||
          (typeof expect === "string" ? text.includes(expect) : expect.test(text)));
      if (!record.expected) record.reply = text.slice(0, 300);
    }
  } catch (err) {
    record.error = err instanceof Error ? err.message : String(err);
  }
  return record;
}

/**
 * Calls `dispatch` `rate` times a second until `stop()` says so. A slot with
 * nobody ready to send is skipped (counted), not made up later.
 */
export async function pace(opts: {
  rate: number;
  stop: () => boolean;
  dispatch: () => boolean;
}): Promise<{ dispatched: number; skipped: number; spanMs: number }> {
  const start = performance.now();
  let dispatched = 0;
  let skipped = 0;
  while (!opts.stop()) {
    const due = Math.floor(((performance.now() - start) * opts.rate) / 1000);
    while (dispatched + skipped < due) {
      if (opts.dispatch()) dispatched++;
      else skipped += due - dispatched - skipped;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  return { dispatched, skipped, spanMs: performance.now() - start };
}

/** Every user walks the whole intake; the crowd as a whole sends `rate` messages a second. */
export async function runIntake(
  driver: Driver,
  users: SimUser[],
  rate: number,
): Promise<{
  records: InboundRecord[];
  spanMs: number;
  skipped: number;
  usersCompleted: number;
  gaveUp: boolean;
}> {
  const records: InboundRecord[] = [];
  const ready: SimUser[] = [...users];
  let finished = 0;
  let inFlight = 0;
  let givenUp = false;
  void driver.giveUp.then(() => {
    givenUp = true;
  });
  for (const user of users) {
    driver.capture.onSend(user.externalId, (sent) => {
      if (!sent.text.includes(ROUTED_MARKER)) return;
      user.routedCount++;
      user.routedAt ??= sent.at;
    });
  }
  const start = performance.now();
  let lastDone = start;
  const paced = await pace({
    rate,
    stop: () => givenUp || finished === users.length,
    dispatch: () => {
      const user = ready.shift();
      if (!user) return false;
      user.busy = true;
      inFlight++;
      const step = user.script[user.step] as ScriptStep;
      void sendOne(driver, user, step).then((record) => {
        records.push(record);
        lastDone = Math.max(lastDone, record.repliedAt ?? performance.now());
        inFlight--;
        user.busy = false;
        if (record.outcome !== "handled" || record.error) {
          // Like a person whose message got no answer: the step is lost and
          // the user stops here (counted as a failure, not retried).
          finished++;
          return;
        }
        user.step++;
        if (user.step < user.script.length) ready.push(user);
        else finished++;
      });
      return true;
    },
  });
  while (inFlight > 0 && !givenUp) await new Promise((r) => setTimeout(r, 10));
  return {
    records,
    spanMs: lastDone - start,
    skipped: paced.skipped,
    usersCompleted: users.filter((u) => u.step >= u.script.length).length,
    gaveUp: givenUp,
  };
}

/** Open loop: `rate` messages a second for `seconds`, whatever the answers. */
export async function runBurst(
  driver: Driver,
  users: SimUser[],
  rate: number,
  seconds: number,
): Promise<{
  records: InboundRecord[];
  sendSpanMs: number;
  drainMs: number;
  offered: number;
  /** Messages handled per second, from the burst's start to the last handle() that returned. */
  handledPerSecond: number;
}> {
  const pending: Promise<InboundRecord>[] = [];
  const start = performance.now();
  let next = 0;
  const paced = await pace({
    rate,
    stop: () => performance.now() - start >= seconds * 1000,
    dispatch: () => {
      const user = users[next % users.length] as SimUser;
      const asks = Math.floor(next / users.length) % 2 === 0 || !user.ticketNumber;
      next++;
      pending.push(
        sendOne(
          driver,
          user,
          asks
            ? { kind: "text", text: "menu", expect: null }
            : {
                kind: "text",
                text: `status ${user.ticketNumber}`,
                expect: user.ticketNumber as string,
              },
        ),
      );
      return true;
    },
  });
  const sendEnd = performance.now();
  const records = await Promise.all(pending);
  const lastReply = Math.max(sendEnd, ...records.map((r) => r.repliedAt ?? 0));
  const handled = records.filter((r) => r.outcome === "handled");
  const lastHandled = Math.max(start, ...handled.map((r) => r.handledAt ?? start));
  return {
    records,
    sendSpanMs: paced.spanMs,
    drainMs: lastReply - sendEnd,
    offered: paced.dispatched,
    handledPerSecond: (handled.length * 1000) / Math.max(1, lastHandled - start),
  };
}
