import { describe, expect, test } from "vitest";
import { addMember, db, makeUser } from "../support/db";
import { makeClass, makeReading, rejects, writeComment, DAY } from "../support/course-admin";
import { addMembers } from "@/lib/courses/add-members";
import { acceptInvitation } from "@/lib/courses/accept-invitation";
import { findInvitation } from "@/lib/courses/find-invitation";
import { renewInvitation } from "@/lib/courses/renew-invitation";
import { revokeInvitation } from "@/lib/courses/revoke-invitation";
import { setInviteLink } from "@/lib/courses/set-invite-link";
import { disableInviteLink } from "@/lib/courses/disable-invite-link";
import { changeMemberRole } from "@/lib/courses/change-member-role";
import { removeMember } from "@/lib/courses/remove-member";
import { listRoster } from "@/lib/courses/list-roster";
import { regenerateJoinCode } from "@/lib/courses/regenerate-join-code";
import { updateCourseSettings } from "@/lib/courses/update-course-settings";
import { deleteCourse } from "@/lib/courses/delete-course";
import { listMyCourses } from "@/lib/courses/list-my-courses";
import { joinCourse } from "@/lib/courses/join-course";
import { requireCourseRole } from "@/lib/auth/guard";
import { createComment } from "@/lib/comments/create-comment";
import { listThreads } from "@/lib/comments/list-threads";

const tokenOf = (path: string) => path.split("/").at(-1)!;
const roleIn = async (courseId: string, userId: string) =>
  (await db.membership.findFirst({ where: { courseId, userId }, select: { role: true } }))?.role ?? null;

