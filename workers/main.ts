// The workers process: routing, notifications, SLA timers, maintenance.
import { boot } from "../core/infra/boot.ts";
import { listenHealth } from "../core/infra/runtime.ts";
import { startWorkersRole } from "./workers-role.ts";

await boot("workers", async ({ config, logger, lifecycle }) => {
  if (config.database.kind === "embedded") {
    // PGlite is a single-process database: a second process on the same files
    // would corrupt them. `npm start` already runs the workers in-process.
    throw new Error(
      "start:workers needs DATABASE_URL (PostgreSQL). Without it use `npm start`, which runs the workers in the same process.",
    );
  }
  const { runtime } = await startWorkersRole({ config, logger, lifecycle });
  await listenHealth(runtime, config, logger, lifecycle);
});
