// Every setting has an example, a line in .env.example and a row in
// docs/configuration.md, and that file is exactly what its generator writes.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_DOCS_FILE, renderConfigDocs } from "../../../core/config/docs.ts";
import { CONFIG_VARIABLES, configExamples } from "../../../core/config.ts";
import { ROOT } from "../../support/process.ts";

const envExample = readFileSync(`${ROOT}/.env.example`, "utf8");
const configDocs = readFileSync(`${ROOT}/${CONFIG_DOCS_FILE}`, "utf8");

describe("configuration documentation", () => {
  it("knows the variables", () => {
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(15);
  });

  it.each(CONFIG_VARIABLES)("%s is documented", (name) => {
    expect(configExamples[name], "example value in core/config/").toBeDefined();
    expect(envExample).toMatch(new RegExp(`^${name}=`, "m"));
    expect(configDocs).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, "m"));
  });

  it("docs/configuration.md is what the schemas generate", () => {
    expect(
      configDocs === renderConfigDocs(),
      "docs/configuration.md is out of date: run npm run docs:config",
    ).toBe(true);
  });

  it("gives every variable a default, the values it takes, an example and a description", () => {
    for (const name of CONFIG_VARIABLES) {
      const cells = cellsOf(name);
      expect(cells, name).toHaveLength(5);
      for (const cell of cells) expect(cell, name).not.toBe("");
    }
  });

  it("reads defaults and allowed values from the schemas themselves", () => {
    expect(cellsOf("HTTP_PORT").slice(1, 3)).toEqual(["`3000`", "integer from 0 to 65535"]);
    expect(cellsOf("WHATSAPP_GLOBAL_RATE_PER_SECOND")[2]).toBe("number from 0.1 to 50");
    expect(cellsOf("LOG_LEVEL")[2]).toBe(
      "`fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`",
    );
    expect(cellsOf("REDIS_AUTOSTART").slice(1, 3)).toEqual([
      "`true`",
      "`true` or `false` (also `yes`/`no`, `1`/`0`)",
    ]);
    expect(cellsOf("HOLIDAYS").slice(1, 3)).toEqual([
      "_(empty)_",
      "dates as YYYY-MM-DD, comma-separated",
    ]);
    expect(cellsOf("MASTER_KEYS")[1]).toBe("_(generated)_");
    expect(cellsOf("HASH_KEY")[2]).toBe("at least 32 bytes in base64");
  });
});

/** The cells of a variable's row in docs/configuration.md, trimmed. */
function cellsOf(name: string): string[] {
  const row = configDocs.split("\n").find((line) => line.startsWith(`| \`${name}\` `)) ?? "";
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((cell) => cell.trim());
}
