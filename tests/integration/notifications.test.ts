import { describe, expect, test } from "vitest";
import { db, makeUser, makeCourse, addMember } from "../support/db";
import { storeReading } from "@/lib/readings/store-reading";
import { createComment } from "@/lib/comments/create-comment";
import { deleteComment } from "@/lib/comments/delete-comment";
import { moderateComment } from "@/lib/moderation/moderate-comment";
import { notifyAbout } from "@/lib/notifications/notify";
import { countUnreadNotifications, listNotifications, markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/list-notifications";
import type { ImportedReading } from "@/lib/import/types";

const imported = (): ImportedReading => ({
  title: "The Lamp",
  author: null,
  source: null,
  date: null,
  format: "text",
  blocks: [{ kind: "paragraph", text: "The miner's lamp burned low in the shaft." }],
  notes: [],
  report: [],
});

async function setup() {
  const teacher = await makeUser("Teacher");
  const alice = await makeUser("Alice <b>Ames</b>");
  const bob = await makeUser("Bob");
  const carol = await makeUser("Carol");
  const course = await makeCourse(teacher.id);
  await addMember(course.id, alice.id);
  await addMember(course.id, bob.id);
  await addMember(course.id, carol.id);
  const reading = await storeReading(db, { courseId: course.id, imported: imported() });
  const block = (await db.block.findFirst({ where: { readingId: reading.id } }))!;
  const post = (userId: string, body: string, parentId?: string) => createComment({ userId, input: { readingId: reading.id, blockId: block.id, body, ...(parentId ? { parentId } : {}) } });
  const rows = (recipientId: string) => db.notification.findMany({ where: { recipientId }, orderBy: { createdAt: "asc" } });
  return { teacher, alice, bob, carol, course, reading, block, post, rows };
}

describe("notifications", () => {
  test("a reply tells the parent's author and the thread root's author, once each, never the replier", async () => {
    const w = await setup();
    const root = await w.post(w.alice.id, "Why is the lamp low?");
    const reply = await w.post(w.bob.id, "The oil ran out.", root.id);
    expect(await w.rows(w.bob.id)).toHaveLength(0);
    const toAlice = await w.rows(w.alice.id);
    expect(toAlice).toHaveLength(1);
    expect(toAlice[0]).toMatchObject({ kind: "REPLY", actorId: w.bob.id, commentId: reply.id, readingId: w.reading.id, courseId: w.course.id, readAt: null });

    // Carol answers Bob's reply: Bob (parent) and Alice (root) are told; Carol is not.
    const deeper = await w.post(w.carol.id, "Or the air went bad.", reply.id);
    expect((await w.rows(w.bob.id)).map((n) => n.commentId)).toEqual([deeper.id]);
    expect((await w.rows(w.alice.id)).map((n) => n.commentId)).toEqual([reply.id, deeper.id]);
    expect(await w.rows(w.carol.id)).toHaveLength(0);

    // Alice answers in her own thread: Carol's parent is told, Alice (root author, replier) is not.
    const own = await w.post(w.alice.id, "Thanks both.", deeper.id);
    expect((await w.rows(w.carol.id)).map((n) => n.commentId)).toEqual([own.id]);
    expect(await w.rows(w.alice.id)).toHaveLength(2);
    // A top-level comment tells nobody.
    await w.post(w.bob.id, "A new thread.");
    expect(await db.notification.count({ where: { courseId: w.course.id } })).toBe(4);
  });

  test("the notification is written in the reply's own transaction: a reply that fails to commit leaves no notification", async () => {
    const w = await setup();
    const root = await w.post(w.alice.id, "First");
    // The reply's transaction is rolled back after the notification was written (a later
    // step fails): neither the reply nor the notification exists.
    const before = await db.comment.count();
    await expect(
      db.$transaction(async (tx) => {
        const row = await tx.comment.create({ data: { courseId: w.course.id, readingId: w.reading.id, blockId: w.block.id, parentId: root.id, rootId: root.id, authorId: w.bob.id, body: "x" } });
        expect(await notifyAbout(tx, { kind: "REPLY", commentId: row.id, actorId: w.bob.id, recipientIds: [w.alice.id] })).toBe(1);
        expect(await tx.notification.count({ where: { recipientId: w.alice.id } })).toBe(1);
        throw new Error("a later step failed");
      }),
    ).rejects.toThrow("a later step failed");
    expect(await db.comment.count()).toBe(before);
    expect(await w.rows(w.alice.id)).toHaveLength(0);
  });

  test("nobody is told about a comment they may not see, or in a course they left", async () => {
    const w = await setup();
    const root = await w.post(w.alice.id, "Root");
    // A reply waiting for approval (as pre-moderation makes them): Alice may not see it.
    const pending = await db.comment.create({ data: { courseId: w.course.id, readingId: w.reading.id, blockId: w.block.id, parentId: root.id, rootId: root.id, authorId: w.bob.id, body: "pending", status: "PENDING" } });
    const privateNote = await db.comment.create({ data: { courseId: w.course.id, readingId: w.reading.id, blockId: w.block.id, parentId: root.id, rootId: root.id, authorId: w.bob.id, body: "mine", visibility: "PRIVATE" } });
    for (const c of [pending, privateNote]) {
      expect(await db.$transaction((tx) => notifyAbout(tx, { kind: "REPLY", commentId: c.id, actorId: w.bob.id, recipientIds: [w.alice.id] }))).toBe(0);
    }
    // Alice left the course: Bob's reply to her old comment tells her nothing.
    await db.membership.deleteMany({ where: { courseId: w.course.id, userId: w.alice.id } });
    await w.post(w.bob.id, "Reply after she left", root.id);
    expect(await w.rows(w.alice.id)).toHaveLength(0);
  });

  test("endorse and hide tell the author (hide with its reason); other actions, and a moderator acting on their own comment, do not", async () => {
    const w = await setup();
    const c = await w.post(w.alice.id, "A good point");
    await moderateComment({ userId: w.teacher.id, commentId: c.id, input: { action: "endorse" } });
    await moderateComment({ userId: w.teacher.id, commentId: c.id, input: { action: "pin" } });
    await moderateComment({ userId: w.teacher.id, commentId: c.id, input: { action: "hide", reason: "Off topic for this week" } });
    const rows = await w.rows(w.alice.id);
    expect(rows.map((r) => [r.kind, r.reason, r.actorId])).toEqual([
      ["ENDORSED", null, w.teacher.id],
      ["HIDDEN", "Off topic for this week", w.teacher.id],
    ]);
    const mine = await w.post(w.teacher.id, "Staff note");
    await moderateComment({ userId: w.teacher.id, commentId: mine.id, input: { action: "endorse" } });
    expect(await w.rows(w.teacher.id)).toHaveLength(0);

    // The inbox says it in words and links to the comment's deep link; the hidden comment
    // is still its author's to see, so both stay listed.
    const { items } = await listNotifications({ userId: w.alice.id });
    expect(items.map((i) => i.text)).toEqual(["Your comment was hidden: Off topic for this week", "Your comment was endorsed"]);
    expect(items[0]!.href).toBe(`/courses/${w.course.slug}/readings/${w.reading.slug}#c-${c.id}`);
  });

  test("the inbox and the bell: names as they are now, unread count, mark one read (own only), mark all read, pages", async () => {
    const w = await setup();
    const root = await w.post(w.alice.id, "Root");
    const r1 = await w.post(w.bob.id, "One", root.id);
    await w.post(w.carol.id, "Two", root.id);
    expect(await countUnreadNotifications({ userId: w.alice.id })).toBe(2);
    await db.user.update({ where: { id: w.bob.id }, data: { name: "Robert" } });
    const { items } = await listNotifications({ userId: w.alice.id });
    expect(items.map((i) => i.text)).toEqual(["Carol replied to you", "Robert replied to you"]);

    const bobsRow = items[1]!;
    // Someone else cannot mark Alice's notification read.
    expect(await markNotificationRead({ userId: w.bob.id, id: bobsRow.id })).toBe(false);
    expect(await markNotificationRead({ userId: w.alice.id, id: bobsRow.id })).toBe(true);
    expect(await markNotificationRead({ userId: w.alice.id, id: bobsRow.id })).toBe(false);
    expect(await countUnreadNotifications({ userId: w.alice.id })).toBe(1);

    // A reply deleted since drops out of the inbox and the count.
    await deleteComment({ userId: w.bob.id, commentId: r1.id });
    expect((await listNotifications({ userId: w.alice.id })).items.map((i) => i.text)).toEqual(["Carol replied to you"]);

    expect(await markAllNotificationsRead({ userId: w.alice.id })).toBe(1);
    expect(await countUnreadNotifications({ userId: w.alice.id })).toBe(0);

    // Pages: newest first, bounded, each item once.
    for (let i = 0; i < 5; i++) await w.post(w.carol.id, `More ${i}`, root.id);
    const seen: string[] = [];
    let before: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page: Awaited<ReturnType<typeof listNotifications>> = await listNotifications({ userId: w.alice.id, before, take: 2 });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      before = page.nextBefore;
      if (!before) break;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    // Another user's inbox is empty of Alice's notifications.
    expect((await listNotifications({ userId: w.bob.id })).items).toHaveLength(0);
  });
});

describe("notification settings", () => {
  test("validated: booleans and one of three frequencies, nothing else; saved per user; defaults until saved", async () => {
    const { getNotificationSettings, updateNotificationSettings } = await import("@/lib/notifications/settings");
    const alice = await makeUser("Alice");
    const bob = await makeUser("Bob");
    expect(await getNotificationSettings({ userId: alice.id })).toEqual({ reply: true, mention: true, endorsed: true, hidden: true, email: "IMMEDIATE", readingOpen: true, readingDue: true });
    const good = { reply: false, mention: true, endorsed: false, hidden: true, email: "DIGEST" };
    for (const bad of [
      null,
      "x",
      { ...good, email: "HOURLY" },
      { ...good, reply: "yes" },
      { ...good, email: "x".repeat(10_000) },
      { ...good, extra: 1 },
      { reply: true },
    ]) {
      const error = await updateNotificationSettings({ userId: alice.id, input: bad }).then(() => null, (e: unknown) => e);
      expect(error, JSON.stringify(bad)?.slice(0, 80)).toMatchObject({ code: "INVALID_INPUT" });
      expect((error as Error).message.length).toBeLessThan(200);
    }
    expect(await db.notificationSettings.count({ where: { userId: alice.id } })).toBe(0);
    await updateNotificationSettings({ userId: alice.id, input: good });
    // (The reading notices' switches, not sent, keep their default: on.)
    expect(await getNotificationSettings({ userId: alice.id })).toEqual({ ...good, readingOpen: true, readingDue: true });
    expect(await getNotificationSettings({ userId: bob.id })).toMatchObject({ email: "IMMEDIATE" });
  });
});

describe("mentions", () => {
  test("a mention of a member tells them (not the writer, not outsiders) and shows their current name; unknown ids and outsiders stay plain text", async () => {
    const { listThreads } = await import("@/lib/comments/list-threads");
    const { suggestMentions } = await import("@/lib/comments/suggest-mentions");
    const w = await setup();
    const outsider = await makeUser("Olga Outsider");
    const body = `Ask @[Bob](user:${w.bob.id}) and @[Olga](user:${outsider.id}) and @[Ghost](user:nosuchuser1) and me @[Alice](user:${w.alice.id})`;
    const c = await w.post(w.alice.id, body);
    expect((await w.rows(w.bob.id)).map((n) => [n.kind, n.commentId, n.actorId])).toEqual([["MENTION", c.id, w.alice.id]]);
    expect(await w.rows(w.alice.id)).toHaveLength(0);
    expect(await db.notification.count({ where: { recipientId: outsider.id } })).toBe(0);
    expect((await listNotifications({ userId: w.bob.id })).items[0]!.text).toMatch(/mentioned you$/);

    await db.user.update({ where: { id: w.bob.id }, data: { name: "Robert <Bobby>" } });
    const [thread] = (await listThreads({ userId: w.carol.id, query: { blockId: w.block.id } })).threads;
    const html = thread!.root.html!;
    expect(html).toContain(`<span class="mention" data-mention="${w.bob.id}">@Robert &lt;Bobby&gt;</span>`);
    expect(html).toContain("@Olga");
    expect(html).not.toContain(`data-mention="${outsider.id}"`);
    expect(html).toContain("@Ghost");

    // Suggestions: members of the course, not the caller, never an address; outsiders get 404.
    const names = (await suggestMentions({ userId: w.alice.id, readingId: w.reading.id, query: "rob" })).map((m) => m.name);
    expect(names).toEqual(["Robert <Bobby>"]);
    const all = await suggestMentions({ userId: w.alice.id, readingId: w.reading.id, query: "" });
    expect(all.map((m) => m.id)).not.toContain(w.alice.id);
    expect(JSON.stringify(all)).not.toContain("@test.colloquy");
    await expect(suggestMentions({ userId: outsider.id, readingId: w.reading.id, query: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(suggestMentions({ userId: w.alice.id, readingId: w.reading.id, query: "x".repeat(41) })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  test("staff discussing a draft (or a reading not open yet) and mentioning a student tell them nothing — no row, no mail, not its title", async () => {
    const w = await setup();
    await db.reading.update({ where: { id: w.reading.id }, data: { publishedAt: null } });
    const onDraft = await w.post(w.teacher.id, `Before we publish: @[Alice](user:${w.alice.id}) will lead this one.`);
    await db.reading.update({ where: { id: w.reading.id }, data: { publishedAt: new Date(), opensAt: new Date(Date.now() + 86_400_000) } });
    const upcoming = await w.post(w.teacher.id, `Tomorrow, @[Bob](user:${w.bob.id}) answers first.`);
    expect(await db.notification.count({ where: { commentId: { in: [onDraft.id, upcoming.id] } } })).toBe(0);
    expect(await countUnreadNotifications({ userId: w.alice.id })).toBe(0);
    // Once it is open, a mention tells them as usual.
    await db.reading.update({ where: { id: w.reading.id }, data: { opensAt: null } });
    const open = await w.post(w.teacher.id, `Now @[Alice](user:${w.alice.id}) leads.`);
    expect((await w.rows(w.alice.id)).map((n) => [n.kind, n.commentId])).toEqual([["MENTION", open.id]]);
  });

  test("a reply that also mentions the author it answers tells them once (the reply); others it mentions are told of the mention", async () => {
    const { updateNotificationSettings } = await import("@/lib/notifications/settings");
    const w = await setup();
    const root = await w.post(w.alice.id, "Why is the lamp low?");
    const reply = await w.post(w.bob.id, `@[Alice](user:${w.alice.id}) the oil ran out — right, @[Carol](user:${w.carol.id})?`, root.id);
    expect((await w.rows(w.alice.id)).map((n) => [n.kind, n.commentId])).toEqual([["REPLY", reply.id]]);
    expect((await w.rows(w.carol.id)).map((n) => [n.kind, n.commentId])).toEqual([["MENTION", reply.id]]);
    expect((await listNotifications({ userId: w.alice.id })).items.map((i) => i.text)).toEqual(["Bob replied to you"]);
    // One mail job for Alice's one notification.
    const [row] = await db.$queryRaw<{ jobs: number }[]>`SELECT count(*)::int AS jobs FROM pgboss.job WHERE name = 'mail.send' AND data->>'notificationId' IN (SELECT "id" FROM "Notification" WHERE "recipientId" = ${w.alice.id})`;
    expect(row?.jobs).toBe(1);

    // With replies switched off, the mention still reaches her (she asked to hear of those).
    await updateNotificationSettings({ userId: w.alice.id, input: { reply: false, mention: true, endorsed: true, hidden: true, email: "IMMEDIATE", readingOpen: true, readingDue: true } });
    const again = await w.post(w.bob.id, `@[Alice](user:${w.alice.id}) one more thing`, root.id);
    expect((await w.rows(w.alice.id)).map((n) => [n.kind, n.commentId])).toEqual([
      ["REPLY", reply.id],
      ["MENTION", again.id],
    ]);
  });
});
