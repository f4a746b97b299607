// What a setting's zod schema says about it, for docs/configuration.md: its
// default as written in the environment and the values it accepts. Read from
// the schema's definition, so the documentation cannot drift from the checks.
// Check messages are bilingual ("Bahasa / English"); the docs take the English.

export interface SchemaFacts {
  /** The schema's `.default()`, undefined when it has none. */
  default: unknown;
  /** One phrase per check found, e.g. "integer from 1 to 60". */
  allowed: string[];
}

interface Def {
  type: string;
  [key: string]: unknown;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** A value as Markdown code; doubled backticks when it holds one. */
export function code(value: string): string {
  if (!value.includes("`")) return `\`${value}\``;
  const padded = value.startsWith("`") || value.endsWith("`") ? ` ${value} ` : value;
  return `\`\`${padded}\`\``;
}

/** The message a check or format reports, its English half. */
function messageOf(def: Def): string | undefined {
  if (typeof def.error !== "function") return undefined;
  const message: unknown = def.error({});
  if (typeof message !== "string") return undefined;
  return message
    .split(" / ")
    .at(-1)
    ?.replace(/^must be /, "");
}

const FLAG = ["true", "false", "1", "0", "yes", "no"];

function enumValues(def: Def): string {
  const values = Object.values(def.entries as object).map(String);
  if (values.length === FLAG.length && FLAG.every((v) => values.includes(v))) {
    return "`true` or `false` (also `yes`/`no`, `1`/`0`)";
  }
  return values.map(code).join(", ");
}

function numberRange(def: Def): string {
  const checks = ((def.checks as unknown[] | undefined) ?? []).map(defOf);
  const integer = checks.some((c) => c.check === "number_format" && c.format === "safeint");
  const min = checks.find((c) => c.check === "greater_than")?.value;
  const max = checks.find((c) => c.check === "less_than")?.value;
  const kind = integer ? "integer" : "number";
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind}, at least ${min}`;
  if (max !== undefined) return `${kind}, at most ${max}`;
  return kind;
}

function stringRules(def: Def): string[] {
  const rules: string[] = [];
  if (def.format === "url") {
    rules.push(messageOf(def) ?? `URL, scheme matching ${code(String(def.protocol ?? ".*"))}`);
  } else if (def.format) {
    rules.push(messageOf(def) ?? String(def.format));
  }
  for (const check of ((def.checks as unknown[] | undefined) ?? []).map(defOf)) {
    const message = messageOf(check);
    if (message)
      rules.push(message); // refine() too: its message says what it wants
    else if (check.check === "min_length") {
      rules.push(check.minimum === 1 ? "not empty" : `at least ${check.minimum} characters`);
    } else if (check.format === "regex") rules.push(`matching ${code(String(check.pattern))}`);
  }
  return rules;
}

function walk(schema: unknown, facts: SchemaFacts): void {
  const def = defOf(schema);
  switch (def.type) {
    case "default":
      facts.default ??= def.defaultValue;
      walk(def.innerType, facts);
      return;
    case "optional":
      walk(def.innerType, facts);
      return;
    case "pipe":
      walk(def.in, facts);
      walk(def.out, facts);
      return;
    case "enum":
      facts.allowed.push(enumValues(def));
      return;
    case "number":
      facts.allowed.push(numberRange(def));
      return;
    case "string":
      facts.allowed.push(...stringRules(def));
      return;
    case "array": {
      const each: SchemaFacts = { default: undefined, allowed: [] };
      walk(def.element, each);
      const list = (rule: string) =>
        rule.includes("comma-separated") ? rule : `${rule}, comma-separated`;
      facts.allowed.push(
        ...(each.allowed.length ? each.allowed.map(list) : ["comma-separated list"]),
      );
      return;
    }
  }
}

export function describeSchema(schema: unknown): SchemaFacts {
  const facts: SchemaFacts = { default: undefined, allowed: [] };
  walk(schema, facts);
  return facts;
}
