import "server-only";
import { db } from "@/lib/db";
import { requireCourseRole, STAFF_ROLES } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { buildParticipation } from "@/lib/participation/build-participation";
import { loadActivity } from "@/lib/participation/load-activity";
import { dailySeries } from "@/lib/participation/activity-series";
import { toZonedInput } from "@/lib/dates";

const EXCERPT = 240;

/** One student across all readings (instructors and TAs): per-reading stats and scores,
 *  activity per day, and their posts (newest first, with where they sit in the text; not
 *  their private notes). */
export async function getStudentParticipation(options: { userId: string; courseSlug: string; studentId: string; now?: Date }) {
  const now = options.now ?? new Date();
  const { course, role } = await requireCourseRole(options.userId, options.courseSlug, STAFF_ROLES, { allowArchived: true });
  const built = await buildParticipation({ courseId: course.id, studentId: options.studentId, now });
  const student = built.students[0];
  if (!student) throw new AppError("NOT_FOUND", "That person is not a student in this course.");
  const [activity, posts] = await Promise.all([
    loadActivity({ courseId: course.id, timeZone: course.timeZone, studentId: student.id }),
    db.comment.findMany({
      // Private notes are the student's own: staff see neither them nor that they exist.
      where: { courseId: course.id, authorId: student.id, status: { not: "DELETED" }, visibility: { not: "PRIVATE" } },
      orderBy: { createdAt: "desc" },
      take: 500,
      select: {
        id: true,
        body: true,
        wordCount: true,
        status: true,
        parentId: true,
        createdAt: true,
        readingId: true,
        block: { select: { number: true } },
      },
    }),
  ]);
  return {
    course,
    role,
    ...built,
    student,
    daily: dailySeries(activity, toZonedInput(now, course.timeZone).slice(0, 10)),
    posts: posts.map((p) => ({
      id: p.id,
      readingId: p.readingId,
      paragraph: p.block?.number ?? null,
      isReply: p.parentId !== null,
      status: p.status,
      createdAt: p.createdAt,
      words: p.wordCount,
      excerpt: p.body.length > EXCERPT ? `${p.body.slice(0, EXCERPT - 1)}…` : p.body,
    })),
  };
}