describe("adding people from a class list", () => {
  test("existing accounts join at once, unknown emails get an invitation link, bad rows get their own message and the good rows are added", async () => {
    const c = await makeClass();
    const carol = await makeUser("Carol");
    const newcomer = `newcomer.${Date.now()}@example.edu`;
    const csv = [
      "email,name,role",
      `${carol.email},Carol C,`,
      `${c.alice.email},Alice again,`,
      `${newcomer},New Comer,ta`,
      "not-an-address,Broken Row,",
      `${carol.email.toUpperCase()},Carol twice,`,
      "x@example.edu,Someone,overlord",
    ].join("\n");
    const result = await addMembers({ userId: c.instructor.id, courseSlug: c.course.slug, input: { csv } });

    expect(result.added).toEqual([expect.objectContaining({ line: 2, email: carol.email, role: "STUDENT" })]);
    expect(result.alreadyMembers).toEqual([expect.objectContaining({ line: 3, email: c.alice.email, role: "STUDENT" })]);
    expect(result.invited).toEqual([expect.objectContaining({ line: 4, email: newcomer, role: "TA", name: "New Comer" })]);
    expect(result.invited[0]!.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(result.errors.map((e) => [e.line, e.message])).toEqual([
      [5, '"not-an-address" is not an email address.'],
      [6, `${carol.email} is already on line 2.`],
      [7, '"overlord" is not a role: use student, TA or instructor.'],
    ]);

    // The database says the same: Carol is a student now; one pending invitation, stored as a hash.
    expect(await roleIn(c.course.id, carol.id)).toBe("STUDENT");
    const invitations = await db.courseInvitation.findMany({ where: { courseId: c.course.id } });
    expect(invitations).toHaveLength(1);
    expect(invitations[0]!.tokenHash).not.toContain(tokenOf(result.invited[0]!.path));
    expect((await listRoster({ userId: c.instructor.id, courseSlug: c.course.slug })).invitations.map((i) => i.email)).toEqual([newcomer]);
  });

  test("uploading the same unknown email again replaces the pending invitation: one invitation, the old link stops working", async () => {
    const c = await makeClass();
    const email = `twice.${Date.now()}@example.edu`;
    const first = await addMembers({ userId: c.instructor.id, courseSlug: c.course.slug, input: { csv: email } });
    const second = await addMembers({ userId: c.instructor.id, courseSlug: c.course.slug, input: { csv: email } });
    expect(await db.courseInvitation.count({ where: { courseId: c.course.id, email, revokedAt: null } })).toBe(1);
    expect((await findInvitation({ token: tokenOf(first.invited[0]!.path) }))?.state).toBe("withdrawn");
    expect((await findInvitation({ token: tokenOf(second.invited[0]!.path) }))?.state).toBe("valid");
  });

  test("only instructors add people; an oversized roster is refused whole", async () => {
    const c = await makeClass();
    const csv = "someone@example.edu";
    await rejects(addMembers({ userId: c.ta.id, courseSlug: c.course.slug, input: { csv } }), "FORBIDDEN");
    await rejects(addMembers({ userId: c.alice.id, courseSlug: c.course.slug, input: { csv } }), "FORBIDDEN");
    await rejects(addMembers({ userId: c.outsider.id, courseSlug: c.course.slug, input: { csv } }), "NOT_FOUND");
    await rejects(addMembers({ userId: c.otherInstructor.id, courseSlug: c.course.slug, input: { csv } }), "NOT_FOUND");
    await rejects(addMembers({ userId: c.instructor.id, courseSlug: c.course.slug, input: { csv: "a@b.co,x\n".repeat(40_000) } }), "TOO_LARGE");
    expect(await db.courseInvitation.count({ where: { courseId: c.course.id } })).toBe(0);
  });
});

describe("invitation links", () => {
  test("a personal invitation signs up the invited address once, with its role", async () => {
    const c = await makeClass();
    const email = `invited.${Date.now()}@example.edu`;
    const { invited } = await addMembers({ userId: c.instructor.id, courseSlug: c.course.slug, input: { csv: `${email},Ina Vited,TA` } });
    const token = tokenOf(invited[0]!.path);
    const view = await findInvitation({ token });
    expect(view).toMatchObject({ kind: "personal", role: "TA", state: "valid", course: { title: c.course.title } });
    expect(view!.maskedEmail).not.toBe(email);

    // Someone else holding the link is told whose it is, and is not let in.
    await rejects(acceptInvitation({ userId: c.outsider.id, token }), "FORBIDDEN", /This invitation is for/);
    expect(await roleIn(c.course.id, c.outsider.id)).toBeNull();

    const ina = await db.user.create({ data: { email, name: "Ina", passwordHash: "x" } });
    expect(await acceptInvitation({ userId: ina.id, token })).toEqual({ slug: c.course.slug });
    expect(await roleIn(c.course.id, ina.id)).toBe("TA");
    expect((await findInvitation({ token }))?.state).toBe("used");
    await rejects(acceptInvitation({ userId: ina.id, token }), "NOT_FOUND", /does not work any more/);
  });

  test("an expired, renewed or withdrawn invitation", async () => {
    const c = await makeClass();
    const email = `late.${Date.now()}@example.edu`;
    const { invited } = await addMembers({ userId: c.instructor.id, courseSlug: c.course.slug, input: { csv: email }, now: new Date(Date.now() - 40 * DAY) });
    const old = tokenOf(invited[0]!.path);
    const late = await db.user.create({ data: { email, name: "Late", passwordHash: "x" } });
    expect((await findInvitation({ token: old }))?.state).toBe("expired");
    await rejects(acceptInvitation({ userId: late.id, token: old }), "NOT_FOUND");

    const invitation = await db.courseInvitation.findFirstOrThrow({ where: { courseId: c.course.id, email } });
    await rejects(renewInvitation({ userId: c.ta.id, courseSlug: c.course.slug, invitationId: invitation.id }), "FORBIDDEN");
    const renewed = await renewInvitation({ userId: c.instructor.id, courseSlug: c.course.slug, invitationId: invitation.id });
    expect(await findInvitation({ token: old })).toBeNull();
    await revokeInvitation({ userId: c.instructor.id, courseSlug: c.course.slug, invitationId: invitation.id });
    await rejects(acceptInvitation({ userId: late.id, token: tokenOf(renewed.path) }), "NOT_FOUND");
    expect(await roleIn(c.course.id, late.id)).toBeNull();
    // Another course's instructor cannot touch it.
    await rejects(revokeInvitation({ userId: c.otherInstructor.id, courseSlug: c.course.slug, invitationId: invitation.id }), "NOT_FOUND");
  });

  test("the shared link lets anyone join as a student until it expires or is turned off", async () => {
    const c = await makeClass();
    await rejects(setInviteLink({ userId: c.ta.id, courseSlug: c.course.slug, input: { days: 7 } }), "FORBIDDEN");
    await rejects(setInviteLink({ userId: c.instructor.id, courseSlug: c.course.slug, input: { days: 3 } }), "INVALID_INPUT");
    const link = await setInviteLink({ userId: c.instructor.id, courseSlug: c.course.slug, input: { days: 7 } });
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * DAY);
    const token = tokenOf(link.path);
    expect(await findInvitation({ token, userId: c.outsider.id })).toMatchObject({ kind: "link", role: "STUDENT", state: "valid", alreadyMember: false });
    await acceptInvitation({ userId: c.outsider.id, token });
    expect((await findInvitation({ token, userId: c.outsider.id }))?.alreadyMember).toBe(true);
    expect(await roleIn(c.course.id, c.outsider.id)).toBe("STUDENT");
    // A member who opens it keeps their role.
    await acceptInvitation({ userId: c.ta.id, token });
    expect(await roleIn(c.course.id, c.ta.id)).toBe("TA");

    const later = await makeUser("Later");
    await rejects(acceptInvitation({ userId: later.id, token, now: new Date(Date.now() + 8 * DAY) }), "NOT_FOUND");
    await disableInviteLink({ userId: c.instructor.id, courseSlug: c.course.slug });
    await rejects(acceptInvitation({ userId: later.id, token }), "NOT_FOUND");
    expect(await findInvitation({ token })).toBeNull();
    expect(await roleIn(c.course.id, later.id)).toBeNull();
  });

  test("a link joins nobody whose name would pass for the course's TA (as the join code refuses them); a member keeps their place", async () => {
    const c = await makeClass();
    const token = tokenOf((await setInviteLink({ userId: c.instructor.id, courseSlug: c.course.slug, input: { days: 7 } })).path);
    // "Teaching Аssistant" with a Cyrillic А.
    const lookalike = await makeUser("Teaching \u0410ssistant");
    await rejects(acceptInvitation({ userId: lookalike.id, token }), "CONFLICT", /someone who teaches this course/);
    expect(await roleIn(c.course.id, lookalike.id)).toBeNull();

    const email = `twin.${Date.now()}@example.edu`;
    const { invited } = await addMembers({ userId: c.instructor.id, courseSlug: c.course.slug, input: { csv: email } });
    const twin = await db.user.create({ data: { email, name: "teaching assistant", passwordHash: "x" } });
    await rejects(acceptInvitation({ userId: twin.id, token: tokenOf(invited[0]!.path) }), "CONFLICT", /someone who teaches this course/);
    expect((await findInvitation({ token: tokenOf(invited[0]!.path) }))?.state).toBe("valid");

    // Renamed, they join.
    await db.user.update({ where: { id: twin.id }, data: { name: "Tess Twin" } });
    await acceptInvitation({ userId: twin.id, token: tokenOf(invited[0]!.path) });
    expect(await roleIn(c.course.id, twin.id)).toBe("STUDENT");
    await acceptInvitation({ userId: c.ta.id, token });
    expect(await roleIn(c.course.id, c.ta.id)).toBe("TA");
  });
});

