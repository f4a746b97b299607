// Key rotation on a database of its own (rotation touches every row, so it
// must not share the run's database with other test files).
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rotateKeys } from "../../core/app/rotate-keys.ts";
import { createCipher, newKeySpec, parseMasterKeys, sealedKeyId } from "../../core/infra/crypto.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { storeMedia } from "../../core/infra/stores/media.store.ts";
import { pngFile } from "../fixtures/files.ts";

const hashKey = Buffer.alloc(32, 9);
const oldSpec = newKeySpec("lama");
const newSpec = newKeySpec("baru");
const oldCipher = createCipher({ ...parseMasterKeys(oldSpec), hashKey });
const rotating = createCipher({ ...parseMasterKeys(`${newSpec},${oldSpec}`), hashKey });
const newOnly = createCipher({ ...parseMasterKeys(newSpec), hashKey });
let dir: string;
let db: Database;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lpse-rotate-"));
  db = await openDatabase({ kind: "embedded", dir });
  await db.migrate();
}, 60_000);
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe("npm run keys:rotate", () => {
  it("re-wraps documents and re-seals fields so the old key can go", async () => {
    const contact = await db.prisma.contact.create({
      data: {
        channel: "WHATSAPP",
        externalIdHash: oldCipher.hash(
          "channel-external-id",
          "WHATSAPP:6281234567890@s.whatsapp.net",
        ),
        externalIdEnc: oldCipher.seal("6281234567890@s.whatsapp.net"),
        phoneEnc: oldCipher.seal("+6281234567890"),
      },
    });
    await db.prisma.conversation.create({
      data: { contactId: contact.id, stateEnc: oldCipher.seal('{"a":1}') },
    });
    // The WhatsApp session and a relayed message: tables with composite and uuid keys.
    await db.prisma.whatsappAuthState.create({
      data: {
        sessionId: "helpdesk",
        category: "creds",
        keyId: "creds",
        value: oldCipher.seal("{}"),
      },
    });
    await db.prisma.whatsappLidMapping.create({
      data: {
        sessionId: "helpdesk",
        lidHash: "lid-hash",
        pnEnc: oldCipher.seal("6281234567890@s.whatsapp.net"),
      },
    });
    await db.prisma.deskRelay.create({
      data: { contactId: contact.id, bodyEnc: oldCipher.seal("pesan untuk petugas") },
    });
    const photo = pngFile(16, 16, 20_000);
    const stored = await storeMedia(db.prisma, oldCipher, {
      contactId: contact.id,
      bytes: photo,
      maxBytes: 1e6,
    });
    if (!stored.ok) throw new Error("store failed");
    // What the user wrote on the photo, sealed on its row.
    await db.prisma.attachment.update({
      where: { id: stored.mediaId },
      data: { captionEnc: oldCipher.seal("gagal unggah penawaran") },
    });
    const before = await db.prisma.attachment.findUniqueOrThrow({ where: { id: stored.mediaId } });

    const report = await rotateKeys(db.prisma, rotating);
    expect(report.attachments).toBe(1);
    expect(report.sealedFields).toMatchObject({
      "attachments.caption_enc": 1,
      "contacts.external_id_enc": 1,
      "contacts.phone_enc": 1,
      "conversations.state_enc": 1,
      "desk_relays.body_enc": 1,
      "whatsapp_auth_state.value": 1,
      "whatsapp_lid_mappings.pn_enc": 1,
    });
    const session = await db.prisma.whatsappAuthState.findFirstOrThrow();
    expect(newOnly.openText(Buffer.from(session.value))).toBe("{}");
    const lid = await db.prisma.whatsappLidMapping.findFirstOrThrow();
    expect(newOnly.openText(Buffer.from(lid.pnEnc))).toBe("6281234567890@s.whatsapp.net");
    const relay = await db.prisma.deskRelay.findFirstOrThrow();
    expect(newOnly.openText(Buffer.from(relay.bodyEnc))).toBe("pesan untuk petugas");

    const attachment = await db.prisma.attachment.findUniqueOrThrow({
      where: { id: stored.mediaId },
    });
    expect(attachment.keyId).toBe("baru");
    expect(newOnly.openText(Buffer.from(attachment.captionEnc ?? []))).toBe(
      "gagal unggah penawaran",
    );
    // The document's bytes were not touched, only its key.
    expect(Buffer.from(attachment.data ?? []).equals(Buffer.from(before.data ?? []))).toBe(true);
    const bytes = newOnly.decryptObject({
      keyId: attachment.keyId,
      wrappedKey: Buffer.from(attachment.wrappedKey),
      ciphertext: Buffer.from(attachment.data ?? []),
    });
    // What was stored: the photo as re-encoded without metadata (core/infra/media/).
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(stored.sha256);
    expect(PNG.sync.read(bytes).width).toBe(16);

    const row = await db.prisma.contact.findUniqueOrThrow({
      where: { id: contact.id },
      include: { conversation: true },
    });
    expect(sealedKeyId(Buffer.from(row.externalIdEnc))).toBe("baru");
    expect(newOnly.openText(Buffer.from(row.externalIdEnc))).toBe("6281234567890@s.whatsapp.net");
    expect(newOnly.openText(Buffer.from(row.phoneEnc ?? []))).toBe("+6281234567890");
    expect(newOnly.openText(Buffer.from(row.conversation?.stateEnc ?? []))).toBe('{"a":1}');
    // Look-ups keep working: the hash key never rotates.
    expect(row.externalIdHash).toBe(
      newOnly.hash("channel-external-id", "WHATSAPP:6281234567890@s.whatsapp.net"),
    );

    // A second run finds nothing left to do.
    const again = await rotateKeys(db.prisma, rotating);
    expect(again.attachments).toBe(0);
    expect(Object.values(again.sealedFields).every((n) => n === 0)).toBe(true);
  }, 60_000);
});
