// The hostile corpus (test/fixtures/hostile/) through the engine and the media
// checks: every input gets a clear answer, nothing throws, no state breaks.
import { describe, expect, it } from "vitest";
import { inboundMessageSchema, MAX_INBOUND_TEXT } from "../../core/contracts/messages.ts";
import {
  type ConversationEvent,
  type ConversationState,
  conversationStateSchema,
  createDecider,
  type Effect,
} from "../../core/domain/conversation/index.ts";
import { sanitizeUserText } from "../../core/domain/privacy/sanitize.ts";
import { checkFile } from "../../core/infra/media/file-type.ts";
import { loadSharp, sanitizeNatively } from "../../core/infra/media/image-sanitizer.native.ts";
import { createImageSanitizer } from "../../core/infra/media/image-sanitizer.ts";
import { sanitizeFile } from "../../core/infra/media/sanitize-file.ts";
import {
  atStep,
  completeDraft,
  emptyTestDraft,
  stateWith,
  T0,
  testSettings,
} from "../fixtures/conversation.builders.ts";
import { hostileFiles, hostileTexts, oversizedPdf } from "../fixtures/hostile/corpus.ts";
import { decideChained } from "../fixtures/hostile/follow-up.ts";

const MAX_BYTES = 10 * 1024 * 1024;
const decide = createDecider(testSettings({ maxUploadBytes: MAX_BYTES }));
const at = new Date(Date.parse(T0) + 60_000).toISOString();

const replyTexts = (effects: readonly Effect[]) =>
  effects.flatMap((e) => (e.type === "reply" ? [e.text] : []));

/** One decision; the answer must be there and the state must still parse. */
function answer(state: ConversationState, event: ConversationEvent): string {
  const decision = decideChained(decide, state, event);
  const parsed = conversationStateSchema.safeParse(decision.state);
  expect(parsed.success, parsed.success ? "" : parsed.error.message).toBe(true);
  const texts = replyTexts(decision.effects);
  expect(texts.length, `no answer in ${state.mode.type}`).toBeGreaterThan(0);
  for (const text of texts) expect(text.trim().length).toBeGreaterThan(0);
  return texts.join("\n");
}

const textStates: [string, ConversationState][] = [
  ["new chat", stateWith({ lastUserEventAt: null })],
  ["menu", stateWith({ mode: { type: "menu", failures: 0 } })],
  ["name", atStep("name", emptyTestDraft())],
  ["nik", atStep("nik", emptyTestDraft({ name: "Siti Aminah" }))],
  ["email", atStep("email", completeDraft({ email: null }))],
  ["phone", atStep("phone", completeDraft({ phone: null }))],
  ["description", atStep("description", completeDraft({ description: null }))],
  ["ktp", atStep("ktp", completeDraft({ ktp: null }))],
];

