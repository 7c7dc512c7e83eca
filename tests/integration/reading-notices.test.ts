/**
 * "A new reading is open" / "A reading is due tomorrow" (lib/notifications/reading-notices.ts):
 * written by the notices.readings job for every student of the course, once — two runs at
 * once or a rerun never notify twice — following each student's settings, with mail
 * enqueued in the same transaction, and shown in the inbox linking to the reading.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { storeReading } from "@/lib/readings/store-reading";
import { sendReadingNotices } from "@/lib/notifications/reading-notices";
import { handlers, schedules } from "@/lib/jobs/handlers";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { updateNotificationSettings } from "@/lib/notifications/settings";
import { createComment } from "@/lib/comments/create-comment";
import { deliver, type Audience } from "@/lib/live/audience";
import { notificationsTopic } from "@/lib/live/topics";

const HOUR = 3600_000;
let w: Awaited<ReturnType<typeof setup>>;

async function setup() {
  const now = new Date();
  const teacher = await makeUser("Professor Notice");
  const alice = await makeUser("Alice Reader");
  const bob = await makeUser("Bob Reader");
  const carol = await makeUser("Carol Reader");
  const course = await makeCourse(teacher.id);
  for (const s of [alice, bob, carol]) await addMember(course.id, s.id);
  // Carol does not want to hear about new readings (but does about due dates), and reads mail in a digest.
  await updateNotificationSettings({ userId: carol.id, input: { reply: true, mention: true, endorsed: true, hidden: true, email: "DIGEST", readingOpen: false } });
  const make = async (title: string, data: { opensAt?: Date | null; dueAt?: Date | null; publishedAt?: Date | null; openNotifiedAt?: Date | null }) => {
    const r = await storeReading(db, {
      courseId: course.id,
      imported: { title, author: null, source: null, date: null, format: "text", blocks: [{ kind: "paragraph", text: `${title}.` }], notes: [], report: [] },
    });
    return db.reading.update({ where: { id: r.id }, data, select: { id: true, slug: true, title: true } });
  };
  const readings = {
    opened: await make("Opened an hour ago", { opensAt: new Date(now.getTime() - HOUR) }),
    published: await make("Published just now", {}),
    later: await make("Opens tomorrow", { opensAt: new Date(now.getTime() + 20 * HOUR) }),
    draft: await make("A draft", { publishedAt: null }),
    old: await make("Opened last week", { opensAt: new Date(now.getTime() - 7 * 24 * HOUR) }),
    dueSoon: await make("Due tomorrow", { opensAt: new Date(now.getTime() - 7 * 24 * HOUR), openNotifiedAt: new Date(now.getTime() - 7 * 24 * HOUR), dueAt: new Date(now.getTime() + 20 * HOUR) }),
    dueLater: await make("Due next week", { opensAt: new Date(now.getTime() - 7 * 24 * HOUR), openNotifiedAt: new Date(now.getTime() - 7 * 24 * HOUR), dueAt: new Date(now.getTime() + 5 * 24 * HOUR) }),
  };
  return { now, teacher, alice, bob, carol, course, readings };
}

beforeAll(async () => {
  w = await setup();
});

const byKindAndReading = (a: { kind: string; readingId: string | null }, b: { kind: string; readingId: string | null }) =>
  a.kind === b.kind ? (a.readingId ?? "").localeCompare(b.readingId ?? "") : a.kind.localeCompare(b.kind);
const noticesOf = async (userId: string) =>
  (await db.notification.findMany({ where: { recipientId: userId, courseId: w.course.id }, select: { id: true, kind: true, readingId: true } })).sort(byKindAndReading);

describe("reading notices", () => {
  test("the job runs every 15 minutes", () => {
    expect(schedules).toContainEqual({ name: "notices.readings", cron: "*/15 * * * *" });
  });

  test("two runs at once, then a rerun: each student is told once per reading and kind; staff and settings respected", async () => {
    await Promise.all([sendReadingNotices({ now: w.now }), sendReadingNotices({ now: w.now }), handlers["notices.readings"]({}, {} as never)]);
    await sendReadingNotices({ now: w.now });
    const { opened, published, dueSoon } = w.readings;
    const expected = (open: boolean) =>
      [
        ...(open ? [{ kind: "READING_OPEN", readingId: opened.id }, { kind: "READING_OPEN", readingId: published.id }] : []),
        { kind: "READING_DUE", readingId: dueSoon.id },
      ].sort(byKindAndReading);
    for (const s of [w.alice, w.bob]) expect((await noticesOf(s.id)).map(({ kind, readingId }) => ({ kind, readingId }))).toEqual(expected(true));
    expect((await noticesOf(w.carol.id)).map(({ kind, readingId }) => ({ kind, readingId }))).toEqual(expected(false));
    expect(await noticesOf(w.teacher.id)).toEqual([]);
    // Claimed: the markers are set on exactly the readings told about.
    const marks = await db.reading.findMany({ where: { courseId: w.course.id }, select: { title: true, openNotifiedAt: true, dueNotifiedAt: true } });
    const byTitle = Object.fromEntries(marks.map((m) => [m.title, m]));
    expect(byTitle["Opens tomorrow"]!.openNotifiedAt).toBeNull();
    expect(byTitle["A draft"]!.openNotifiedAt).toBeNull();
    expect(byTitle["Opened last week"]!.openNotifiedAt).toBeNull();
    expect(byTitle["Due next week"]!.dueNotifiedAt).toBeNull();
  });

  test("mail: a job per notification for 'immediately' users, in the notices' transaction; none for a digest user", async () => {
    const ids = [...(await noticesOf(w.alice.id)), ...(await noticesOf(w.carol.id))].map((n) => n.id);
    const jobs = await db.$queryRaw<{ id: string }[]>`SELECT data->>'notificationId' AS id FROM pgboss.job WHERE name = 'mail.send' AND data->>'notificationId' = ANY(${ids})`;
    const alice = (await noticesOf(w.alice.id)).map((n) => n.id).sort();
    expect(jobs.map((j) => j.id).sort()).toEqual(alice);
  });

  test("the inbox says it and links to the reading; a reading that opens later is told when it opens", async () => {
    const inbox = await listNotifications({ userId: w.alice.id });
    const open = inbox.items.find((i) => i.kind === "READING_OPEN" && i.readingTitle === "Published just now")!;
    expect(open.text).toBe("A new reading is open");
    expect(open.href).toBe(`/courses/${w.course.slug}/readings/${w.readings.published.slug}`);
    const due = inbox.items.find((i) => i.kind === "READING_DUE")!;
    expect([due.text, due.readingTitle]).toEqual(["A reading is due tomorrow", "Due tomorrow"]);

    // A day later, "Opens tomorrow" has opened: told then, once.
    const tomorrow = new Date(w.now.getTime() + 21 * HOUR);
    await Promise.all([sendReadingNotices({ now: tomorrow }), sendReadingNotices({ now: tomorrow })]);
    const later = (await noticesOf(w.bob.id)).filter((n) => n.readingId === w.readings.later.id);
    expect(later.map((n) => n.kind)).toEqual(["READING_OPEN"]);
  });

  test("a reading made a draft again takes its notice out of the inbox and the bell (its title with it); published again, it is back", async () => {
    const { countUnreadNotifications } = await import("@/lib/notifications/list-notifications");
    const { published } = w.readings;
    const titles = async () => (await listNotifications({ userId: w.alice.id })).items.map((i) => i.readingTitle);
    const before = await countUnreadNotifications({ userId: w.alice.id });
    expect(await titles()).toContain("Published just now");
    const { publishedAt } = await db.reading.findUniqueOrThrow({ where: { id: published.id }, select: { publishedAt: true } });
    await db.reading.update({ where: { id: published.id }, data: { publishedAt: null } });
    try {
      expect(await titles()).not.toContain("Published just now");
      expect(await countUnreadNotifications({ userId: w.alice.id })).toBe(before - 1);
      // The staff still see the draft, but were not told about it: nothing changes for them.
      expect(await countUnreadNotifications({ userId: w.teacher.id })).toBe(0);
    } finally {
      await db.reading.update({ where: { id: published.id }, data: { publishedAt } });
    }
    expect(await titles()).toContain("Published just now");
  });

  test("settings validate the new switches", async () => {
    await expect(updateNotificationSettings({ userId: w.bob.id, input: { reply: true, mention: true, endorsed: true, hidden: true, email: "NEVER", readingDue: "yes" } })).rejects.toThrow(/due/);
    const saved = await updateNotificationSettings({ userId: w.bob.id, input: { reply: true, mention: true, endorsed: true, hidden: true, email: "NEVER", readingDue: false } });
    expect(saved.readingDue).toBe(false);
  });
});

