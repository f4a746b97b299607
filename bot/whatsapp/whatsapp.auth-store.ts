// Baileys' auth state (the account's creds and the Signal keys) in the
// database: one sealed row per key, so a write touches only the keys that
// changed, in one transaction. Baileys' multi-file store is a demo: files get
// torn on a crash and a second host cannot take over.
// The rows are whatsapp.auth-rows.ts; the keys, served from memory and written
// behind, whatsapp.key-store.ts.
import { type AuthenticationState, initAuthCreds } from "@whiskeysockets/baileys";
import { type AuthStoreDeps, CREDS, readCreds, serialise, where } from "./whatsapp.auth-rows.ts";
import { openKeyStore, type PersistentKeyStore } from "./whatsapp.key-store.ts";

export interface DatabaseAuthState {
  state: AuthenticationState & { keys: PersistentKeyStore };
  /** Writes the creds (Baileys updates them in place, then emits creds.update). */
  saveCreds(): Promise<void>;
  /** Resolves once the creds and keys written so far are in the database. */
  settle(): Promise<void>;
  /** Stops writing anything more (logged out, or the lock lost). */
  discard(): void;
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
