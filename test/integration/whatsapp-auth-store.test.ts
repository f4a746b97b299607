// The WhatsApp auth state, sent messages and LID mappings in the database, on
// both databases the bot runs on: what Baileys writes is what a restart reads.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { BufferJSON, initAuthCreds, proto } from "@whiskeysockets/baileys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCreds } from "../../bot/whatsapp/whatsapp.auth-rows.ts";
import { clearAuthState, loadAuthState } from "../../bot/whatsapp/whatsapp.auth-store.ts";
import { openKeyStore } from "../../bot/whatsapp/whatsapp.key-store.ts";
import {
  findPhoneForLid,
  loadSentMessage,
  pruneSentMessages,
  saveLidMapping,
  saveSentMessage,
} from "../../bot/whatsapp/whatsapp.store.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { testCipher } from "../support/app.ts";
import { TEST_DATABASE_URL } from "../support/env.ts";

const backends = [
  {
    name: "PostgreSQL",
    open: async () => ({
      db: await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL }),
      cleanup: async () => {},
    }),
  },
  {
    name: "PGlite",
    open: async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "lpse-wa-auth-"));
      const db = await openDatabase({ kind: "embedded", dir });
      await db.migrate();
      return { db, cleanup: () => rm(dir, { recursive: true, force: true }) };
    },
  },
];

const asJson = (value: unknown) => JSON.stringify(value, BufferJSON.replacer);

