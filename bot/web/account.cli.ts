// `npm run console:account -- <username> <telegram-user-id> [role] [name…]`:
// gives an agent a web console account (or a new password), the agent created
// when the desk does not know them yet. For the first SUPERVISOR, on the
// server itself: whoever can run this can already read the database. The
// password is read from standard input (never an argument, so it stays out
// of the shell's history and the process list).
import { createInterface } from "node:readline/promises";
import { ConfigError, loadConfig, loadDotEnv } from "../../core/config.ts";
import { AgentRoleSchema } from "../../core/domain/ticket/ticket.enums.ts";
import { openDatabase } from "../../core/infra/db.ts";
import { hashPassword, passwordProblem } from "../../core/infra/password.ts";
import { upsertWebAccount } from "../../core/infra/stores/web-account.store.ts";

const USAGE =
  "Pakai / usage: npm run console:account -- <username> <telegram-user-id> [HELPDESK|VERIFIKATOR|ADMIN|ANALIS|SUPERVISOR] [nama]\n" +
  "Kata sandi dibaca dari input / the password is read from standard input.";

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question("Kata sandi baru (minimal 12 karakter): ")).trim();
  } finally {
    rl.close();
  }
}

try {
  const [username, telegramId, roleArg = "SUPERVISOR", ...nameParts] = process.argv.slice(2);
  const role = AgentRoleSchema.safeParse(roleArg);
  if (!username || !telegramId || !/^\d+$/u.test(telegramId) || !role.success) {
    console.error(USAGE);
    process.exitCode = 2;
  } else {
    const password = await readPassword();
    const problem = passwordProblem(password);
    if (problem) throw new Error(problem);
    loadDotEnv();
    const config = loadConfig();
    const db = await openDatabase(config.database);
    try {
      const result = await upsertWebAccount(db.prisma, {
        telegramUserId: BigInt(telegramId),
        name: nameParts.join(" ") || username,
        role: role.data,
        username,
        passwordHash: await hashPassword(password),
      });
      console.log(
        result.created
          ? `Akun konsol dibuat / console account created: ${username}`
          : `Kata sandi diganti / password replaced: ${username}`,
      );
    } finally {
      await db.close();
    }
  }
} catch (err) {
  console.error(
    err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err,
  );
  process.exitCode = 1;
}
