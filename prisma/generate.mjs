// Runs `prisma generate` without letting the Prisma CLI download its native
// schema engine: generation does not use it, but the CLI insists that one
// exists, so we point it at this very file. Nothing is fetched from the network.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve("prisma/build/index.js");
} catch {
  // A production install (`npm ci --omit=dev`) has no Prisma CLI; the image
  // build generates the client before pruning, so it is already there.
  const generated = fileURLToPath(new URL("./generated/client/client.ts", import.meta.url));
  if (existsSync(generated)) process.exit(0);
  console.error(
    "The Prisma CLI (a dev dependency) is needed to generate the client: run `npm ci`.",
  );
  process.exit(1);
}
execFileSync(process.execPath, [cli, "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: fileURLToPath(import.meta.url),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