describe("the live bell's pings", () => {
  const pings = (userId: string) => db.liveEvent.findMany({ where: { topic: notificationsTopic(userId) }, orderBy: { id: "asc" }, select: { kind: true, data: true, audience: true } });

  test("each notification written pings its recipient alone, with no content", async () => {
    // The notices above pinged Alice (reading notices) but never the staff.
    const alice = await pings(w.alice.id);
    expect(alice.length).toBeGreaterThan(0);
    for (const p of alice) {
      expect(p.kind).toBe("notifications.changed");
      expect(p.data).toEqual({});
      expect(deliver({ userId: w.alice.id, role: "STUDENT" }, p.audience as unknown as Audience, p.data as Record<string, unknown>)).toEqual({});
      expect(deliver({ userId: w.bob.id, role: "STUDENT" }, p.audience as unknown as Audience, p.data as Record<string, unknown>)).toBeNull();
    }
    expect(await pings(w.teacher.id)).toEqual([]);

    // A reply pings the parent's author (in the reply's transaction), not the replier.
    const block = await db.block.findFirstOrThrow({ where: { readingId: w.readings.opened.id } });
    const question = await createComment({ userId: w.bob.id, input: { readingId: w.readings.opened.id, blockId: block.id, body: "A question?" } });
    const before = (await pings(w.bob.id)).length;
    const repliesBefore = (await pings(w.alice.id)).length;
    await createComment({ userId: w.alice.id, input: { readingId: w.readings.opened.id, blockId: block.id, parentId: question.id, body: "An answer." } });
    expect((await pings(w.bob.id)).length).toBe(before + 1);
    expect((await pings(w.alice.id)).length).toBe(repliesBefore);
  });
});
