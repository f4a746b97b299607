import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCipher } from "../../../core/infra/crypto.ts";
import {
  CryptoError,
  isBoundBox,
  isBoundWrappedKey,
  sealedKeyId,
} from "../../../core/infra/crypto-format.ts";
import { newKeySpec, parseMasterKeys } from "../../../core/infra/master-keys.ts";
import { legacyCrypto } from "../../support/legacy-crypto.ts";

function keyring(spec: string, hashKey = Buffer.alloc(32, 7)) {
  return { ...parseMasterKeys(spec), hashKey };
}

const here = { table: "tickets", column: "nik_enc", id: "row-1" };

describe("envelope encryption", () => {
  const spec = newKeySpec("k1");
  const cipher = createCipher(keyring(spec));

  it("round-trips an object under a fresh data key each time", () => {
    const photo = randomBytes(5000);
    const a = cipher.encryptObject(photo, here);
    const b = cipher.encryptObject(photo, here);
    expect(a.keyId).toBe("k1");
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.wrappedKey.equals(b.wrappedKey)).toBe(false);
    expect(isBoundWrappedKey(a.wrappedKey)).toBe(true);
    expect(cipher.decryptObject(a, here).equals(photo)).toBe(true);
    expect(a.ciphertext.includes(photo.subarray(0, 32))).toBe(false);
  });

  it("seals small fields into one buffer and opens them", () => {
    const sealed = cipher.seal("6171054101900001", here);
    expect(sealed.toString("latin1")).not.toContain("6171054101900001");
    expect(sealedKeyId(sealed)).toBe("k1");
    expect(isBoundBox(sealed)).toBe(true);
    expect(cipher.openText(sealed, here)).toBe("6171054101900001");
  });

  it.each([
    ["another row", { ...here, id: "row-2" }],
    ["another column", { ...here, column: "phone_enc" }],
    ["another table", { ...here, table: "contacts" }],
  ])("a box or a document moved to %s does not open", (_, elsewhere) => {
    expect(() => cipher.open(cipher.seal("6171054101900001", here), elsewhere)).toThrow(
      /wrong row/,
    );
    const envelope = cipher.encryptObject(Buffer.from("KTP"), here);
    expect(() => cipher.decryptObject(envelope, elsewhere)).toThrow(CryptoError);
  });

  it("refuses tampered data and a key id swapped onto another key", () => {
    const sealed = cipher.seal("rahasia", here);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => cipher.open(tampered, here)).toThrow(CryptoError);

    const envelope = cipher.encryptObject(Buffer.from("x"), here);
    const twoKeys = createCipher(keyring(`k2:${Buffer.alloc(32, 1).toString("base64")},${spec}`));
    expect(() => twoKeys.decryptObject({ ...envelope, keyId: "k2" }, here)).toThrow(
      /authentication failed/,
    );
    expect(() => createCipher(keyring(newKeySpec("k9"))).decryptObject(envelope, here)).toThrow(
      /"k1" is not configured/,
    );
  });

  it("rotates: a new active key re-wraps old data keys, old data stays readable", () => {
    const old = cipher.encryptObject(Buffer.from("KTP"), here);
    const rotated = createCipher(keyring(`${newKeySpec("k2")},${spec}`));
    expect(rotated.activeKeyId).toBe("k2");
    expect(rotated.decryptObject(old, here).toString()).toBe("KTP");
    const rewrapped = rotated.rewrap(old, here);
    expect(rewrapped.keyId).toBe("k2");
    expect(
      rotated.decryptObject({ ...rewrapped, ciphertext: old.ciphertext }, here).toString(),
    ).toBe("KTP");
  });

  it("hashes for look-ups with a key and a purpose", () => {
    const other = createCipher(keyring(spec, Buffer.alloc(32, 8)));
    expect(cipher.hash("nik", "6171054101900001")).toBe(cipher.hash("nik", "6171054101900001"));
    expect(cipher.hash("nik", "6171054101900001")).not.toBe(
      cipher.hash("phone", "6171054101900001"),
    );
    expect(cipher.hash("nik", "6171054101900001")).not.toBe(other.hash("nik", "6171054101900001"));
    expect(cipher.hash("nik", "x")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("boxes from before binding (v1)", () => {
  const spec = newKeySpec("k1");
  const legacy = legacyCrypto("k1", parseMasterKeys(spec).masterKeys.get("k1") as Buffer);
  const v1Box = (plain: string) => legacy.seal(plain);

  it("open under 'accept', reported each time, until keys:rotate bound them", () => {
    const seen: string[] = [];
    const upgrading = createCipher(keyring(spec), {
      unbound: "accept",
      onUnbound: (where) => seen.push(`${where.table}.${where.column}`),
    });
    const box = v1Box("6171054101900001");
    expect(isBoundBox(box)).toBe(false);
    expect(upgrading.openText(box, here)).toBe("6171054101900001");
    const old = legacy.encryptObject(Buffer.from("KTP"));
    expect(upgrading.decryptObject(old, here).toString()).toBe("KTP");
    expect(seen).toEqual(["tickets.nik_enc", "tickets.nik_enc"]);
  });

  it("are refused once every box is bound (the default)", () => {
    const strict = createCipher(keyring(spec));
    expect(strict.unbound).toBe("refuse");
    expect(() => strict.open(v1Box("6171054101900001"), here)).toThrow(
      expect.objectContaining({ code: "UNBOUND" }),
    );
    // A bound box cannot be passed off as an unbound one by changing its version byte.
    const bound = strict.seal("6171054101900001", here);
    bound[0] = 1;
    const lenient = createCipher(keyring(spec), { unbound: "accept" });
    expect(() => lenient.open(bound, here)).toThrow(CryptoError);
  });
});

describe("parseMasterKeys", () => {
  it("takes the first key as the active one", () => {
    const parsed = parseMasterKeys(`${newKeySpec("new")}, ${newKeySpec("old")}`);
    expect(parsed.activeKeyId).toBe("new");
    expect([...parsed.masterKeys.keys()]).toEqual(["new", "old"]);
  });

  it.each([
    ["", /no key/],
    ["k1:c2hvcnQ=", /32 bytes/],
    [":AAAA", /bad key id/],
    [`${newKeySpec("a")},${newKeySpec("a")}`, /twice/],
  ])("rejects %j", (spec, message) => {
    expect(() => parseMasterKeys(spec)).toThrow(message);
  });
});
