import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CryptoError,
  createCipher,
  newKeySpec,
  parseMasterKeys,
  sealedKeyId,
} from "../../../core/infra/crypto.ts";

function keyring(spec: string, hashKey = Buffer.alloc(32, 7)) {
  return { ...parseMasterKeys(spec), hashKey };
}

describe("envelope encryption", () => {
  const spec = newKeySpec("k1");
  const cipher = createCipher(keyring(spec));

  it("round-trips an object under a fresh data key each time", () => {
    const photo = randomBytes(5000);
    const a = cipher.encryptObject(photo);
    const b = cipher.encryptObject(photo);
    expect(a.keyId).toBe("k1");
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.wrappedKey.equals(b.wrappedKey)).toBe(false);
    expect(cipher.decryptObject(a).equals(photo)).toBe(true);
    expect(a.ciphertext.includes(photo.subarray(0, 32))).toBe(false);
  });

  it("seals small fields into one buffer and opens them", () => {
    const sealed = cipher.seal("6171054101900001");
    expect(sealed.toString("latin1")).not.toContain("6171054101900001");
    expect(sealedKeyId(sealed)).toBe("k1");
    expect(cipher.openText(sealed)).toBe("6171054101900001");
  });

  it("refuses tampered data and a key id swapped onto another key", () => {
    const sealed = cipher.seal("rahasia");
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => cipher.open(tampered)).toThrow(CryptoError);

    const envelope = cipher.encryptObject(Buffer.from("x"));
    const twoKeys = createCipher(keyring(`k2:${Buffer.alloc(32, 1).toString("base64")},${spec}`));
    expect(() => twoKeys.decryptObject({ ...envelope, keyId: "k2" })).toThrow(
      /authentication failed/,
    );
    expect(() => createCipher(keyring(newKeySpec("k9"))).decryptObject(envelope)).toThrow(
      /"k1" is not configured/,
    );
  });

  it("rotates: a new active key re-wraps old data keys, old data stays readable", () => {
    const old = cipher.encryptObject(Buffer.from("KTP"));
    const rotated = createCipher(keyring(`${newKeySpec("k2")},${spec}`));
    expect(rotated.activeKeyId).toBe("k2");
    expect(rotated.decryptObject(old).toString()).toBe("KTP");
    const rewrapped = rotated.rewrap(old);
    expect(rewrapped.keyId).toBe("k2");
    expect(rotated.decryptObject({ ...rewrapped, ciphertext: old.ciphertext }).toString()).toBe(
      "KTP",
    );
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
