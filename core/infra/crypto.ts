// Envelope encryption of personal data (UU 27/2022 PDP): every object gets its
// own random data key; the data key is wrapped by a master key named by id, so
// rotating the master key re-wraps 60 bytes per object instead of re-encrypting
// every KTP photo. Look-ups use a keyed hash that never changes with rotation.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** Bytes we create (never views on shared memory), as Prisma's Bytes fields want. */
export type Bytes = Buffer<ArrayBuffer>;

/**
 * Leading byte of a sealed box, so the format can change without guessing.
 * v1: not bound to its row (written before binding); v2: bound (see Binding).
 */
const SEALED_V1 = 1;
const SEALED_V2 = 2;
/** A wrapped data key of a v2 envelope starts with this byte (v1 keys have none: 60 bytes). */
const WRAPPED_V2 = 2;
const WRAPPED_V1_BYTES = IV_BYTES + TAG_BYTES + KEY_BYTES;

export interface Keyring {
  /** Master key that wraps new data keys. */
  activeKeyId: string;
  /** Every master key still needed to unwrap stored objects. */
  masterKeys: ReadonlyMap<string, Buffer>;
  /** Key of the look-up hash; never rotated, or every look-up breaks. */
  hashKey: Buffer;
}

/**
 * Where a box lives: its table, column and row (the row's id, or its key
 * columns joined by ":"). Authenticated with the box (AES-GCM additional
 * data), so a box copied into another row or column fails to open.
 */
export interface Binding {
  readonly table: string;
  readonly column: string;
  readonly id: string;
}

export interface Envelope {
  keyId: string;
  /** IV, tag and the data key encrypted under the master key `keyId`. */
  wrappedKey: Bytes;
  /** IV, tag and the object encrypted under the data key. */
  ciphertext: Bytes;
}

export type CryptoErrorCode = "UNKNOWN_KEY" | "CORRUPT" | "UNBOUND";

export class CryptoError extends Error {
  readonly code: CryptoErrorCode;
  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = "CryptoError";
  }
}

