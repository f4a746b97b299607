// The purge is driven by one declared list (core/app/personal-data.ts and its
// classification tables in personal-data.catalogue.ts). This
// reads the real schema of the migrated database: a column that can hold text
// (text, bytea, json, text arrays) must be either purged by a rule or a code
// step, or declared not personal with a reason. A new column fails here until
// someone decides which.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CODE_STEP_COLUMNS,
  NOT_PERSONAL,
  STAFF_CREDENTIALS,
} from "../../core/app/personal-data.catalogue.ts";
import { PURGE_RULES, personalColumns, unclassifiedColumns } from "../../core/app/personal-data.ts";
import { PURGE_STEPS } from "../../core/app/purge.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { SEALED_COLUMNS } from "../../core/infra/sealed-columns.ts";
import { TEST_DATABASE_URL } from "../support/env.ts";

let db: Database;
let columns: { table: string; column: string }[];

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  columns = await db.prisma.$queryRaw<{ table: string; column: string }[]>`
    SELECT table_name AS table, column_name AS column FROM information_schema.columns
    WHERE table_schema = current_schema()
      AND (data_type IN ('text', 'character varying', 'bytea', 'json', 'jsonb')
           OR udt_name IN ('_text', '_varchar', '_json', '_jsonb'))
    ORDER BY 1, 2`;
});
afterAll(async () => {
  await db.close();
});

describe("the list of personal data", () => {
  it("classifies every column of the schema that can hold text", () => {
    expect(columns.length).toBeGreaterThan(40);
    expect(unclassifiedColumns(columns)).toEqual([]);
  });

  it("fails for a column nobody classified (a complaint's new note, say)", () => {
    expect(
      unclassifiedColumns([...columns, { table: "complaints", column: "agent_note" }]),
    ).toEqual(["complaints.agent_note"]);
  });

  it("names only columns that exist, and none twice as personal and not", () => {
    const existing = new Set(columns.map((c) => `${c.table}.${c.column}`));
    const listed = [
      ...personalColumns(),
      ...Object.keys(NOT_PERSONAL),
      ...Object.keys(STAFF_CREDENTIALS),
    ];
    expect(listed.filter((name) => !existing.has(name))).toEqual([]);
    expect([...personalColumns()].filter((name) => name in NOT_PERSONAL)).toEqual([]);
  });

  it("purges every personal column on erasure and on the retention schedule", () => {
    const erasedBy = new Set<string>();
    const expiredBy = new Set<string>();
    for (const rule of PURGE_RULES) {
      for (const column of Object.keys(rule.columns)) {
        if (rule.subject) erasedBy.add(`${rule.table}.${column}`);
        if (rule.expired) expiredBy.add(`${rule.table}.${column}`);
      }
    }
    const ruled = [...personalColumns()].filter((name) => !(name in CODE_STEP_COLUMNS));
    expect(ruled.filter((name) => !erasedBy.has(name))).toEqual([]);
    expect(ruled.filter((name) => !expiredBy.has(name))).toEqual([]);
    // The code steps exist for both paths too.
    for (const step of PURGE_STEPS) expect(step.erase ?? step.expire, step.name).toBeDefined();
    expect(PURGE_STEPS.filter((s) => s.erase).length).toBeGreaterThan(PURGE_RULES.length - 2);
  });

  it("counts every sealed column as personal", () => {
    const personal = personalColumns();
    expect(
      Object.keys(SEALED_COLUMNS).filter(
        (name) => !personal.has(name) && !(name in STAFF_CREDENTIALS),
      ),
    ).toEqual([]);
    // A staff credential is in neither list of citizens' data.
    for (const name of Object.keys(STAFF_CREDENTIALS)) {
      expect(personal.has(name) || name in NOT_PERSONAL, name).toBe(false);
    }
  });
});
