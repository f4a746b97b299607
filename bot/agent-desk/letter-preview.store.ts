// Disruption-letter previews waiting for an agent's "Terbitkan", kept in Redis
// so the button still works after a bot restart and from any bot process. Only
// the letter's input is kept, never the PDF (issuing renders it again), and it
// is sealed: "pihak terdampak" is free text an agent typed and may name people.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { type DisruptionLetterInput, disruptionLetterInputSchema } from "../../core/app/letters.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { RedisClient } from "../../core/infra/redis.ts";

/** How long a preview can be issued: an hour, as the desk has always said. */
export const LETTER_PREVIEW_TTL_MS = 60 * 60_000;
/** What a taken preview leaves behind, so a late second press is told "already done", not "expired". */
const TAKEN = "taken";
const TAKEN_TTL_MS = 24 * 60 * 60_000;

const previewSchema = z.object({
  input: disruptionLetterInputSchema,
  /** The ticket's topic, where the issued letter is posted. */
  threadId: z.number().int(),
});

export interface LetterPreview {
  input: DisruptionLetterInput;
  threadId: number;
}

export type TakenPreview =
  | { type: "taken"; preview: LetterPreview }
  /** Never stored, or its hour is up. */
  | { type: "expired" }
  /** Another press (maybe another agent's, maybe in another process) took it first. */
  | { type: "alreadyTaken" };

export function createLetterPreviewStore(deps: {
  redis: RedisClient;
  cipher: Pick<Cipher, "seal" | "openText">;
  /** The queue prefix, so deployments and test runs sharing a Redis stay apart. */
  prefix: string;
  ttlMs?: number;
}) {
  const ttlMs = deps.ttlMs ?? LETTER_PREVIEW_TTL_MS;
  const keyOf = (id: string) => `${deps.prefix}:desk:letter-preview:${id}`;
  // Bound to its Redis key, like a database box to its row.
  const where = (id: string) => ({ table: "redis", column: "desk:letter-preview", id });

  return {
    ttlMs,
    /** Stores the preview; returns its id for the buttons (a UUID: 36 of the 64 bytes of callback data). */
    async put(preview: LetterPreview): Promise<string> {
      const id = randomUUID();
      const sealed = deps.cipher.seal(JSON.stringify(preview), where(id)).toString("base64");
      await deps.redis.set(keyOf(id), sealed, "PX", ttlMs);
      return id;
    },
    /**
     * Takes the preview once: one atomic SET … XX GET swaps it for a marker, so
     * of two agents pressing at once exactly one gets it, whichever process
     * each press reaches.
     */
    async take(id: string): Promise<TakenPreview> {
      const old = await deps.redis.set(keyOf(id), TAKEN, "PX", TAKEN_TTL_MS, "XX", "GET");
      if (old === null) return { type: "expired" };
      if (old === TAKEN) return { type: "alreadyTaken" };
      const preview = previewSchema.parse(
        JSON.parse(deps.cipher.openText(Buffer.from(old, "base64"), where(id))),
      );
      return { type: "taken", preview };
    },
  };
}
