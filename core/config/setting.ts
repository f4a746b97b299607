// The building blocks of the configuration areas: one setting is a zod schema
// over one environment variable plus what the documentation says about it.
// docs/configuration.md is generated from these (npm run docs:config).
import { z } from "zod";

export interface SettingDoc {
  /** Shown after a wrong or missing value (`contoh/example: NAME=...`) and in the docs. */
  example: string;
  /** What the setting does, in English, for docs/configuration.md. */
  description: string;
  /** The docs' Default column when the schema has no default: what an unset value means. */
  unset?: string;
  /** The docs' Allowed column when the schema alone cannot say it (a check in code). */
  allowed?: string;
}

export interface Setting<S extends z.ZodType = z.ZodType> {
  schema: S;
  doc: SettingDoc;
}

export const setting = <S extends z.ZodType>(schema: S, doc: SettingDoc): Setting<S> => ({
  schema,
  doc,
});

type Settings = Record<string, Setting>;

export interface Area<T extends Settings = Settings> {
  /** The heading of the area in docs/configuration.md. */
  title: string;
  settings: T;
  /** The schemas alone, to be merged into the one object of all variables. */
  shape: { [K in keyof T]: T[K]["schema"] };
}

export function defineArea<T extends Settings>(title: string, settings: T): Area<T> {
  const shape = Object.fromEntries(
    Object.entries(settings).map(([name, { schema }]) => [name, schema]),
  ) as Area<T>["shape"];
  return { title, settings, shape };
}

/** The variables an area reads, as parsed. */
export type AreaEnv<A extends Area> = z.output<z.ZodObject<A["shape"]>>;

/** A flag: true/false, 1/0 or yes/no; `fallback` when unset. */
export const bool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"], {
      error: "harus true atau false / must be true or false",
    })
    .default(fallback ? "true" : "false")
    .transform((v) => ["true", "1", "yes"].includes(v));

/** Before a schema with `.optional()`: an empty value (`NAME=`) counts as unset. */
export const emptyAsUndefined = (v: unknown) => (v === "" ? undefined : v);

/** A comma-separated list, items trimmed, empty items dropped. */
export const splitList = (v: string): string[] =>
  v
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

/** Unset or empty (`NAME=`) gives undefined; anything else must pass `schema`. */
export const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess(emptyAsUndefined, schema.optional());

/** A whole number within [min, max], from its decimal text. */
export const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
