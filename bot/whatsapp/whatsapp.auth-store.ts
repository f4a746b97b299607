// Baileys' auth state (the account's creds and the Signal keys) in the
// database: one sealed row per key, so a write touches only the keys that
// changed, in one transaction. Baileys' multi-file store is a demo: files get
// torn on a crash and a second host cannot take over.
//
// The keys are read once per connection and then served from memory; writes
// go to memory at once and to the database right after, in order. Baileys
// reads and writes keys inside sendMessage, and the outbound sender calls
// sendMessage inside its own transaction: on the embedded database (one
// connection) a key query awaited there would wait for that transaction, which
// waits for it. A crash can lose the last few milliseconds of key updates;
// WhatsApp's retry receipts re-establish a session that fell behind.
import {
  type AuthenticationCreds,
  type AuthenticationState,
  BufferJSON,
  initAuthCreds,
  proto,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from "@whiskeysockets/baileys";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import type { Tx } from "../../core/infra/stores/tx.ts";

const CREDS = { category: "creds", keyId: "creds" } as const;
const RETRY_MS = 1000;

export interface AuthStoreDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  sessionId: string;
  logger?: Logger;
}

export interface PersistentKeyStore extends SignalKeyStore {
  /** Resolves once every write made so far is in the database. */
  flush(): Promise<void>;
  /** Drops writes not yet stored and stops writing (logged out, or the lock lost). */
  discard(): void;
}

export interface DatabaseAuthState {
  state: AuthenticationState & { keys: PersistentKeyStore };
  /** Writes the creds (Baileys updates them in place, then emits creds.update). */
  saveCreds(): Promise<void>;
  /** Resolves once the creds and keys written so far are in the database. */
  settle(): Promise<void>;
  /** Stops writing anything more (logged out, or the lock lost). */
  discard(): void;
}

const serialise = (value: unknown) => JSON.stringify(value, BufferJSON.replacer);
/** Each value is bound to its session, category and key id. */
const where = (sessionId: string, category: string, keyId: string) =>
  bound("whatsapp_auth_state.value", sessionId, category, keyId);
const unseal = (
  cipher: Cipher,
  row: { sessionId: string; category: string; keyId: string; value: Uint8Array },
): unknown =>
  JSON.parse(
    cipher.openText(Buffer.from(row.value), where(row.sessionId, row.category, row.keyId)),
    BufferJSON.reviver,
  );

/** Baileys reads this one as a protobuf object, not plain JSON. */
function revive(category: string, value: unknown): unknown {
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

interface Write {
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

/** Loads every key of the session; serves them from memory, writes behind. */
export async function openKeyStore(deps: AuthStoreDeps): Promise<PersistentKeyStore> {
  const rows = await deps.prisma.whatsappAuthState.findMany({
    where: { sessionId: deps.sessionId, NOT: { category: CREDS.category } },
  });
  const memory = new Map<string, Map<string, unknown>>();
  const bucket = (category: string) => {
    let found = memory.get(category);
    if (!found) {
      found = new Map();
      memory.set(category, found);
    }
    return found;
  };
  for (const row of rows) {
    bucket(row.category).set(row.keyId, revive(row.category, unseal(deps.cipher, row)));
  }

  const pending = new Map<string, Write>();
  let discarded = false;
  let chain: Promise<void> = Promise.resolve();
  let retryTimer: NodeJS.Timeout | undefined;

  async function writePending(): Promise<void> {
    if (discarded || pending.size === 0) return;
    const batch = [...pending.values()];
    pending.clear();
    try {
      await writeKeys(deps, batch);
    } catch (err) {
      // Put back what no newer write replaced, and try again shortly.
      for (const w of batch) {
        const id = `${w.category}\0${w.keyId}`;
        if (!pending.has(id)) pending.set(id, w);
      }
      deps.logger?.error({ err, keys: batch.length }, "WhatsApp keys not saved; retrying");
      clearTimeout(retryTimer);
      retryTimer = setTimeout(schedule, RETRY_MS);
      throw err;
    }
  }

  function schedule(): Promise<void> {
    chain = chain.then(writePending, writePending);
    chain.catch(() => {});
    return chain;
  }

  return {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const found: { [id: string]: SignalDataTypeMap[T] } = {};
      const stored = memory.get(type);
      if (!stored) return found;
      for (const id of ids) {
        const value = stored.get(id);
        if (value !== undefined) found[id] = value as SignalDataTypeMap[T];
      }
      return found;
    },
    async set(data: SignalDataSet) {
      if (discarded) return;
      for (const [category, entries] of Object.entries(data)) {
        for (const [keyId, value] of Object.entries(entries ?? {})) {
          if (value) bucket(category).set(keyId, value);
          else memory.get(category)?.delete(keyId);
          pending.set(`${category}\0${keyId}`, {
            category,
            keyId,
            json: value ? serialise(value) : null,
          });
        }
      }
      // Not awaited: see the top of the file.
      void schedule();
    },
    async clear() {
      memory.clear();
      pending.clear();
      await deps.prisma.whatsappAuthState.deleteMany({
        where: { sessionId: deps.sessionId, NOT: { category: CREDS.category } },
      });
    },
    async flush() {
      while (!discarded && pending.size > 0) await schedule();
      await chain.catch(() => {});
    },
    discard() {
      discarded = true;
      pending.clear();
      clearTimeout(retryTimer);
    },
  };
}

/** The session's auth state; a fresh one (to be paired) when none is stored. */
export async function loadAuthState(deps: AuthStoreDeps): Promise<DatabaseAuthState> {
  const creds = (await readCreds(deps)) ?? initAuthCreds();
  const keys = await openKeyStore(deps);
  let writing: Promise<void> = Promise.resolve();
  let discarded = false;
  return {
    state: { creds, keys },
    saveCreds() {
      if (discarded) return writing;
      // In order, each writing the creds as they are by then.
      writing = writing
        .catch(() => {})
        .then(async () => {
          const value = deps.cipher.seal(
            serialise(creds),
            where(deps.sessionId, CREDS.category, CREDS.keyId),
          );
          await deps.prisma.whatsappAuthState.upsert({
            where: { sessionId_category_keyId: { sessionId: deps.sessionId, ...CREDS } },
            create: { sessionId: deps.sessionId, ...CREDS, value },
            update: { value },
          });
        });
      return writing;
    },
    async settle() {
      await writing.catch(() => {});
      await keys.flush();
    },
    discard() {
      discarded = true;
      keys.discard();
    },
  };
}

/** Forgets the pairing (after WhatsApp logged the device out): the next start shows a QR. */
export async function clearAuthState(deps: Pick<AuthStoreDeps, "prisma" | "sessionId">) {
  const { count } = await deps.prisma.whatsappAuthState.deleteMany({
    where: { sessionId: deps.sessionId },
  });
  return count;
}