describe("hostile corpus", () => {
  const texts = hostileTexts();
  const files = hostileFiles();

  it("holds at least 200 inputs", () => {
    expect(texts.length + files.length).toBeGreaterThanOrEqual(200);
  });

  it("answers every hostile text at every kind of question, without throwing", () => {
    for (const { label, text } of texts) {
      // The channel's message parses (or is refused as invalid: never a crash).
      const message = inboundMessageSchema.safeParse({
        channel: "TELEGRAM",
        messageId: "1",
        sender: { externalId: "42" },
        at,
        content: { type: "text", text },
      });
      expect(typeof message.success, label).toBe("boolean");
      const clean = sanitizeUserText(text, MAX_INBOUND_TEXT);
      expect([...clean].length, label).toBeLessThanOrEqual(MAX_INBOUND_TEXT);
      for (const hidden of ["\u0000", "\u200b", "\u202e", "\ufeff"]) {
        expect(clean.includes(hidden), label).toBe(false);
      }
      for (const [where, state] of textStates) {
        try {
          answer(state, { type: "text", at, text: clean });
        } catch (err) {
          throw new Error(`${label} at ${where}: ${(err as Error).message}`);
        }
      }
    }
  });

  it("refuses wrong NIKs with a correction, and never stores them", () => {
    const state = atStep("nik", emptyTestDraft({ name: "Siti Aminah" }));
    for (const { label, text } of texts.filter((t) => t.label.startsWith("wrong NIK"))) {
      const decision = decide(state, { type: "text", at, text: sanitizeUserText(text, 4000) });
      const mode = decision.state.mode;
      expect(mode.type === "intake" && mode.step, label).toBe("nik");
      expect(decision.state.draft?.nik ?? null, label).toBeNull();
      expect(replyTexts(decision.effects).join("\n"), label).toMatch(/NIK/u);
    }
  });

  it("gives every file the same verdict through libvips (sharp), the production re-encoder", async () => {
    const vips = await loadSharp();
    if (!vips) throw new Error("sharp does not load on this machine");
    for (const { label, bytes, expect: expected } of files) {
      const check = await checkFile(bytes, MAX_BYTES);
      const clean = check.ok ? await sanitizeNatively(vips, bytes, check.mime, 40_000_000) : null;
      expect(check.ok && clean?.ok === true ? "accept" : "refuse", label).toBe(expected);
    }
  });

  it("gives every file the same verdict through the JavaScript fallback, except WebP, which it refuses", async () => {
    for (const { label, bytes, expect: expected } of files) {
      const check = await checkFile(bytes, MAX_BYTES);
      const clean = check.ok ? await sanitizeFile(bytes, check.mime) : null;
      // Without libvips a WebP cannot be decoded, and it is never passed through undecoded.
      const verdict = check.ok && check.mime === "image/webp" ? "refuse" : expected;
      expect(check.ok && clean?.ok === true ? "accept" : "refuse", label).toBe(verdict);
    }
  });

  it("accepts only real files, strips them, and answers every file at the KTP step", async () => {
    const ktp = atStep("ktp", completeDraft({ ktp: null }));
    const all = [
      ...files,
      { label: "PDF over the cap", bytes: oversizedPdf(MAX_BYTES), expect: "refuse" as const },
    ];
    // The re-encoder the app uses: libvips where sharp loads.
    const sanitizer = createImageSanitizer({ threads: 1, native: true });
    for (const { label, bytes, expect: expected } of all) {
      const check = await checkFile(bytes, MAX_BYTES);
      const clean = check.ok ? await sanitizer.sanitize(bytes, check.mime, 40_000_000) : null;
      const accepted = check.ok && clean?.ok === true;
      expect(accepted ? "accept" : "refuse", label).toBe(expected);
      const unsafePdf = clean?.ok === false && clean.reason === "ACTIVE_CONTENT";
      // The media event as the channels build it (bot/console/console.channel.ts).
      const event: ConversationEvent =
        check.ok && clean?.ok
          ? {
              type: "media",
              at,
              kind: clean.mime === "application/pdf" ? "document" : "image",
              mime: clean.mime,
              size: clean.bytes.length,
              mediaId: `m-${label}`,
            }
          : unsafePdf
            ? {
                type: "media",
                at,
                kind: "document",
                mime: "application/pdf",
                size: bytes.length,
                mediaId: null,
                refusal: "activeContent",
              }
            : {
                type: "media",
                at,
                kind: !check.ok && check.reason === "TOO_LARGE" ? "document" : "other",
                mime: !check.ok && check.reason === "TOO_LARGE" ? "application/pdf" : null,
                size: bytes.length,
                mediaId: null,
              };
      const reply = answer(ktp, event);
      if (!accepted) {
        expect(reply, label).toMatch(
          !check.ok && check.reason === "TOO_LARGE"
            ? /terlalu besar/u
            : unsafePdf
              ? /tidak dapat kami terima demi keamanan/u
              : /JPG, PNG/u,
        );
      }
    }
    expect(sanitizer.counts().native).toBeGreaterThan(0);
    await sanitizer.close();
  });
});
