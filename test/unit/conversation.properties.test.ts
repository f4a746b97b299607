// Properties of the conversation engine under any sequence of events: random
// unicode, valid and invalid choices, every kind of media, contacts, timeouts
// and system events. The engine never throws, its state always parses, and a
// user who writes always gets an answer (unless a human agent has the chat).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TICKET_STATUSES } from "../../core/content/index.ts";
import { MAX_INBOUND_TEXT } from "../../core/contracts/messages.ts";
import {
  type ConversationEvent,
  type ConversationState,
  conversationStateSchema,
  createDecider,
  type Effect,
  initialState,
  MEDIA_KINDS,
} from "../../core/domain/conversation/index.ts";
import { sanitizeUserText } from "../../core/domain/privacy/sanitize.ts";
import { T0, testSettings, VALID_NIK_MALE } from "../fixtures/conversation.builders.ts";
import { decideChained } from "../fixtures/hostile/follow-up.ts";

const decide = createDecider(testSettings({ maxUploadBytes: 10 * 1024 * 1024 }));

/** Words that move a conversation along, so random runs reach deep states. */
const MEANINGFUL = [
  "halo",
  "/start",
  "menu",
  "1",
  "2",
  "3",
  "ajukan",
  "gagal unggah dokumen penawaran",
  "setuju",
  "ya",
  "tidak",
  "batal",
  "/batal",
  "bantuan",
  "agen",
  "english",
  "bahasa indonesia",
  "selesai",
  "status LDK-2026-00001",
  "data saya",
  "hapus data saya",
  "Siti Aminah",
  VALID_NIK_MALE,
  "6171054101900000",
  "penyedia",
  "CV Kapuas",
  "siti@example.com",
  "0812-3456-7890",
  "10012345000",
  "30/11/2026 14:00",
  "Dokumen penawaran gagal diunggah, muncul pesan error saat upload.",
];

type Step =
  | { kind: "text"; text: string }
  | { kind: "offeredChoice"; index: number }
  | { kind: "choice"; optionId: string }
  | {
      kind: "media";
      media: (typeof MEDIA_KINDS)[number];
      mime: string | null;
      size: number | null;
      stored: boolean;
    }
  | { kind: "contact"; phone: string }
  | { kind: "timeout"; afterMs: number }
  | { kind: "system"; event: "handoffStarted" | "handoffEnded" | "ticketFailed" }
  | { kind: "statusChanged"; status: (typeof TICKET_STATUSES)[number] }
  | { kind: "surveyStart" };

const textArb = fc.oneof(
  fc.constantFrom(...MEANINGFUL),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u200b\u200c\u200d\ufeff",
    "\u202eمرحبا\u202c",
    "👨‍👩‍👧‍👦🇮🇩",
    "%s%n%x{0}",
  ),
);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: textArb.map((text) => ({ kind: "text" as const, text })) },
  {
    weight: 5,
    arbitrary: fc.nat(12).map((index) => ({ kind: "offeredChoice" as const, index })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.string({ maxLength: 30 }), fc.constantFrom("menu.apply", "x.y", "category.nope"))
      .map((optionId) => ({ kind: "choice" as const, optionId })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("media" as const),
      media: fc.constantFrom(...MEDIA_KINDS),
      mime: fc.constantFrom(
        null,
        "image/jpeg",
        "image/png",
        "image/webp",
        "application/pdf",
        "application/zip",
      ),
      size: fc.oneof(fc.constant(null), fc.nat(30 * 1024 * 1024)),
      stored: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.constantFrom("+6281234567890", "081234567890", "12"), fc.string({ maxLength: 20 }))
      .map((phone) => ({ kind: "contact" as const, phone })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(60_000, 3_600_000, 25 * 3_600_000, 8 * 24 * 3_600_000)
      .map((afterMs) => ({ kind: "timeout" as const, afterMs })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom("handoffStarted", "handoffEnded", "ticketFailed")
      .map((event) => ({ kind: "system" as const, event })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...TICKET_STATUSES)
      .map((status) => ({ kind: "statusChanged" as const, status })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "surveyStart" as const }) },
);

