import "server-only";
import { db } from "@/lib/db";
import { SCHEDULE_SELECT, readingPhase, type ReadingPhase } from "@/lib/readings/schedule";
import { loadRubric } from "@/lib/participation/load-rubric";
import { loadStats } from "@/lib/participation/load-stats";
import { emptyStats, sumStats, type ReadingStats } from "@/lib/participation/metrics";
import { suggestScore, type SuggestedScore } from "@/lib/participation/rubric";

export interface GradeCell {
  suggested: SuggestedScore;
  override: { score: number; reason: string; by: string | null; at: Date } | null;
  /** The override when there is one, else the suggestion. */
  final: number;
}

export interface ParticipationReading {
  id: string;
  slug: string;
  title: string;
  dueAt: Date | null;
  closesAt: Date | null;
  phase: ReadingPhase;
  /** Counts toward the total: students can see it (published and open, or closed). */
  counted: boolean;
}

export interface StudentParticipation {
  id: string;
  name: string;
  email: string;
  joinedAt: Date;
  totals: ReadingStats;
  score: number;
  maxScore: number;
  byReading: Record<string, { stats: ReadingStats; grade: GradeCell }>;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Everything the participation views and the grade export show, for a course the caller
 * has already authorised (staff): readings in schedule order, the rubric, and per student
 * per reading the stats, the suggested score, the override with its reason, and the final
 * score; totals over the readings students can see so far. `studentId` narrows it to one
 * student (the per-student page).
 */
export async function buildParticipation(options: { courseId: string; studentId?: string; now?: Date }) {
  const now = options.now ?? new Date();
  const rubric = await loadRubric(options.courseId);
  const [readingRows, members, stats, overrides] = await Promise.all([
    db.reading.findMany({
      where: { courseId: options.courseId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, slug: true, title: true, ...SCHEDULE_SELECT },
    }),
    db.membership.findMany({
      where: { courseId: options.courseId, role: "STUDENT", ...(options.studentId ? { userId: options.studentId } : {}) },
      select: { createdAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
    loadStats({ courseId: options.courseId, rubric, studentId: options.studentId }),
    db.participationGrade.findMany({
      where: { courseId: options.courseId, ...(options.studentId ? { studentId: options.studentId } : {}) },
      select: { readingId: true, studentId: true, score: true, reason: true, updatedAt: true, gradedBy: { select: { name: true } } },
    }),
  ]);
  const readings: ParticipationReading[] = readingRows.map((r) => {
    const phase = readingPhase(r, now);
    return { id: r.id, slug: r.slug, title: r.title, dueAt: r.dueAt, closesAt: r.closesAt, phase, counted: phase === "open" || phase === "closed" };
  });
  const overrideOf = new Map(overrides.map((o) => [`${o.studentId}:${o.readingId}`, o]));

  const students: StudentParticipation[] = members
    .map(({ user, createdAt }) => {
      const byReading: StudentParticipation["byReading"] = {};
      let score = 0;
      let maxScore = 0;
      for (const reading of readings) {
        const key = `${user.id}:${reading.id}`;
        const s = stats.get(key) ?? emptyStats();
        const suggested = suggestScore(rubric, { comments: s.qualifyingComments, replies: s.qualifyingReplies, posts: s.comments + s.replies });
        const o = overrideOf.get(key);
        const override = o ? { score: o.score, reason: o.reason, by: o.gradedBy?.name ?? null, at: o.updatedAt } : null;
        const final = override ? override.score : suggested.score;
        byReading[reading.id] = { stats: s, grade: { suggested, override, final } };
        if (reading.counted) {
          score += final;
          maxScore += suggested.max;
        }
      }
      return {
        ...user,
        joinedAt: createdAt,
        totals: sumStats(readings.map((r) => byReading[r.id]!.stats)),
        score: round2(score),
        maxScore,
        byReading,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }));
  return { rubric, readings, students };
}