describe("roles", () => {
  test("instructors change roles; TAs and students cannot; another course's instructor cannot see the course", async () => {
    const c = await makeClass();
    expect(await changeMemberRole({ userId: c.instructor.id, courseSlug: c.course.slug, memberId: c.alice.id, input: { role: "TA" } })).toMatchObject({ role: "TA" });
    expect(await roleIn(c.course.id, c.alice.id)).toBe("TA");
    await rejects(changeMemberRole({ userId: c.ta.id, courseSlug: c.course.slug, memberId: c.bob.id, input: { role: "TA" } }), "FORBIDDEN");
    await rejects(changeMemberRole({ userId: c.bob.id, courseSlug: c.course.slug, memberId: c.bob.id, input: { role: "INSTRUCTOR" } }), "FORBIDDEN");
    await rejects(changeMemberRole({ userId: c.otherInstructor.id, courseSlug: c.course.slug, memberId: c.bob.id, input: { role: "TA" } }), "NOT_FOUND");
    await rejects(changeMemberRole({ userId: c.instructor.id, courseSlug: c.course.slug, memberId: c.outsider.id, input: { role: "TA" } }), "NOT_FOUND");
    await rejects(changeMemberRole({ userId: c.instructor.id, courseSlug: c.course.slug, memberId: c.bob.id, input: { role: "ADMIN" } }), "INVALID_INPUT");
    expect(await roleIn(c.course.id, c.bob.id)).toBe("STUDENT");
  });

  test("a student is not made staff while another member's name would pass for theirs", async () => {
    const c = await makeClass();
    // "Вob" with a Cyrillic В.
    const twin = await makeUser("\u0412ob");
    await addMember(c.course.id, twin.id);
    await rejects(changeMemberRole({ userId: c.instructor.id, courseSlug: c.course.slug, memberId: c.bob.id, input: { role: "TA" } }), "CONFLICT", /could pass for “Bob”/);
    await rejects(changeMemberRole({ userId: c.instructor.id, courseSlug: c.course.slug, memberId: twin.id, input: { role: "INSTRUCTOR" } }), "CONFLICT", /change their display name/);
    expect(await roleIn(c.course.id, c.bob.id)).toBe("STUDENT");
    // Alice's name is her own.
    await changeMemberRole({ userId: c.instructor.id, courseSlug: c.course.slug, memberId: c.alice.id, input: { role: "TA" } });
    expect(await roleIn(c.course.id, c.alice.id)).toBe("TA");
  });

  test("the last instructor cannot be demoted or removed, also when two instructors demote each other at once", async () => {
    const c = await makeClass();
    await rejects(changeMemberRole({ userId: c.instructor.id, courseSlug: c.course.slug, memberId: c.instructor.id, input: { role: "TA" } }), "CONFLICT", /at least one instructor/);
    await rejects(removeMember({ userId: c.instructor.id, courseSlug: c.course.slug, memberId: c.instructor.id }), "CONFLICT", /at least one instructor/);

    await changeMemberRole({ userId: c.instructor.id, courseSlug: c.course.slug, memberId: c.ta.id, input: { role: "INSTRUCTOR" } });
    const results = await Promise.allSettled([
      changeMemberRole({ userId: c.instructor.id, courseSlug: c.course.slug, memberId: c.ta.id, input: { role: "STUDENT" } }),
      changeMemberRole({ userId: c.ta.id, courseSlug: c.course.slug, memberId: c.instructor.id, input: { role: "STUDENT" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { courseId: c.course.id, role: "INSTRUCTOR" } })).toBe(1);
  });

  test("removing a member keeps their comments and ends their access at once", async () => {
    const c = await makeClass();
    const reading = await makeReading(c.course.id, "Removal");
    const comment = await createComment({ userId: c.bob.id, input: { readingId: reading.id, blockId: reading.blocks[0]!.id, body: "Bob was here." } });
    await rejects(removeMember({ userId: c.ta.id, courseSlug: c.course.slug, memberId: c.bob.id }), "FORBIDDEN");
    await removeMember({ userId: c.instructor.id, courseSlug: c.course.slug, memberId: c.bob.id });

    await rejects(requireCourseRole(c.bob.id, c.course.slug), "NOT_FOUND");
    await rejects(listThreads({ userId: c.bob.id, query: { blockId: reading.blocks[0]!.id } }), "NOT_FOUND");
    await rejects(createComment({ userId: c.bob.id, input: { readingId: reading.id, blockId: reading.blocks[0]!.id, body: "Still here?" } }), "NOT_FOUND");
    const thread = await listThreads({ userId: c.alice.id, query: { blockId: reading.blocks[0]!.id } });
    expect(thread.threads.map((t) => [t.root.id, t.root.author?.name, t.root.html])).toEqual([[comment.id, c.bob.name, "<p>Bob was here.</p>"]]);
    await rejects(removeMember({ userId: c.instructor.id, courseSlug: c.course.slug, memberId: c.bob.id }), "NOT_FOUND");
  });

  test("a TA reads the roster without invitations; a student cannot read it", async () => {
    const c = await makeClass();
    await addMembers({ userId: c.instructor.id, courseSlug: c.course.slug, input: { csv: `pending.${Date.now()}@example.edu` } });
    await setInviteLink({ userId: c.instructor.id, courseSlug: c.course.slug, input: { days: 1 } });
    const asTa = await listRoster({ userId: c.ta.id, courseSlug: c.course.slug });
    expect(asTa.members.map((m) => m.role)).toEqual(["INSTRUCTOR", "TA", "STUDENT", "STUDENT"]);
    expect(asTa.invitations).toEqual([]);
    expect(asTa.inviteLink).toBeNull();
    const asInstructor = await listRoster({ userId: c.instructor.id, courseSlug: c.course.slug });
    expect(asInstructor.invitations).toHaveLength(1);
    expect(asInstructor.inviteLink).not.toBeNull();
    await rejects(listRoster({ userId: c.alice.id, courseSlug: c.course.slug }), "FORBIDDEN");
  });

  test("a new join code stops the old one", async () => {
    const c = await makeClass();
    await rejects(regenerateJoinCode({ userId: c.ta.id, courseSlug: c.course.slug }), "FORBIDDEN");
    const { joinCode } = await regenerateJoinCode({ userId: c.instructor.id, courseSlug: c.course.slug });
    expect(joinCode).not.toBe(c.course.joinCode);
    await rejects(joinCourse({ userId: c.outsider.id, input: { code: c.course.joinCode } }), "NOT_FOUND");
    await joinCourse({ userId: c.outsider.id, input: { code: joinCode } });
    expect(await roleIn(c.course.id, c.outsider.id)).toBe("STUDENT");
  });
});

describe("archiving and deleting a course", () => {
  test("an archived course is read-only for everyone and listed apart; restoring it brings it back", async () => {
    const c = await makeClass();
    const reading = await makeReading(c.course.id, "Archive me");
    await createComment({ userId: c.alice.id, input: { readingId: reading.id, blockId: reading.blocks[0]!.id, body: "Before the archive." } });
    await rejects(updateCourseSettings({ userId: c.ta.id, courseSlug: c.course.slug, input: { archived: true } }), "FORBIDDEN");
    await updateCourseSettings({ userId: c.instructor.id, courseSlug: c.course.slug, input: { archived: true } });

    const home = await listMyCourses({ userId: c.alice.id });
    expect(home.active.map((x) => x.id)).not.toContain(c.course.id);
    expect(home.archived.map((x) => x.id)).toContain(c.course.id);
    // Readable…
    expect((await requireCourseRole(c.alice.id, c.course.slug, undefined, { allowArchived: true })).course.archivedAt).not.toBeNull();
    expect((await listThreads({ userId: c.alice.id, query: { blockId: reading.blocks[0]!.id } })).threads).toHaveLength(1);
    // …but nothing changes: not a post, not a roster change, not a join.
    await rejects(createComment({ userId: c.alice.id, input: { readingId: reading.id, blockId: reading.blocks[0]!.id, body: "After." } }), "CONFLICT", /archived/);
    await rejects(createComment({ userId: c.instructor.id, input: { readingId: reading.id, blockId: reading.blocks[0]!.id, body: "After." } }), "CONFLICT", /archived/);
    await rejects(addMembers({ userId: c.instructor.id, courseSlug: c.course.slug, input: { csv: c.outsider.email } }), "CONFLICT", /archived/);
    await rejects(joinCourse({ userId: c.outsider.id, input: { code: c.course.joinCode } }), "NOT_FOUND");
    await rejects(updateCourseSettings({ userId: c.instructor.id, courseSlug: c.course.slug, input: { timeZone: "Europe/Berlin" } }), "CONFLICT");
    expect(await db.comment.count({ where: { courseId: c.course.id } })).toBe(1);
    expect(await roleIn(c.course.id, c.outsider.id)).toBeNull();

    await updateCourseSettings({ userId: c.instructor.id, courseSlug: c.course.slug, input: { archived: false } });
    expect((await listMyCourses({ userId: c.alice.id })).active.map((x) => x.id)).toContain(c.course.id);
    await createComment({ userId: c.alice.id, input: { readingId: reading.id, blockId: reading.blocks[0]!.id, body: "Back again." } });
  });

  test("deleting asks for the exact title, is for instructors only, and removes everything", async () => {
    const c = await makeClass();
    const reading = await makeReading(c.course.id, "Doomed");
    await writeComment({ courseId: c.course.id, reading, authorId: c.alice.id, body: "Gone soon." });
    await rejects(deleteCourse({ userId: c.ta.id, courseSlug: c.course.slug, input: { confirmTitle: c.course.title } }), "FORBIDDEN");
    await rejects(deleteCourse({ userId: c.instructor.id, courseSlug: c.course.slug, input: { confirmTitle: "Seminar!" } }), "INVALID_INPUT", /exactly/);
    await rejects(deleteCourse({ userId: c.otherInstructor.id, courseSlug: c.course.slug, input: { confirmTitle: c.course.title } }), "NOT_FOUND");
    expect(await db.course.count({ where: { id: c.course.id } })).toBe(1);
    await deleteCourse({ userId: c.instructor.id, courseSlug: c.course.slug, input: { confirmTitle: ` ${c.course.title} ` } });
    expect(await db.course.count({ where: { id: c.course.id } })).toBe(0);
    expect(await db.comment.count({ where: { courseId: c.course.id } })).toBe(0);
    expect(await db.user.count({ where: { id: c.alice.id } })).toBe(1);
  });
});