const lastChoices = (effects: readonly Effect[]) =>
  effects.flatMap((e) => (e.type === "reply" ? (e.choices ?? []).map((c) => c.id) : []));

/** The event a step stands for, given the choices the bot offered last. */
function toEvent(step: Step, at: string, offered: string[], n: number): ConversationEvent {
  switch (step.kind) {
    case "text":
      // As the inbound pipeline hands texts over.
      return { type: "text", at, text: sanitizeUserText(step.text, MAX_INBOUND_TEXT) };
    case "offeredChoice":
      return {
        type: "choice",
        at,
        optionId: offered[step.index % Math.max(1, offered.length)] ?? "none",
      };
    case "choice":
      return { type: "choice", at, optionId: step.optionId };
    case "media":
      return {
        type: "media",
        at,
        kind: step.media,
        mime: step.mime,
        size: step.size,
        mediaId: step.stored ? `media-${n}` : null,
      };
    case "contact":
      return { type: "contact", at, phone: step.phone };
    case "timeout":
      return { type: "timeout", at };
    case "system":
      return { type: step.event, at };
    case "statusChanged":
      return {
        type: "ticketStatusChanged",
        at,
        ticketNumber: "LDK-2026-00001",
        status: step.status,
      };
    case "surveyStart":
      return { type: "surveyStart", at, ticketId: "t-1", ticketNumber: "LDK-2026-00001" };
  }
}

const USER_EVENTS = new Set(["text", "choice", "media", "contact"]);

function run(steps: Step[], channel: "TELEGRAM" | "WHATSAPP" | "CONSOLE") {
  let state: ConversationState = initialState({
    channel,
    channelPhone: channel === "WHATSAPP" ? "6281234567890" : null,
  });
  let nowMs = Date.parse(T0);
  let offered: string[] = [];
  steps.forEach((step, n) => {
    nowMs += step.kind === "timeout" ? step.afterMs : 30_000;
    const at = new Date(nowMs).toISOString();
    const event = toEvent(step, at, offered, n);
    const before = state;
    const chained = decideChained(decide, state, event);
    state = chained.state;
    const effects = chained.effects;
    const parsed = conversationStateSchema.safeParse(state);
    if (!parsed.success)
      throw new Error(`state does not parse after ${event.type}: ${parsed.error.message}`);
    // Stored as JSON: it must survive the round trip unchanged.
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    if (
      USER_EVENTS.has(event.type) &&
      before.mode.type !== "withAgent" &&
      state.mode.type !== "withAgent"
    ) {
      const replies = effects.filter((e) => e.type === "reply");
      if (replies.length === 0) {
        throw new Error(
          `no answer to ${JSON.stringify(event)} in mode ${JSON.stringify(before.mode)}`,
        );
      }
      for (const reply of replies)
        expect(reply.type === "reply" && reply.text.trim().length).toBeGreaterThan(0);
    }
    const choices = lastChoices(effects);
    if (choices.length > 0) offered = choices;
  });
  return state;
}

describe("conversation engine properties", () => {
  it("never throws, always leaves a parseable state, and always answers a user", () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 40 }),
        fc.constantFrom("TELEGRAM" as const, "WHATSAPP" as const, "CONSOLE" as const),
        (steps, channel) => {
          run(steps, channel);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reaches deep intake states from meaningful input, not just the menu", () => {
    // Guards the property above against testing only shallow states.
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 10, maxLength: 40 }), (steps) => {
        const state = run(steps, "TELEGRAM");
        seen.add(state.mode.type === "intake" ? state.mode.step : state.mode.type);
      }),
      { numRuns: 200, seed: 20261128 },
    );
    expect(seen.size).toBeGreaterThanOrEqual(4);
    expect([...seen].some((s) => ["name", "nik", "role", "organisation"].includes(s))).toBe(true);
  });
});