describe.each(backends)("WhatsApp auth store on $name", ({ open }) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let sessionId: string;
  const deps = () => ({ prisma: db.prisma, cipher: testCipher, sessionId });

  beforeAll(async () => {
    ({ db, cleanup } = await open());
  });
  afterAll(async () => {
    await db?.close();
    await cleanup?.();
  });

  it("starts unpaired, saves the creds, and a restart reads the same creds back", async () => {
    sessionId = `s-${randomUUID().slice(0, 8)}`;
    const first = await loadAuthState(deps());
    expect(first.state.creds.registered).toBe(false);
    expect(await readCreds(deps())).toBeNull();

    // Baileys updates the creds in place, then emits creds.update.
    Object.assign(first.state.creds, {
      registered: true,
      me: { id: "62811579941:7@s.whatsapp.net", name: "LPSE Landak" },
    });
    await first.saveCreds();

    const restarted = await loadAuthState(deps());
    expect(restarted.state.creds.registered).toBe(true);
    expect(asJson(restarted.state.creds)).toBe(asJson(first.state.creds));
    // Key material comes back as bytes, not as JSON objects.
    expect(Buffer.isBuffer(restarted.state.creds.noiseKey.private)).toBe(true);
    expect(
      Buffer.compare(
        Buffer.from(restarted.state.creds.noiseKey.private),
        Buffer.from(first.state.creds.noiseKey.private),
      ),
    ).toBe(0);
  });

  it("keeps creds sealed at rest", async () => {
    const row = await db.prisma.whatsappAuthState.findFirstOrThrow({
      where: { sessionId, category: "creds" },
    });
    const raw = Buffer.from(row.value).toString("latin1");
    expect(raw).not.toContain("registered");
    expect(raw).not.toContain("62811579941");
  });

  it("round-trips signal keys by type through a restart, writes only what changed, deletes on null", async () => {
    const keys = await openKeyStore(deps());
    const preKey = initAuthCreds().signedIdentityKey;
    const syncKey = { keyData: Buffer.from([1, 2, 3]), timestamp: 1700000000 };
    await keys.set({
      "pre-key": { "1": preKey, "2": preKey },
      session: { "6281234567890.0": Buffer.from("session-bytes") },
      "app-state-sync-key": { AAAA: syncKey },
    });
    await keys.flush();

    // What a new connection (or a restarted process) reads back.
    const reopened = await openKeyStore(deps());
    const pre = await reopened.get("pre-key", ["1", "2", "3"]);
    expect(Object.keys(pre).sort()).toEqual(["1", "2"]);
    expect(Buffer.compare(Buffer.from(pre["1"]?.private ?? []), Buffer.from(preKey.private))).toBe(
      0,
    );
    const session = await reopened.get("session", ["6281234567890.0"]);
    expect(Buffer.from(session["6281234567890.0"] ?? []).toString()).toBe("session-bytes");
    const sync = await reopened.get("app-state-sync-key", ["AAAA"]);
    expect(sync.AAAA).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(sync.AAAA?.keyData ?? []).toString("hex")).toBe("010203");

    const before = await db.prisma.whatsappAuthState.findFirstOrThrow({
      where: { sessionId, category: "pre-key", keyId: "2" },
    });
    await reopened.set({ "pre-key": { "1": null } });
    expect(await reopened.get("pre-key", ["1", "2"])).not.toHaveProperty("1");
    await reopened.flush();
    expect(await (await openKeyStore(deps())).get("pre-key", ["1", "2"])).not.toHaveProperty("1");
    const after = await db.prisma.whatsappAuthState.findFirstOrThrow({
      where: { sessionId, category: "pre-key", keyId: "2" },
    });
    // Key 2 was not part of the write: its row is untouched.
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    expect(Buffer.compare(Buffer.from(after.value), Buffer.from(before.value))).toBe(0);
    const raw = Buffer.from(after.value).toString("latin1");
    expect(raw).not.toContain(Buffer.from(preKey.private).toString("latin1"));
  });

  it("keeps the last write of a key when writes come faster than the database", async () => {
    const keys = await openKeyStore(deps());
    for (let i = 0; i < 50; i++) {
      await keys.set({ session: { burst: Buffer.from(`v${i}`) } });
    }
    await keys.flush();
    const stored = await (await openKeyStore(deps())).get("session", ["burst"]);
    expect(Buffer.from(stored.burst ?? []).toString()).toBe("v49");
  });

  it("takes concurrent writes of the same keys from two stores without losing or duplicating a row", async () => {
    const [a, b] = [await openKeyStore(deps()), await openKeyStore(deps())];
    for (let w = 0; w < 12; w++) {
      const store = w % 2 === 0 ? a : b;
      await store.set({
        session: Object.fromEntries(
          Array.from({ length: 10 }, (_, k) => [`shared-${k}`, Buffer.from(`w${w}`)]),
        ),
        "sender-key": { [`own-${w}`]: Buffer.from(`w${w}`) },
      });
    }
    await Promise.all([a.flush(), b.flush()]);
    const read = await openKeyStore(deps());
    const ids = Array.from({ length: 10 }, (_, k) => `shared-${k}`);
    const shared = await read.get("session", ids);
    expect(Object.keys(shared)).toHaveLength(10);
    for (const value of Object.values(shared)) {
      expect(Buffer.from(value).toString()).toMatch(/^w(10|11)$/);
    }
    const own = await read.get(
      "sender-key",
      Array.from({ length: 12 }, (_, w) => `own-${w}`),
    );
    expect(Object.keys(own)).toHaveLength(12);
    const rows = await db.prisma.whatsappAuthState.count({
      where: { sessionId, category: "session", keyId: { startsWith: "shared-" } },
    });
    expect(rows).toBe(10);
  });

  it("drops unwritten keys once discarded (logged out, lock lost)", async () => {
    const keys = await openKeyStore(deps());
    keys.discard();
    await keys.set({ session: { late: Buffer.from("late") } });
    await keys.flush();
    expect(await (await openKeyStore(deps())).get("session", ["late"])).toEqual({});
  });

  it("clears one session (logged out) and leaves the others", async () => {
    const other = `s-${randomUUID().slice(0, 8)}`;
    const keys = await openKeyStore({ ...deps(), sessionId: other });
    await keys.set({ session: { x: Buffer.from("keep") } });
    await keys.flush();
    expect(await clearAuthState(deps())).toBeGreaterThan(0);
    expect(await db.prisma.whatsappAuthState.count({ where: { sessionId } })).toBe(0);
    expect(await db.prisma.whatsappAuthState.count({ where: { sessionId: other } })).toBe(1);
    expect((await loadAuthState(deps())).state.creds.registered).toBe(false);
  });

  it("keeps sent messages sealed for getMessage, and prunes old ones", async () => {
    const message = { conversation: "Nomor tiket Anda LDK-2026-00001" };
    await saveSentMessage(deps(), "SENT1", message);
    const loaded = await loadSentMessage(deps(), "SENT1");
    expect(loaded?.conversation).toBe(message.conversation);
    expect(await loadSentMessage(deps(), "NOPE")).toBeUndefined();
    const row = await db.prisma.whatsappSentMessage.findFirstOrThrow({
      where: { sessionId, messageId: "SENT1" },
    });
    expect(Buffer.from(row.messageEnc).toString("latin1")).not.toContain("LDK-2026");

    await db.prisma.whatsappSentMessage.update({
      where: { sessionId_messageId: { sessionId, messageId: "SENT1" } },
      data: { createdAt: new Date(Date.now() - 8 * 24 * 3600_000) },
    });
    await saveSentMessage(deps(), "SENT2", { conversation: "baru" });
    expect(await pruneSentMessages(deps(), new Date(Date.now() - 7 * 24 * 3600_000))).toBe(1);
    expect(await loadSentMessage(deps(), "SENT1")).toBeUndefined();
    expect((await loadSentMessage(deps(), "SENT2"))?.conversation).toBe("baru");
  });

  it("maps a LID to its phone JID: the LID hashed, the number sealed", async () => {
    const lid = "123456789012345@lid";
    expect(await findPhoneForLid(deps(), lid)).toBeNull();
    await saveLidMapping(deps(), lid, "6281234567890@s.whatsapp.net");
    await saveLidMapping(deps(), lid, "6281234567891@s.whatsapp.net");
    expect(await findPhoneForLid(deps(), lid)).toBe("6281234567891@s.whatsapp.net");
    const rows = await db.prisma.whatsappLidMapping.findMany({ where: { sessionId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.lidHash).not.toContain("123456789012345");
    expect(Buffer.from(rows[0]?.pnEnc ?? []).toString("latin1")).not.toContain("628123");
  });
});
