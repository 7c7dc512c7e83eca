/**
 * One post end to end, measured: the bench's throwaway database and volume, the `.next-e2e`
 * production build, N posts with 4 in flight (as the capacity section). Prints the CPU
 * seconds per post of the app server and of PostgreSQL (from /proc); with PROFILE=1 the app
 * runs under a CPU profiler (scripts/lib/cpu-profiler.mjs; SIGUSR2 writes a .cpuprofile of
 * the measured posts into the folder given) — read it with scripts/profile-summary.ts.
 * REFUSE=1 measures refused posts instead: one post held in flight (its reading's live-event
 * lock held), COLLOQUY_POSTS_IN_FLIGHT=1 and no wait, so every measured post gets the 503.
 * PAGE=1 measures the bench's reading page (002, 5,000 comments) for the signed-in student
 * instead of posts; FLOOR=1 the same-size filler page rendered per request (/bench-dynamic:
 * no session, no data) — the page's profile beside the framework's floor.
 *
 *   npx tsx scripts/profile-post.ts [posts=1500] [profile folder]
 *   PAGE=1 PROFILE=1 npx tsx scripts/profile-post.ts 600 /tmp/page-profile
 */
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createClient } from "@/lib/db";
import { readingTopic } from "@/lib/live/topics";
import { startTestDatabase } from "@/tests/support/test-database";
import { startAppServer } from "./lib/app-server";
import { signIn } from "./lib/sign-in";
import { seedVolume } from "./bench/volume";
import { staticPageOfSize } from "./bench/static-page";

const posts = Number(process.argv[2] ?? 1500);
const dir = path.resolve(process.argv[3] ?? "/tmp/colloquy-post-profile");
const profile = process.env.PROFILE === "1";
const refuse = process.env.REFUSE === "1";
const page = process.env.PAGE === "1" ? "page" : process.env.FLOOR === "1" ? "floor" : null;

/** CPU seconds (user + system, with reaped children) of a process and its live descendants. */
function treeSeconds(root: number): number {
  const stat = (pid: number) => {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, "utf8");
      return text.slice(text.lastIndexOf(")") + 2).split(" ");
    } catch {
      return null;
    }
  };
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const parent = Number(stat(Number(name))?.[1] ?? 0);
    children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  let total = 0;
  for (const queue = [root]; queue.length; ) {
    const pid = queue.shift()!;
    const f = stat(pid);
    if (f) total += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

async function main() {
  mkdirSync(dir, { recursive: true });
  const database = await startTestDatabase("profile");
  const db = createClient(database.url);
  const sql = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    const volume = await seedVolume({ db, sql, elsewhere: 1000, log: (l) => console.log(`[seed] ${l}`) });
    const postmaster = await (async () => {
      const pid = (await sql.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      return Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
    })();
    const app = await startAppServer({
      databaseUrl: database.url,
      distDir: ".next-e2e",
      env: {
        COLLOQUY_RATE_LIMITS: "off",
        ...(profile ? { NODE_OPTIONS: `--import ${path.resolve("scripts/lib/cpu-profiler.mjs")}`, PROFILE_DIR: dir } : {}),
        ...(refuse ? { COLLOQUY_POSTS_IN_FLIGHT: "1", COLLOQUY_POSTS_WAIT_MS: "0" } : {}),
      },
    });
    const holder = new pg.Client({ connectionString: database.url });
    try {
      const cookie = await signIn(app.baseUrl, volume.students[0]!.email, volume.password, { confirm: true });
      let i = 0;
      const post = async (expect: number | number[] = 201) => {
        const n = i++;
        const response = await fetch(`${app.baseUrl}/api/comments`, {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/json", Origin: app.baseUrl },
          body: JSON.stringify({
            readingId: volume.postTarget.readingId,
            blockId: volume.postTarget.blockIds[n % volume.postTarget.blockIds.length],
            body: `Profile post ${n}: where the argument turns, and why it matters here.`,
            idempotencyKey: crypto.randomUUID(),
          }),
        });
        if (![expect].flat().includes(response.status)) throw new Error(`post ${n}: ${response.status} ${await response.text()}`);
      };
      let pagePath = volume.reading.path;
      if (page === "floor") {
        const size = (await (await fetch(app.baseUrl + pagePath, { headers: { Cookie: cookie, "Accept-Encoding": "identity" } })).text()).length;
        pagePath = (await staticPageOfSize(app.baseUrl, size)).path.replace("/bench-static/", "/bench-dynamic/");
      }
      const get = async () => {
        i++;
        const response = await fetch(app.baseUrl + pagePath, { headers: { Cookie: cookie, "Accept-Encoding": "identity" } });
        const html = await response.text();
        if (response.status !== 200 || (page === "page" && !html.includes("data-article-version"))) throw new Error(`${pagePath}: ${response.status}`);
      };
      if (page) {
        for (let w = 0; w < 50; w++) await get(); // warm up
      } else for (let w = 0; w < 50; w++) await post(); // warm up
      let held: Promise<void> | null = null;
      if (refuse) {
        await holder.connect();
        await holder.query("BEGIN");
        await holder.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [readingTopic(volume.postTarget.readingId)]);
        // Held until the measured posts are done: it may outlive its transaction's timeout (a 503).
        held = post([201, 503]);
        await new Promise((r) => setTimeout(r, 1000));
      }
      if (profile) {
        process.kill(app.pid!, "SIGUSR2"); // start-up and warm-up: a profile of their own
        await new Promise((r) => setTimeout(r, 1500));
      }
      const app0 = treeSeconds(app.pid!);
      const db0 = treeSeconds(postmaster);
      const t0 = performance.now();
      i = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (i < posts) await (page ? get() : post(refuse ? 503 : 201));
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      await new Promise((r) => setTimeout(r, 500));
      const appCpu = treeSeconds(app.pid!) - app0;
      const dbCpu = treeSeconds(postmaster) - db0;
      console.log(
        `${posts} ${page ? `GET ${pagePath.slice(0, 40)}` : refuse ? "refused posts" : "posts"} in ${seconds.toFixed(1)} s; CPU per ${page ? "request" : "post"}: app ${((1000 * appCpu) / posts).toFixed(2)} ms, PostgreSQL ${((1000 * dbCpu) / posts).toFixed(2)} ms, together ${((1000 * (appCpu + dbCpu)) / posts).toFixed(2)} ms (${(posts / (appCpu + dbCpu)).toFixed(1)} per CPU-second)`,
      );
      if (profile) {
        process.kill(app.pid!, "SIGUSR2"); // the measured posts
        await new Promise((r) => setTimeout(r, 3000));
      }
      if (held) {
        await holder.query("COMMIT");
        await held;
      }
    } finally {
      await holder.end().catch(() => {});
      await app.stop();
    }
  } finally {
    await sql.end();
    await db.$disconnect();
    await database.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
