import "server-only";
import { requireCourseRole, STAFF_ROLES } from "@/lib/auth/guard";
import { buildParticipation } from "@/lib/participation/build-participation";
import { METRICS_AVAILABLE } from "@/lib/participation/metrics";
import { csvLines, CSV_BOM, type CsvCell } from "@/lib/csv";

const iso = (d: Date | null) => d?.toISOString() ?? null;
const metric = (available: boolean, n: number | null) => (available ? n : null);

/**
 * Participation as CSV (instructors and TAs).
 * - `grades`: one row per student, one column per reading (the final score: override or
 *   suggestion), total and maximum over the readings students can see so far — the
 *   shape grade books import.
 * - `detail`: one row per student per reading with every statistic, the suggested score
 *   and its explanation, the override and its reason, and the final score.
 */
export async function exportParticipation(options: { userId: string; courseSlug: string; layout: "grades" | "detail"; now?: Date }) {
  const { course } = await requireCourseRole(options.userId, options.courseSlug, STAFF_ROLES, { allowArchived: true });
  const { readings, students } = await buildParticipation({ courseId: course.id, now: options.now });
  const rows: CsvCell[][] = [];
  if (options.layout === "grades") {
    rows.push(["student", "email", ...readings.map((r) => r.title), "total", "out_of"]);
    for (const s of students) {
      rows.push([s.name, s.email, ...readings.map((r) => s.byReading[r.id]!.grade.final), s.score, s.maxScore]);
    }
  } else {
    rows.push([
      "student",
      "email",
      "reading",
      "reading_slug",
      "comments",
      "replies",
      "words",
      "replies_received",
      "helpful_received",
      "endorsements",
      "first_activity",
      "last_activity",
      "qualifying_comments",
      "qualifying_replies",
      "suggested_score",
      "suggested_explanation",
      "override_score",
      "override_reason",
      "overridden_by",
      "final_score",
      "out_of",
    ]);
    for (const s of students) {
      for (const r of readings) {
        const { stats, grade } = s.byReading[r.id]!;
        rows.push([
          s.name,
          s.email,
          r.title,
          r.slug,
          stats.comments,
          stats.replies,
          stats.words,
          stats.repliesReceived,
          metric(METRICS_AVAILABLE.helpful, stats.helpfulReceived),
          metric(METRICS_AVAILABLE.endorsements, stats.endorsements),
          iso(stats.firstAt),
          iso(stats.lastAt),
          stats.qualifyingComments,
          stats.qualifyingReplies,
          grade.suggested.score,
          grade.suggested.explanation,
          grade.override?.score ?? null,
          grade.override?.reason ?? null,
          grade.override?.by ?? null,
          grade.final,
          grade.suggested.max,
        ]);
      }
    }
  }
  const stamp = (options.now ?? new Date()).toISOString().slice(0, 10);
  return { csv: CSV_BOM + csvLines(rows), filename: `${course.slug}-participation-${options.layout}-${stamp}.csv` };
}
