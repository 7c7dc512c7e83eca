import type { DataColumn } from "@/components/ui/data-table";
import type { ReadingStats } from "@/lib/participation/metrics";
import { formatDateTime } from "@/lib/dates";
import { formatScore } from "@/lib/participation/rubric";
import type { GradeCell as GradeCellData } from "@/lib/participation/build-participation";
import { GradeCell } from "@/components/participation/grade-cell";

/** The statistic and grade columns shared by the course table and the per-student table. */
export const STAT_COLUMNS: DataColumn[] = [
  { key: "comments", label: "Comments", numeric: true },
  { key: "replies", label: "Replies", numeric: true },
  { key: "words", label: "Words", numeric: true },
  { key: "received", label: "Replies rec’d", numeric: true, title: "Replies received from others" },
  { key: "helpful", label: "Helpful", numeric: true, title: "Helpful reactions received from others" },
  { key: "endorsed", label: "Endorsed", numeric: true, title: "Comments and replies endorsed by an instructor or TA" },
  { key: "first", label: "First post", className: "whitespace-nowrap" },
  { key: "last", label: "Last post", className: "whitespace-nowrap" },
];

/** Plain values (numbers, strings, null for "—"): these cells repeat on every row. */
export function statCells(s: ReadingStats, timeZone: string, now: Date): { cells: React.ReactNode[]; sort: (number | null)[] } {
  const when = (d: Date | null) => (d ? formatDateTime(d, timeZone, now) : null);
  return {
    cells: [s.comments, s.replies, s.words, s.repliesReceived, s.helpfulReceived, s.endorsements, when(s.firstAt), when(s.lastAt)],
    sort: [s.comments, s.replies, s.words, s.repliesReceived, s.helpfulReceived, s.endorsements, s.firstAt?.getTime() ?? null, s.lastAt?.getTime() ?? null],
  };
}

/** The Suggested and Score cells for one student on one reading (course table, per-student page). */
export function gradeCells(options: {
  courseSlug: string;
  reading: { id: string; title: string };
  student: { id: string; name: string };
  grade: GradeCellData;
  canEdit: boolean;
}): React.ReactNode[] {
  const { grade } = options;
  return [
    <span key="suggested" className="block text-right">
      <span className="tabular-nums">{formatScore(grade.suggested.score)}</span>
      <span className="block text-xs text-stone-600 dark:text-stone-400">{grade.suggested.explanation}</span>
    </span>,
    <GradeCell
      key="score"
      courseSlug={options.courseSlug}
      readingId={options.reading.id}
      readingTitle={options.reading.title}
      student={options.student}
      suggested={grade.suggested}
      override={grade.override && { score: grade.override.score, reason: grade.override.reason, by: grade.override.by }}
      canEdit={options.canEdit}
    />,
  ];
}

export const GRADE_COLUMNS: DataColumn[] = [
  { key: "suggested", label: "Suggested", numeric: true },
  { key: "score", label: "Score", numeric: true },
];
