// The sealed rows of Baileys' auth state: one row per key of a session (the
// creds are the row `creds/creds`), each value sealed and bound to its
// session, category and key id. Writes of one session take turns.
import { type AuthenticationCreds, BufferJSON, proto } from "@whiskeysockets/baileys";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import type { Tx } from "../../core/infra/stores/tx.ts";

export const CREDS = { category: "creds", keyId: "creds" } as const;

export interface AuthStoreDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  sessionId: string;
  logger?: Logger;
}

export const serialise = (value: unknown) => JSON.stringify(value, BufferJSON.replacer);
/** Each value is bound to its session, category and key id. */
export const where = (sessionId: string, category: string, keyId: string) =>
  bound("whatsapp_auth_state.value", sessionId, category, keyId);
export const unseal = (
  cipher: Cipher,
  row: { sessionId: string; category: string; keyId: string; value: Uint8Array },
): unknown =>
  JSON.parse(
    cipher.openText(Buffer.from(row.value), where(row.sessionId, row.category, row.keyId)),
    BufferJSON.reviver,
  );

/** Baileys reads this one as a protobuf object, not plain JSON. */
export function revive(category: string, value: unknown): unknown {
  if (category === "app-state-sync-key" && value) {
    return proto.Message.AppStateSyncKeyData.fromObject(value as Record<string, unknown>);
  }
  return value;
}

/**
 * Writers of one session take turns: two transactions that delete and insert
 * the same key could otherwise both insert it.
 */
async function lockSession(tx: Tx, sessionId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`whatsapp-auth:${sessionId}`}))`;
}

export interface Write {
  category: string;
  keyId: string;
  /** Serialised at set() time: Baileys may change its objects afterwards. */
  json: string | null;
}

/** Writes the given keys (deleting those set to null) in one transaction. */
export async function writeKeys(deps: AuthStoreDeps, writes: readonly Write[]): Promise<void> {
  const { prisma, cipher, sessionId } = deps;
  if (writes.length === 0) return;
  const byCategory = new Map<string, Write[]>();
  for (const w of writes) byCategory.set(w.category, [...(byCategory.get(w.category) ?? []), w]);
  await prisma.$transaction(
    async (tx) => {
      await lockSession(tx, sessionId);
      for (const [category, rows] of byCategory) {
        await tx.whatsappAuthState.deleteMany({
          where: { sessionId, category, keyId: { in: rows.map((r) => r.keyId) } },
        });
        const kept = rows.filter((r) => r.json !== null);
        if (kept.length === 0) continue;
        await tx.whatsappAuthState.createMany({
          data: kept.map((r) => ({
            sessionId,
            category,
            keyId: r.keyId,
            value: cipher.seal(r.json as string, where(sessionId, category, r.keyId)),
          })),
        });
      }
    },
    // The first connection uploads hundreds of pre-keys at once.
    { timeout: 60_000, maxWait: 30_000 },
  );
}

export async function readCreds(deps: AuthStoreDeps): Promise<AuthenticationCreds | null> {
  const row = await deps.prisma.whatsappAuthState.findUnique({
    where: { sessionId_category_keyId: { sessionId: deps.sessionId, ...CREDS } },
  });
  return row ? (unseal(deps.cipher, row) as AuthenticationCreds) : null;
}
