// Key rotation on a database of its own (rotation touches every row, so it
// must not share the run's database with other test files). The rows are
// written as the previous version wrote them: boxes not bound to their rows
// (v1) under the old key, ticket answers in plain text.
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOUND_MARKER, readUnboundPolicy, rotateKeys } from "../../core/app/rotate-keys.ts";
import { createCipher } from "../../core/infra/crypto.ts";
import { isBoundBox, isBoundWrappedKey, sealedKeyId } from "../../core/infra/crypto-format.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { newKeySpec, parseMasterKeys } from "../../core/infra/master-keys.ts";
import { ATTACHMENT_DATA, bound } from "../../core/infra/sealed-columns.ts";
import { contactExternalId } from "../../core/infra/stores/contact.store.ts";
import { readMedia } from "../../core/infra/stores/media.store.ts";
import { openTicketApplicant } from "../../core/infra/stores/ticket-applicant.ts";
import { pngFile } from "../fixtures/files.ts";
import { legacyCrypto } from "../support/legacy-crypto.ts";

const hashKey = Buffer.alloc(32, 9);
const oldSpec = newKeySpec("lama");
const newSpec = newKeySpec("baru");
const old = legacyCrypto("lama", parseMasterKeys(oldSpec).masterKeys.get("lama") as Buffer);
const keyring = (spec: string) => ({ ...parseMasterKeys(spec), hashKey });
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

/** What a database of the previous version holds. */
async function legacyRows() {
  const jid = "6281234567890@s.whatsapp.net";
  const contact = await db.prisma.contact.create({
    data: {
      channel: "WHATSAPP",
      externalIdHash: "hash-of-the-jid",
      externalIdEnc: old.seal(jid),
      phoneEnc: old.seal("+6281234567890"),
    },
  });
  await db.prisma.conversation.create({
    data: { contactId: contact.id, stateEnc: old.seal('{"a":1}') },
  });
  // The WhatsApp session and a relayed message: tables with composite and uuid keys.
  await db.prisma.whatsappAuthState.create({
    data: { sessionId: "helpdesk", category: "creds", keyId: "creds", value: old.seal("{}") },
  });
  await db.prisma.whatsappLidMapping.create({
    data: { sessionId: "helpdesk", lidHash: "lid-hash", pnEnc: old.seal(jid) },
  });
  const relay = await db.prisma.deskRelay.create({
    data: { contactId: contact.id, bodyEnc: old.seal("pesan untuk petugas") },
  });
  const note = await db.prisma.deskNote.create({
    data: { contactId: contact.id, agentId: contact.id, bodyEnc: old.seal("catatan petugas") },
  });
  const photo = pngFile(16, 16, 20_000);
  const envelope = old.encryptObject(photo);
  const attachment = await db.prisma.attachment.create({
    data: {
      contactId: contact.id,
      kind: "KTP",
      mime: "image/png",
      size: photo.length,
      sha256: createHash("sha256").update(photo).digest("hex"),
      keyId: envelope.keyId,
      wrappedKey: envelope.wrappedKey,
      data: envelope.ciphertext,
      captionEnc: old.seal("gagal unggah penawaran"),
    },
  });
  const ticket = await db.prisma.ticket.create({
    data: {
      number: `LDK-R-${uuidv7().slice(-5)}`,
      contactId: contact.id,
      channel: "WHATSAPP",
      category: "LUPA_PASSWORD",
      consentAt: new Date(),
      applicantName: "Siti Aminah",
      email: "siti@example.com",
      description: "Lupa password SPSE.",
      nikEnc: old.seal("6171054101900001"),
      phoneEnc: old.seal("+6281234567890"),
    },
  });
  // Anonymised by the old retention job: its plain columns say "[dihapus]".
  const anonymised = await db.prisma.ticket.create({
    data: {
      number: `LDK-A-${uuidv7().slice(-5)}`,
      contactId: contact.id,
      channel: "WHATSAPP",
      category: "LUPA_PASSWORD",
      consentAt: new Date(),
      applicantName: "[dihapus]",
      description: "[dihapus]",
      anonymisedAt: new Date(),
    },
  });
  return { jid, contact, relay, note, attachment, photo, ticket, anonymised };
}

