/**
 * The local outbox: where mail goes while SMTP_URL is unset (development, demos, a
 * classroom server without a mail relay). Each message is one file,
 * `<data folder>/outbox/<userId>/<time>-<id>.eml` — the data folder is COLLOQUY_DATA_DIR,
 * or `.data` in the project folder, as scripts/lib/database.ts resolves it — and
 * /outbox shows each signed-in user their own.
 *
 * No `server-only`: the job runner and tests use it outside Next.
 */
import { link, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export const outboxRoot = () => path.join(path.resolve(process.env.COLLOQUY_DATA_DIR || path.join(process.cwd(), ".data")), "outbox");

const SAFE = /^[A-Za-z0-9_-]{1,64}$/;
const FILE = /^\d{13}-[A-Za-z0-9_-]{1,64}\.eml$/;

function userFolder(userId: string): string {
  if (!SAFE.test(userId)) throw new Error("an outbox folder needs a plain user id");
  return path.join(outboxRoot(), userId);
}

/**
 * Put one message in the user's outbox. The name is fixed by the message (its time and
 * id), and the file is created exclusively: a retried job that already wrote it writes
 * nothing more and answers false. Written to a temporary name first, so a reader never
 * sees half a message.
 */
export async function writeOutboxMessage(options: { userId: string; id: string; at: Date; raw: Buffer | string }): Promise<boolean> {
  if (!SAFE.test(options.id)) throw new Error("an outbox message needs a plain id");
  const folder = userFolder(options.userId);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const name = `${String(options.at.getTime()).padStart(13, "0")}-${options.id}.eml`;
  const final = path.join(folder, name);
  // link() creates the name only if it does not exist yet — atomically, so two writers
  // (or a retry after a crash) can never both deliver it. A crash leaves at most a stray
  // temporary file, never a claimed name without its message.
  const tmp = `${final}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, options.raw, { mode: 0o600 });
  try {
    await link(tmp, final);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await rm(tmp, { force: true });
  }
  return true;
}

export interface OutboxEntry {
  file: string;
  at: Date;
}

/** The user's messages, newest first (at most `limit`). */
export async function listOutbox(userId: string, limit = 50): Promise<OutboxEntry[]> {
  let names: string[];
  try {
    names = await readdir(userFolder(userId));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return names
    .filter((n) => FILE.test(n))
    .sort()
    .reverse()
    .slice(0, Math.max(1, Math.min(limit, 200)))
    .map((file) => ({ file, at: new Date(Number(file.slice(0, 13))) }));
}

/** One message of the user's own outbox, or null (a name that is not theirs, or not a message). */
export async function readOutboxMessage(userId: string, file: string): Promise<string | null> {
  if (!FILE.test(file)) return null;
  try {
    return await readFile(path.join(userFolder(userId), file), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