function encrypt(key: Buffer, plain: Buffer, aad: Buffer): Bytes {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function decrypt(key: Buffer, box: Buffer, aad: Buffer): Buffer {
  if (box.length < IV_BYTES + TAG_BYTES) throw new CryptoError("CORRUPT", "ciphertext too short");
  const decipher = createDecipheriv(ALGORITHM, key, box.subarray(0, IV_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(box.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(box.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch (cause) {
    throw new CryptoError(
      "CORRUPT",
      "authentication failed: wrong key, wrong row or tampered data",
      { cause },
    );
  }
}

const bindingAad = (b: Binding) => Buffer.from(`lpse-box\0${b.table}\0${b.column}\0${b.id}`);
const NO_AAD = Buffer.alloc(0);

/**
 * What to do with a box written before boxes were bound to their rows:
 * "accept" opens it (and reports it through `onUnbound`) until
 * `npm run keys:rotate` has bound every stored box; "refuse" throws UNBOUND.
 */
export type UnboundPolicy = "accept" | "refuse";

export interface CipherOptions {
  unbound?: UnboundPolicy;
  /** Called for each unbound box opened under "accept" (it must not be silent). */
  onUnbound?: (where: Binding) => void;
}

export interface Cipher {
  encryptObject(plain: Buffer, where: Binding): Envelope;
  decryptObject(
    envelope: { keyId: string; wrappedKey: Buffer; ciphertext: Buffer },
    where: Binding,
  ): Buffer;
  /** Re-wraps the data key under the active master key, bound to `where` (rotation). */
  rewrap(
    envelope: { keyId: string; wrappedKey: Buffer },
    where: Binding,
  ): Pick<Envelope, "keyId" | "wrappedKey">;
  /** A self-contained envelope in one buffer, for small fields (NIK, phone). */
  seal(plain: string | Buffer, where: Binding): Bytes;
  open(sealed: Buffer, where: Binding): Buffer;
  openText(sealed: Buffer, where: Binding): string;
  /** Keyed hash for equality look-ups; `purpose` keeps e.g. NIK and phone hashes apart. */
  hash(purpose: string, value: string): string;
  readonly activeKeyId: string;
  readonly unbound: UnboundPolicy;
}

export function createCipher(keyring: Keyring, options: CipherOptions = {}): Cipher {
  const active = keyring.masterKeys.get(keyring.activeKeyId);
  if (!active || active.length !== KEY_BYTES) {
    throw new CryptoError(
      "UNKNOWN_KEY",
      `active master key "${keyring.activeKeyId}" is missing or not 32 bytes`,
    );
  }
  const policy = options.unbound ?? "refuse";
  const masterKey = (keyId: string) => {
    const key = keyring.masterKeys.get(keyId);
    if (!key) throw new CryptoError("UNKNOWN_KEY", `master key "${keyId}" is not configured`);
    return key;
  };
  const allowUnbound = (where: Binding) => {
    if (policy === "refuse") {
      throw new CryptoError(
        "UNBOUND",
        `${where.table}.${where.column}: a box not bound to its row is refused (keys:rotate bound every box)`,
      );
    }
    options.onUnbound?.(where);
  };
  // The key id (and, from v2 on, the box's place) is authenticated with the
  // wrapped key: a row cannot be pointed at another master key, nor a whole
  // envelope moved to another row, without failing to open.
  const wrapAad = (keyId: string, where: Binding) =>
    Buffer.concat([Buffer.from(keyId), Buffer.from([0]), bindingAad(where)]);
  const wrap = (dataKey: Buffer, where: Binding) => ({
    keyId: keyring.activeKeyId,
    wrappedKey: Buffer.concat([
      Buffer.from([WRAPPED_V2]),
      encrypt(active, dataKey, wrapAad(keyring.activeKeyId, where)),
    ]),
  });
  const unwrap = (keyId: string, wrappedKey: Buffer, where: Binding) => {
    if (wrappedKey.length === WRAPPED_V1_BYTES) {
      allowUnbound(where);
      return decrypt(masterKey(keyId), wrappedKey, Buffer.from(keyId));
    }
    if (wrappedKey[0] !== WRAPPED_V2 || wrappedKey.length !== WRAPPED_V1_BYTES + 1) {
      throw new CryptoError("CORRUPT", "unknown wrapped-key format");
    }
    return decrypt(masterKey(keyId), wrappedKey.subarray(1), wrapAad(keyId, where));
  };

  const cipher: Cipher = {
    activeKeyId: keyring.activeKeyId,
    unbound: policy,
    encryptObject(plain, where) {
      const dataKey = randomBytes(KEY_BYTES);
      // The data key is unique to the object and bound through its wrapping,
      // so rotation and binding only ever re-wrap 61 bytes, never the photo.
      return { ...wrap(dataKey, where), ciphertext: encrypt(dataKey, plain, NO_AAD) };
    },
    decryptObject({ keyId, wrappedKey, ciphertext }, where) {
      return decrypt(unwrap(keyId, wrappedKey, where), ciphertext, NO_AAD);
    },
    rewrap({ keyId, wrappedKey }, where) {
      return wrap(unwrap(keyId, wrappedKey, where), where);
    },
    seal(plain, where) {
      const dataKey = randomBytes(KEY_BYTES);
      const aad = bindingAad(where);
      const wrapped = encrypt(active, dataKey, wrapAad(keyring.activeKeyId, where));
      const id = Buffer.from(keyring.activeKeyId);
      return Buffer.concat([
        Buffer.from([SEALED_V2, id.length]),
        id,
        wrapped,
        encrypt(dataKey, Buffer.from(plain), aad),
      ]);
    },
    open(sealed, where) {
      const version = sealed[0];
      if (version !== SEALED_V1 && version !== SEALED_V2) {
        throw new CryptoError("CORRUPT", "unknown sealed-box version");
      }
      const idLength = sealed[1] ?? 0;
      const keyId = sealed.subarray(2, 2 + idLength).toString();
      const wrappedEnd = 2 + idLength + WRAPPED_V1_BYTES;
      const wrapped = sealed.subarray(2 + idLength, wrappedEnd);
      const body = sealed.subarray(wrappedEnd);
      if (version === SEALED_V1) {
        allowUnbound(where);
        return decrypt(decrypt(masterKey(keyId), wrapped, Buffer.from(keyId)), body, NO_AAD);
      }
      const dataKey = decrypt(masterKey(keyId), wrapped, wrapAad(keyId, where));
      return decrypt(dataKey, body, bindingAad(where));
    },
    openText(sealed, where) {
      return cipher.open(sealed, where).toString("utf8");
    },
    hash(purpose, value) {
      return createHmac("sha256", keyring.hashKey).update(`${purpose}\0${value}`).digest("hex");
    },
  };
  return cipher;
}

/** Reads the key id of a sealed box without opening it (rotation finds stale rows). */
export function sealedKeyId(sealed: Buffer): string {
  return sealed.subarray(2, 2 + (sealed[1] ?? 0)).toString();
}

/** Whether a sealed box is bound to its row (v2) or from before binding (v1). */
export function isBoundBox(sealed: Buffer): boolean {
  return sealed[0] === SEALED_V2;
}

/** Whether an envelope's wrapped data key is bound to its row (v2). */
export function isBoundWrappedKey(wrappedKey: Buffer): boolean {
  return wrappedKey.length === WRAPPED_V1_BYTES + 1 && wrappedKey[0] === WRAPPED_V2;
}

/** The sealed-box version byte, for rotation's SQL. */
export const BOUND_BOX_VERSION = SEALED_V2;
/** Length of an unbound (v1) wrapped key, for rotation's SQL. */
export const UNBOUND_WRAPPED_KEY_BYTES = WRAPPED_V1_BYTES;

/** `k2:BASE64,k1:BASE64`: the first key is the active one. */
export function parseMasterKeys(spec: string): {
  activeKeyId: string;
  masterKeys: Map<string, Buffer>;
} {
  const masterKeys = new Map<string, Buffer>();
  let activeKeyId = "";
  for (const part of spec
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const separator = part.indexOf(":");
    const id = part.slice(0, separator);
    const key = Buffer.from(part.slice(separator + 1), "base64");
    if (separator < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(id))
      throw new Error(`bad key id in "${id}:…"`);
    if (key.length !== KEY_BYTES) throw new Error(`key "${id}" must be 32 bytes in base64`);
    if (masterKeys.has(id)) throw new Error(`key id "${id}" appears twice`);
    masterKeys.set(id, key);
    activeKeyId ||= id;
  }
  if (!activeKeyId) throw new Error("no key given");
  return { activeKeyId, masterKeys };
}

export function newKeySpec(keyId = "k1"): string {
  return `${keyId}:${randomBytes(KEY_BYTES).toString("base64")}`;
}
