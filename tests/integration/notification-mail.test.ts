/** Notification mail through the one job queue: enqueued in the notification's own
 *  transaction, written to the local outbox (SMTP_URL unset), sent exactly once — also when
 *  the worker is killed between enqueue and send, and with two runners working the queue. */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { getBoss } from "@/lib/jobs/queue";
import { startJobRunner, type JobRunner } from "@/lib/jobs/runner";
import { storeReading } from "@/lib/readings/store-reading";
import { createComment } from "@/lib/comments/create-comment";
import { notifyAbout } from "@/lib/notifications/notify";
import { renderNotificationMail, sendDigests, sendNotificationMail } from "@/lib/notifications/mail";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { listOutbox, readOutboxMessage } from "@/lib/mail/outbox";
import type { ImportedReading } from "@/lib/import/types";

const imported = (): ImportedReading => ({
  title: "The Lamp & the Shaft",
  author: null,
  source: null,
  date: null,
  format: "text",
  blocks: [{ kind: "paragraph", text: "The miner's lamp burned low in the shaft." }],
  notes: [],
  report: [],
});

const dataDir = mkdtempSync(path.join(os.tmpdir(), "colloquy-mail-"));
const saved = { data: process.env.COLLOQUY_DATA_DIR, smtp: process.env.SMTP_URL, notices: process.env.COLLOQUY_READING_NOTICES };

async function setup() {
  const teacher = await makeUser("Teacher");
  const alice = await makeUser("Alice");
  const bob = await makeUser('Bob <script>alert("x")</script>');
  const course = await makeCourse(teacher.id);
  await addMember(course.id, alice.id);
  await addMember(course.id, bob.id);
  const reading = await storeReading(db, { courseId: course.id, imported: imported() });
  const block = (await db.block.findFirst({ where: { readingId: reading.id } }))!;
  const post = (userId: string, body: string, parentId?: string) => createComment({ userId, input: { readingId: reading.id, blockId: block.id, body, ...(parentId ? { parentId } : {}) } });
  return { teacher, alice, bob, course, reading, block, post };
}

const mailJobs = (notificationId: string) =>
  db.$queryRawUnsafe<{ id: string; state: string; retry_count: number; output: { sent?: string } | null }[]>(
    `SELECT id, state, retry_count, output FROM pgboss.job WHERE name = 'mail.send' AND data->>'notificationId' = $1`,
    notificationId,
  );

async function waitFor<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const outboxFiles = (userId: string) => {
  try {
    return readdirSync(path.join(dataDir, "outbox", userId)).filter((f) => f.endsWith(".eml"));
  } catch {
    return [];
  }
};

