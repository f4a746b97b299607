// npm run docs:config: writes docs/configuration.md from the configuration's
// schemas (see docs.ts). Run it after changing a setting; a unit test fails
// while the committed file is out of date.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CONFIG_DOCS_FILE, renderConfigDocs } from "./docs.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const target = path.join(root, CONFIG_DOCS_FILE);
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, renderConfigDocs());
console.log(`${CONFIG_DOCS_FILE} written`);
