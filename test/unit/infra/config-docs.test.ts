// Every setting has an example, a line in .env.example and a row in the README.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, configExamples } from "../../../core/config.ts";
import { ROOT } from "../../support/process.ts";

const envExample = readFileSync(`${ROOT}/.env.example`, "utf8");
const readme = readFileSync(`${ROOT}/README.md`, "utf8");

describe("configuration documentation", () => {
  it("knows the variables", () => {
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(15);
  });

  it.each(CONFIG_VARIABLES)("%s is documented", (name) => {
    expect(configExamples[name], "example value in core/config.ts").toBeDefined();
    expect(envExample).toMatch(new RegExp(`^${name}=`, "m"));
    expect(readme).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, "m"));
  });
});
