import "server-only";
import { requireCourseRole, STAFF_ROLES } from "@/lib/auth/guard";
import { buildParticipation } from "@/lib/participation/build-participation";
import { loadActivity } from "@/lib/participation/load-activity";
import { dailySeries, weeklyCounts } from "@/lib/participation/activity-series";
import { toZonedInput } from "@/lib/dates";

/** The course's participation page (instructors and TAs; archived courses too): every
 *  student's stats and scores, the class's activity per day, a 12-week sparkline each. */
export async function getParticipation(options: { userId: string; courseSlug: string; now?: Date }) {
  const now = options.now ?? new Date();
  const { course, role } = await requireCourseRole(options.userId, options.courseSlug, STAFF_ROLES, { allowArchived: true });
  const [built, activity] = await Promise.all([
    buildParticipation({ courseId: course.id, now }),
    loadActivity({ courseId: course.id, timeZone: course.timeZone }),
  ]);
  const today = toZonedInput(now, course.timeZone).slice(0, 10);
  const perStudent = new Map<string, typeof activity>();
  for (const row of activity) {
    const list = perStudent.get(row.studentId);
    if (list) list.push(row);
    else perStudent.set(row.studentId, [row]);
  }
  return {
    course,
    role,
    ...built,
    daily: dailySeries(activity, today),
    weekly: Object.fromEntries(built.students.map((s) => [s.id, weeklyCounts(perStudent.get(s.id) ?? [], today)])),
  };
}
