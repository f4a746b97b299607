// Read by the Prisma CLI (`prisma generate`, `prisma migrate deploy`). Our own
// migration runner (prisma/migrate.ts) does not need it.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