describe("npm run keys:rotate", () => {
  it("binds every legacy box to its row, seals plain answers, then refuses unbound boxes", async () => {
    const rows = await legacyRows();
    // An upgraded database: unbound boxes still open (and are reported), a strict cipher refuses them.
    expect(await readUnboundPolicy(db.prisma)).toBe("accept");
    const strict = createCipher(keyring(`${newSpec},${oldSpec}`));
    expect(() => contactExternalId(strict, rows.contact)).toThrow(/not bound to its row/);

    const rotating = createCipher(keyring(`${newSpec},${oldSpec}`), { unbound: "accept" });
    const report = await rotateKeys(db.prisma, rotating);
    expect(report).toMatchObject({ attachments: 1, plainTicketFields: 2, complete: true });
    expect(report.sealedFields).toMatchObject({
      "attachments.caption_enc": 1,
      "contacts.external_id_enc": 1,
      "contacts.phone_enc": 1,
      "conversations.state_enc": 1,
      "desk_relays.body_enc": 1,
      "desk_notes.body_enc": 1,
      "tickets.nik_enc": 1,
      "tickets.phone_enc": 1,
      "whatsapp_auth_state.value": 1,
      "whatsapp_lid_mappings.pn_enc": 1,
    });
    // The door is closed: every process now refuses unbound boxes.
    expect(await readUnboundPolicy(db.prisma)).toBe("refuse");
    expect(await db.prisma.auditLog.count({ where: { action: BOUND_MARKER } })).toBe(1);

    // Everything opens with the new key alone, bound to its row.
    const newOnly = createCipher(keyring(newSpec));
    const session = await db.prisma.whatsappAuthState.findFirstOrThrow();
    expect(isBoundBox(Buffer.from(session.value))).toBe(true);
    expect(
      newOnly.openText(
        Buffer.from(session.value),
        bound("whatsapp_auth_state.value", "helpdesk", "creds", "creds"),
      ),
    ).toBe("{}");
    const lid = await db.prisma.whatsappLidMapping.findFirstOrThrow();
    expect(
      newOnly.openText(
        Buffer.from(lid.pnEnc),
        bound("whatsapp_lid_mappings.pn_enc", "helpdesk", "lid-hash"),
      ),
    ).toBe(rows.jid);
    const relay = await db.prisma.deskRelay.findUniqueOrThrow({ where: { id: rows.relay.id } });
    expect(
      newOnly.openText(Buffer.from(relay.bodyEnc), bound("desk_relays.body_enc", relay.id)),
    ).toBe("pesan untuk petugas");
    const note = await db.prisma.deskNote.findUniqueOrThrow({ where: { id: rows.note.id } });
    expect(newOnly.openText(Buffer.from(note.bodyEnc), bound("desk_notes.body_enc", note.id))).toBe(
      "catatan petugas",
    );

    const attachment = await db.prisma.attachment.findUniqueOrThrow({
      where: { id: rows.attachment.id },
    });
    expect(attachment.keyId).toBe("baru");
    expect(isBoundWrappedKey(Buffer.from(attachment.wrappedKey))).toBe(true);
    // The document's bytes were not touched, only its key.
    expect(Buffer.from(attachment.data ?? []).equals(Buffer.from(rows.attachment.data ?? []))).toBe(
      true,
    );
    const media = await readMedia(db.prisma, newOnly, attachment.id);
    expect(media?.caption).toBe("gagal unggah penawaran");
    expect(PNG.sync.read(media?.bytes ?? Buffer.alloc(0)).width).toBe(16);
    expect(
      newOnly
        .decryptObject(
          {
            keyId: attachment.keyId,
            wrappedKey: Buffer.from(attachment.wrappedKey),
            ciphertext: Buffer.from(attachment.data ?? []),
          },
          bound(ATTACHMENT_DATA, attachment.id),
        )
        .equals(rows.photo),
    ).toBe(true);

    const contact = await db.prisma.contact.findUniqueOrThrow({
      where: { id: rows.contact.id },
      include: { conversation: true },
    });
    expect(sealedKeyId(Buffer.from(contact.externalIdEnc))).toBe("baru");
    expect(contactExternalId(newOnly, contact)).toBe(rows.jid);
    expect(
      newOnly.openText(
        Buffer.from(contact.conversation?.stateEnc ?? []),
        bound("conversations.state_enc", contact.id),
      ),
    ).toBe('{"a":1}');

    // The plain answers are sealed and gone from the plain columns.
    const ticket = await db.prisma.ticket.findUniqueOrThrow({ where: { id: rows.ticket.id } });
    expect(ticket).toMatchObject({ applicantName: null, email: null, description: null });
    expect(openTicketApplicant(newOnly, ticket)).toEqual({
      name: "Siti Aminah",
      nik: "6171054101900001",
      email: "siti@example.com",
      phone: "+6281234567890",
      description: "Lupa password SPSE.",
    });
    const anonymised = await db.prisma.ticket.findUniqueOrThrow({
      where: { id: rows.anonymised.id },
    });
    expect(anonymised).toMatchObject({
      applicantName: null,
      applicantNameEnc: null,
      description: null,
      descriptionEnc: null,
    });

    // A second run finds nothing left to do.
    const again = await rotateKeys(db.prisma, createCipher(keyring(`${newSpec},${oldSpec}`)));
    expect(again).toMatchObject({ attachments: 0, plainTicketFields: 0, complete: true });
    expect(Object.values(again.sealedFields).every((n) => n === 0)).toBe(true);

    // An unbound box put back afterwards (restored from an old backup) is refused, not read.
    await db.prisma.contact.update({
      where: { id: rows.contact.id },
      data: { externalIdEnc: old.seal("6289999999999@s.whatsapp.net") },
    });
    const afterwards = createCipher(keyring(`${newSpec},${oldSpec}`), {
      unbound: await readUnboundPolicy(db.prisma),
    });
    const restored = await db.prisma.contact.findUniqueOrThrow({ where: { id: rows.contact.id } });
    expect(() => contactExternalId(afterwards, restored)).toThrow(
      expect.objectContaining({ code: "UNBOUND" }),
    );
  }, 60_000);
});