describe("notification mail", () => {
  let runner: JobRunner | null = null;
  beforeAll(() => {
    process.env.COLLOQUY_DATA_DIR = dataDir;
    delete process.env.SMTP_URL;
    // The runners here (and the crash test's child) keep the quarter-hour "a new reading is
    // open" job, which would tell Alice about each test's new reading — a second mail in her
    // outbox whenever a test runs across :00, :15, :30 or :45. Those notices have their own tests.
    process.env.COLLOQUY_READING_NOTICES = "off";
  });
  afterAll(async () => {
    await runner?.stop({ graceful: false });
    await (await getBoss()).stop({ graceful: false });
    process.env.COLLOQUY_DATA_DIR = saved.data;
    if (saved.smtp !== undefined) process.env.SMTP_URL = saved.smtp;
    if (saved.notices === undefined) delete process.env.COLLOQUY_READING_NOTICES;
    else process.env.COLLOQUY_READING_NOTICES = saved.notices;
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("the mail job is written in the notification's transaction: rolled back together, committed together", async () => {
    const w = await setup();
    const root = await w.post(w.alice.id, "First");
    let rolledBackId = "";
    await expect(
      db.$transaction(async (tx) => {
        const row = await tx.comment.create({ data: { courseId: w.course.id, readingId: w.reading.id, blockId: w.block.id, parentId: root.id, rootId: root.id, authorId: w.bob.id, body: "x" } });
        await notifyAbout(tx, { kind: "REPLY", commentId: row.id, actorId: w.bob.id, recipientIds: [w.alice.id] });
        rolledBackId = (await tx.notification.findFirstOrThrow({ where: { commentId: row.id } })).id;
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await mailJobs(rolledBackId)).toHaveLength(0);

    await w.post(w.bob.id, "A reply", root.id);
    const n = await db.notification.findFirstOrThrow({ where: { recipientId: w.alice.id } });
    expect(await mailJobs(n.id)).toHaveLength(1);
  });

  test("a runner sends it to the user's outbox once; names and comment text are escaped in the HTML part", async () => {
    const w = await setup();
    const root = await w.post(w.alice.id, "Root");
    await w.post(w.bob.id, 'I think <img src=x onerror="alert(1)"> & more', root.id);
    const n = await db.notification.findFirstOrThrow({ where: { recipientId: w.alice.id }, include: { recipient: true, actor: true, course: true, reading: true, comment: true } });
    const mail = renderNotificationMail(n);
    expect(mail.to).toBe(w.alice.email);
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("Bob &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; replied to you");
    expect(mail.html).toContain("I think &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more");
    expect(mail.html).toContain("The Lamp &amp; the Shaft");
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain(`#c-${n.commentId}`);

    runner = await startJobRunner({ pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, log: () => {} });
    const [job] = await waitFor("mail job", () => mailJobs(n.id), (j) => j[0]?.state === "completed");
    expect(job!.output).toEqual({ sent: "outbox" });
    const files = await listOutbox(w.alice.id);
    expect(files).toHaveLength(1);
    const raw = (await readOutboxMessage(w.alice.id, files[0]!.file))!;
    expect(raw).toContain(`To: ${w.alice.email}`);
    expect(raw).toMatch(/^Subject: =\?UTF-8\?Q\?Bob_/m);
    expect(raw).toContain(`Message-ID: <notification-${n.id}@colloquy>`);
    expect((await db.notification.findUniqueOrThrow({ where: { id: n.id } })).mailedAt).not.toBeNull();
    // Bob's own outbox has nothing of Alice's; a name that is not a message reads nothing.
    expect(await listOutbox(w.bob.id)).toHaveLength(0);
    expect(await readOutboxMessage(w.bob.id, files[0]!.file)).toBeNull();
    expect(await readOutboxMessage(w.alice.id, "../../etc/passwd")).toBeNull();
  });

  test("a mail survives a kill between enqueue and send, and is sent exactly once", async () => {
    const w = await setup();
    await runner?.stop({ graceful: false });
    runner = null;
    const root = await w.post(w.alice.id, "Root");
    await w.post(w.bob.id, "Reply before the crash", root.id);
    const n = await db.notification.findFirstOrThrow({ where: { recipientId: w.alice.id } });
    // A runner in its own process takes the job and is killed (SIGKILL) before sending.
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "../support/job-runner-child.ts")], {
      env: { ...process.env, COLLOQUY_DOOMED_MAILER: "1" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await waitFor("active mail job", () => mailJobs(n.id), (j) => j[0]?.state === "active", 60_000);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(outboxFiles(w.alice.id)).toHaveLength(0);
    // This process's runner finds the job expired and sends it: once.
    runner = await startJobRunner({ pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, log: () => {} });
    const [job] = await waitFor("mail job after the crash", () => mailJobs(n.id), (j) => j[0]?.state === "completed", 120_000);
    expect(job!.retry_count).toBe(1);
    expect(job!.output).toEqual({ sent: "outbox" });
    expect(outboxFiles(w.alice.id)).toHaveLength(1);
    expect(readFileSync(path.join(dataDir, "outbox", w.alice.id, outboxFiles(w.alice.id)[0]!), "utf8")).toContain("Reply before the crash");
  }, 180_000);

  test("two runners working the queue send each mail once", async () => {
    const w = await setup();
    await runner?.stop({ graceful: false });
    runner = null;
    const root = await w.post(w.alice.id, "Root");
    // Six replies, six notifications for Alice, six mail jobs, while no runner works.
    const people = await Promise.all([1, 2, 3, 4, 5, 6].map(async (i) => {
      const u = await makeUser(`Replier ${i}`);
      await addMember(w.course.id, u.id);
      return u;
    }));
    for (const [i, u] of people.entries()) await w.post(u.id, `Reply ${i}`, root.id);
    const ids = (await db.notification.findMany({ where: { recipientId: w.alice.id }, select: { id: true } })).map((r) => r.id);
    expect(ids).toHaveLength(6);
    const url = process.env.DATABASE_URL!;
    const two = await Promise.all([0, 1].map(() => startJobRunner({ url, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, log: () => {} })));
    try {
      for (const id of ids) {
        const [job] = await waitFor(`mail job ${id}`, () => mailJobs(id), (j) => j[0]?.state === "completed", 60_000);
        expect(job!.retry_count).toBe(0);
        // "outbox", never "already": no second delivery was even attempted.
        expect(job!.output).toEqual({ sent: "outbox" });
      }
    } finally {
      await Promise.all(two.map((r) => r.stop({ graceful: false })));
    }
    expect(outboxFiles(w.alice.id)).toHaveLength(6);
  }, 120_000);

  test("settings: a kind switched off writes no notification; digest users get no immediate mail but one daily digest", async () => {
    const w = await setup();
    const root = await w.post(w.alice.id, "Root");
    await db.notificationSettings.create({ data: { userId: w.alice.id, reply: false } });
    await w.post(w.bob.id, "Not told", root.id);
    expect(await db.notification.count({ where: { recipientId: w.alice.id } })).toBe(0);

    await db.notificationSettings.update({ where: { userId: w.alice.id }, data: { reply: true, email: "DIGEST" } });
    await w.post(w.bob.id, "Told in the digest", root.id);
    await w.post(w.bob.id, "Also in the digest", root.id);
    const ns = await db.notification.findMany({ where: { recipientId: w.alice.id } });
    expect(ns).toHaveLength(2);
    for (const n of ns) expect(await mailJobs(n.id)).toHaveLength(0);

    const before = outboxFiles(w.alice.id).length;
    await sendDigests(new Date());
    const after = outboxFiles(w.alice.id);
    expect(after.length).toBe(before + 1);
    const digest = readFileSync(path.join(dataDir, "outbox", w.alice.id, after.find((f) => f.includes("digest"))!), "utf8");
    expect(digest).toContain("Told in the digest");
    expect(digest).toContain("Also in the digest");
    // A second run the same day sends nothing more.
    await sendDigests(new Date());
    expect(outboxFiles(w.alice.id).length).toBe(before + 1);
  });

  // Last: it leaves mail jobs queued (it sends one directly), which a doomed runner of the
  // kill test would otherwise take first.
  test("an anonymous classmate's reply is told as 'Classmate A' — in the inbox and in the mail — and by name to staff", async () => {
    const w = await setup();
    await db.course.update({ where: { id: w.course.id }, data: { allowAnonymous: true } });
    const dana = await makeUser("Dana Secretname");
    await addMember(w.course.id, dana.id);
    const root = await w.post(w.alice.id, "Why is the lamp low?");
    const fromTeacher = await w.post(w.teacher.id, "Staff asks too.");
    const anonymously = (parentId: string) =>
      createComment({ userId: dana.id, input: { readingId: w.reading.id, blockId: w.block.id, body: "Because the oil ran out, @[Alice](user:" + w.alice.id + ")", parentId, anonymous: true } });
    await anonymously(root.id);
    await anonymously(fromTeacher.id);

    const inbox = (await listNotifications({ userId: w.alice.id })).items;
    expect(inbox.map((i) => i.text)).toContain("Classmate A replied to you");
    for (const item of inbox) expect(item.text).toMatch(/^Classmate A (replied to|mentioned) you$/);
    expect(JSON.stringify(inbox)).not.toContain("Secretname");
    // Staff see who it was, as they do in the thread.
    expect((await listNotifications({ userId: w.teacher.id })).items.map((i) => i.text)).toContain("Dana Secretname replied to you");

    const n = await db.notification.findFirstOrThrow({ where: { recipientId: w.alice.id, kind: "REPLY" } });
    expect(await sendNotificationMail(n.id)).toEqual({ sent: "outbox" });
    const files = await listOutbox(w.alice.id);
    const raw = (await readOutboxMessage(w.alice.id, files.at(-1)!.file))!;
    expect(raw).toContain("Classmate A replied to you");
    expect(raw).not.toContain("Secretname");
    expect(raw).not.toContain(dana.id);
  });
});
