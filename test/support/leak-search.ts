// Searches EVERY table of the database and every Redis key under a prefix for
// a person's name, NIK, phone number and e-mail: text, json and bytea columns,
// sealed boxes opened (bound to their rows, see core/infra/sealed-columns.ts),
// documents decrypted. Digits are compared with separators removed, so
// "0812-3456-7890" is found as well as "+6281234567890".
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { RedisClient } from "../../core/infra/redis.ts";
import {
  ATTACHMENT_DATA,
  bound,
  SEALED_COLUMNS,
  type SealedColumn,
} from "../../core/infra/sealed-columns.ts";

export interface Person {
  name: string;
  nik: string;
  /** E.164, +62… */
  phone: string;
  email: string;
}

export interface Finding {
  where: string;
  found: string;
}

const SEPARATORS = /[\s.\-():/]/g;

function matcher(person: Person) {
  const national = person.phone.replace(/^\+62/, "");
  const words = [
    { label: "name", test: (t: string) => t.toLowerCase().includes(person.name.toLowerCase()) },
    { label: "e-mail", test: (t: string) => t.toLowerCase().includes(person.email.toLowerCase()) },
  ];
  const digits = [
    { label: "NIK", value: person.nik },
    { label: "phone", value: national },
  ];
  return (text: string): string[] => {
    const compact = text.replace(SEPARATORS, "");
    return [
      ...words.filter((w) => w.test(text)).map((w) => w.label),
      ...digits.filter((d) => compact.includes(d.value)).map((d) => d.label),
    ];
  };
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Uint8Array) return Buffer.from(value).toString("latin1");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The sealed columns of a table, with the SQL naming each row's binding. */
function sealedOf(table: string) {
  return (Object.entries(SEALED_COLUMNS) as [SealedColumn, string][])
    .filter(([name]) => name.startsWith(`${table}.`))
    .map(([name, rowId], i) => ({
      name,
      column: name.slice(table.length + 1),
      rowId,
      alias: `__b${i}`,
    }));
}

export async function searchDatabase(
  prisma: PrismaClient,
  cipher: Cipher,
  person: Person,
): Promise<{ findings: Finding[]; columnsSearched: number; valuesOpened: number }> {
  const find = matcher(person);
  const columns = await prisma.$queryRaw<{ table: string; column: string; type: string }[]>`
    SELECT table_name AS table, column_name AS column, data_type AS type
    FROM information_schema.columns
    WHERE table_schema = current_schema()
      AND (data_type IN ('text', 'character varying', 'bytea', 'json', 'jsonb', 'ARRAY'))
    ORDER BY 1, 2`;
  const tables = [...new Set(columns.map((c) => c.table))];
  const findings: Finding[] = [];
  let valuesOpened = 0;
  for (const table of tables) {
    const own = columns.filter((c) => c.table === table);
    const sealed = sealedOf(table);
    const bindings = sealed.map((s) => `(${s.rowId}) AS "${s.alias}"`);
    const extra = table === "attachments" ? ["id::text AS __id"] : [];
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT ${[...own.map((c) => `"${c.column}"`), ...bindings, ...extra].join(", ")} FROM "${table}"`,
    );
    for (const row of rows) {
      for (const { column } of own) {
        const value = row[column];
        if (value === null || value === undefined) continue;
        const texts = [asText(value)];
        const box = sealed.find((s) => s.column === column);
        if (box && value instanceof Uint8Array && value.length > 0) {
          try {
            texts.push(
              cipher.openText(Buffer.from(value), bound(box.name, String(row[box.alias]))),
            );
            valuesOpened++;
          } catch {
            // Sealed by another test's key: searched as raw bytes only.
          }
        }
        if (table === "attachments" && column === "data" && value instanceof Uint8Array) {
          try {
            texts.push(
              cipher
                .decryptObject(
                  {
                    keyId: String(row.key_id),
                    wrappedKey: Buffer.from(row.wrapped_key as Uint8Array),
                    ciphertext: Buffer.from(value),
                  },
                  bound(ATTACHMENT_DATA, String(row.__id)),
                )
                .toString("latin1"),
            );
            valuesOpened++;
          } catch {
            // Another key, or purged.
          }
        }
        for (const text of texts) {
          for (const found of find(text)) findings.push({ where: `${table}.${column}`, found });
        }
      }
    }
  }
  return { findings, columnsSearched: columns.length, valuesOpened };
}

/** Every key under `prefix`, whatever its type (BullMQ job hashes, streams, lists, sets). */
export async function searchRedis(
  redis: RedisClient,
  prefix: string,
  person: Person,
): Promise<{ findings: Finding[]; keysSearched: number }> {
  const find = matcher(person);
  const findings: Finding[] = [];
  let keysSearched = 0;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
    cursor = next;
    for (const key of keys) {
      keysSearched++;
      const type = await redis.type(key);
      let content: unknown;
      if (type === "string") content = await redis.get(key);
      else if (type === "hash") content = await redis.hgetall(key);
      else if (type === "list") content = await redis.lrange(key, 0, -1);
      else if (type === "set") content = await redis.smembers(key);
      else if (type === "zset") content = await redis.zrange(key, "0", "-1");
      else if (type === "stream") content = await redis.xrange(key, "-", "+");
      for (const found of find(`${key} ${JSON.stringify(content)}`)) {
        findings.push({ where: `redis ${key} (${type})`, found });
      }
    }
  } while (cursor !== "0");
  return { findings, keysSearched };
}
