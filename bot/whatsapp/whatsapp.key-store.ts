// The Signal keys of a session, read once per connection and then served from
// memory; writes go to memory at once and to the database right after, in
// order. Baileys reads and writes keys inside sendMessage, and the outbound
// sender calls sendMessage inside its own transaction: on the embedded
// database (one connection) a key query awaited there would wait for that
// transaction, which waits for it. A crash can lose the last few milliseconds
// of key updates; WhatsApp's retry receipts re-establish a session that fell
// behind.
import type { SignalDataSet, SignalDataTypeMap, SignalKeyStore } from "@whiskeysockets/baileys";
import {
  type AuthStoreDeps,
  CREDS,
  revive,
  serialise,
  unseal,
  type Write,
  writeKeys,
} from "./whatsapp.auth-rows.ts";

const RETRY_MS = 1000;

export interface PersistentKeyStore extends SignalKeyStore {
  /** Resolves once every write made so far is in the database. */
  flush(): Promise<void>;
  /** Drops writes not yet stored and stops writing (logged out, or the lock lost). */
  discard(): void;
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
