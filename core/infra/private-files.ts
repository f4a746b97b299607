// DATA_DIR holds the embedded database, the private Redis and the development
// keys: for this service's user only. PGlite unpacks its initial database with
// mode 0666 whatever the umask (it sets the modes of its archive), and writes a
// few files 0644 later, so modes are set explicitly, not left to the umask.
import { chmod, lstat, mkdir, readdir } from "node:fs/promises";
import path from "node:path";

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) as 0700 and makes an existing one 0700. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
  await chmodOwn(dir, DIR_MODE);
}

/** Every directory under `root` (and root) 0700, every file 0600; symlinks are left alone. */
export async function makeTreePrivate(root: string): Promise<void> {
  const stat = await lstat(root).catch(() => undefined);
  if (!stat || stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if (stat.mode & 0o077) await chmodOwn(root, DIR_MODE);
    const entries = await readdir(root).catch(() => []);
    for (const entry of entries) await makeTreePrivate(path.join(root, entry));
  } else if (stat.isFile() && stat.mode & 0o077) {
    await chmodOwn(root, FILE_MODE);
  }
}

async function chmodOwn(file: string, mode: number): Promise<void> {
  try {
    await chmod(file, mode);
  } catch (err) {
    // Gone meanwhile (Postgres removes temporary files), or another user's
    // directory that we may write to but not re-mode: nothing to tighten.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "EPERM") throw err;
  }
}
