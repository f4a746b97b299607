// Purge steps that must open sealed values to find a person's rows: the
// channel address (and the WhatsApp rows named after it), and Telegram updates
// not handled yet. See purge.ts for where they run.
import type { Cipher } from "../infra/crypto.ts";
import { bound, LID_HASH_PURPOSE } from "../infra/sealed-columns.ts";
import { contactPhone } from "../infra/stores/contact.store.ts";
import type { Tx } from "../infra/stores/tx.ts";

interface Ctx {
  tx: Tx;
  cipher: Cipher;
}

const BATCH = 500;

/**
 * Opens a box while scanning for a person's rows; a box no configured key
 * opens (a retired key) cannot be matched, and must not stop the erasure.
 */
function tryOpen(cipher: Cipher, sealed: Uint8Array, where: Parameters<Cipher["openText"]>[1]) {
  try {
    return cipher.openText(Buffer.from(sealed), where);
  } catch {
    return null;
  }
}
export const ERASED_HASH_PREFIX = "erased:";

/** Contacts still holding an address, opened. */
async function addressesOf(ctx: Ctx, contactIds: readonly string[]) {
  if (contactIds.length === 0) return [];
  const rows = await ctx.tx.contact.findMany({
    where: {
      id: { in: [...contactIds] },
      NOT: { externalIdHash: { startsWith: ERASED_HASH_PREFIX } },
    },
  });
  return rows.map((row) => ({
    row,
    address: ctx.cipher.openText(
      Buffer.from(row.externalIdEnc),
      bound("contacts.external_id_enc", row.id),
    ),
    phone: contactPhone(ctx.cipher, row),
  }));
}

/**
 * The WhatsApp "users" (digits before the @) of a person: their JID, the
 * phone number WhatsApp told us, and the LID Baileys mapped it to.
 */
async function whatsappUsers(ctx: Ctx, address: string, phone: string | null) {
  const pn = new Set<string>();
  const lid = new Set<string>();
  const user = (jid: string) => jid.split("@")[0]?.split(":")[0] ?? "";
  if (address.endsWith("@lid")) lid.add(user(address));
  else if (address.includes("@")) pn.add(user(address));
  if (phone) pn.add(phone.replace(/\D/g, ""));
  // Baileys keeps pn -> lid as a 'lid-mapping' key named by the phone number.
  const mappings = await ctx.tx.whatsappAuthState.findMany({
    where: { category: "lid-mapping", keyId: { in: [...pn] } },
  });
  for (const m of mappings) {
    const text = tryOpen(
      ctx.cipher,
      m.value,
      bound("whatsapp_auth_state.value", m.sessionId, m.category, m.keyId),
    );
    const value = text === null ? null : (JSON.parse(text) as unknown);
    if (typeof value === "string") lid.add(value);
  }
  pn.delete("");
  lid.delete("");
  return { pn: [...pn], lid: [...lid] };
}

/** Baileys names signal sessions, device lists and lid mappings after the user's digits. */
async function deleteAuthStateRows(ctx: Ctx, users: readonly string[]): Promise<number> {
  if (users.length === 0) return 0;
  const patterns = users.map((u) => `(^|[^0-9])${u}([^0-9]|$)`);
  return ctx.tx.$executeRaw`
    DELETE FROM whatsapp_auth_state
    WHERE category <> 'creds' AND key_id ~ ANY(${patterns}::text[])`;
}

async function deleteLidMappings(
  ctx: Ctx,
  pnUsers: readonly string[],
  lidUsers: readonly string[],
) {
  let deleted = 0;
  if (lidUsers.length > 0) {
    const hashes = lidUsers.map((u) => ctx.cipher.hash(LID_HASH_PURPOSE, `${u}@lid`));
    deleted += (await ctx.tx.whatsappLidMapping.deleteMany({ where: { lidHash: { in: hashes } } }))
      .count;
  }
  if (pnUsers.length === 0) return deleted;
  // The phone number is sealed: open each mapping to find the person's.
  const wanted = new Set(pnUsers);
  let cursor: { sessionId: string; lidHash: string } | undefined;
  for (;;) {
    const rows = await ctx.tx.whatsappLidMapping.findMany({
      take: BATCH,
      orderBy: [{ sessionId: "asc" }, { lidHash: "asc" }],
      ...(cursor ? { skip: 1, cursor: { sessionId_lidHash: cursor } } : {}),
    });
    if (rows.length === 0) return deleted;
    for (const r of rows) {
      const pn = tryOpen(
        ctx.cipher,
        r.pnEnc,
        bound("whatsapp_lid_mappings.pn_enc", r.sessionId, r.lidHash),
      );
      if (pn !== null && wanted.has(pn.split("@")[0]?.split(":")[0] ?? "")) {
        await ctx.tx.whatsappLidMapping.delete({
          where: { sessionId_lidHash: { sessionId: r.sessionId, lidHash: r.lidHash } },
        });
        deleted++;
      }
    }
    const last = rows.at(-1);
    cursor = last ? { sessionId: last.sessionId, lidHash: last.lidHash } : undefined;
  }
}

/**
 * Forgets where the contacts can be reached: the sealed address becomes an
 * empty box, the look-up hash a marker (a message from them later starts a
 * new contact), and the WhatsApp rows named after their number go.
 */
export async function forgetChannelAddresses(
  ctx: Ctx,
  contactIds: readonly string[],
): Promise<number> {
  let forgotten = 0;
  for (const { row, address, phone } of await addressesOf(ctx, contactIds)) {
    if (row.channel === "WHATSAPP" || phone) {
      const users = await whatsappUsers(ctx, address, phone);
      await deleteAuthStateRows(ctx, [...users.pn, ...users.lid]);
      await deleteLidMappings(ctx, users.pn, users.lid);
    }
    await ctx.tx.contact.update({
      where: { id: row.id },
      data: {
        externalIdEnc: ctx.cipher.seal("", bound("contacts.external_id_enc", row.id)),
        externalIdHash: `${ERASED_HASH_PREFIX}${row.id}`,
        phoneEnc: null,
        displayName: null,
      },
    });
    forgotten++;
  }
  return forgotten;
}

/** Whether any object in a Telegram update has this id (chat, sender). */
function mentionsId(value: unknown, ids: ReadonlySet<string>): boolean {
  if (Array.isArray(value)) return value.some((v) => mentionsId(v, ids));
  if (value === null || typeof value !== "object") return false;
  return Object.entries(value).some(([key, v]) =>
    key === "id" && (typeof v === "number" || typeof v === "string")
      ? ids.has(String(v))
      : mentionsId(v, ids),
  );
}

/** Updates of these contacts still waiting in the polling inbox (a crash, or one that failed). */
export async function purgeTelegramInbox(ctx: Ctx, contactIds: readonly string[]) {
  const chats = new Set(
    (await addressesOf(ctx, contactIds))
      .filter(({ row }) => row.channel === "TELEGRAM")
      .map(({ address }) => address),
  );
  if (chats.size === 0) return 0;
  let deleted = 0;
  // The inbox holds only what is not handled yet: small, read whole.
  const rows = await ctx.tx.telegramInbox.findMany({ orderBy: { updateId: "asc" } });
  for (const r of rows) {
    const text = tryOpen(
      ctx.cipher,
      r.updateEnc,
      bound("telegram_inbox.update_enc", r.botId, r.updateId),
    );
    if (text === null || !mentionsId(JSON.parse(text) as unknown, chats)) continue;
    await ctx.tx.telegramInbox.delete({
      where: { botId_updateId: { botId: r.botId, updateId: r.updateId } },
    });
    deleted++;
  }
  return deleted;
}
