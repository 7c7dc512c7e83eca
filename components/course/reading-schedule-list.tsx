import Link from "next/link";
import { CheckCircle2, Circle, MessageSquare } from "lucide-react";
import type { ReadingPhase } from "@/lib/readings/schedule";
import type { ReadingProgress } from "@/lib/readings/list-course-readings";
import { formatDateTime, formatRelative } from "@/lib/dates";

export interface ScheduleListReading {
  id: string;
  slug: string;
  title: string;
  author: string | null;
  source: string | null;
  date: string | null;
  opensAt: Date | null;
  dueAt: Date | null;
  closesAt: Date | null;
  phase: ReadingPhase;
  commentCount: number;
  mine: { comments: number; replies: number };
  progress: ReadingProgress;
}

const PHASE_BADGE: Partial<Record<ReadingPhase, { label: string; className: string }>> = {
  draft: { label: "Draft", className: "bg-stone-200 text-stone-800 dark:bg-stone-800 dark:text-stone-200" },
  upcoming: { label: "Not open yet", className: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-100" },
  closed: { label: "Closed", className: "bg-stone-200 text-stone-800 dark:bg-stone-800 dark:text-stone-200" },
};

function Progress({ mine }: { mine: ScheduleListReading["mine"] }) {
  if (mine.comments === 0 && mine.replies === 0) {
    return (
      <span className="inline-flex items-center gap-1 text-stone-600 dark:text-stone-400">
        <Circle aria-hidden className="h-4 w-4" /> Not yet
      </span>
    );
  }
  const parts = [];
  if (mine.comments) parts.push(`Commented${mine.comments > 1 ? ` ×${mine.comments}` : ""}`);
  if (mine.replies) parts.push(`Replied${mine.replies > 1 ? ` ×${mine.replies}` : ""}`);
  return (
    <span className="inline-flex items-center gap-1 text-emerald-800 dark:text-emerald-300">
      <CheckCircle2 aria-hidden className="h-4 w-4" /> {parts.join(" · ")}
    </span>
  );
}

/** The course's schedule: each reading with its dates, discussion count and — for
 *  students — their own progress. `nextDueId` is highlighted. */
export function ReadingScheduleList({
  courseSlug,
  readings,
  timeZone,
  showProgress,
  nextDueId,
  now,
  unread,
}: {
  courseSlug: string;
  readings: ScheduleListReading[];
  timeZone: string;
  showProgress: boolean;
  nextDueId: string | null;
  now: Date;
  /** Comments new to the viewer, per reading id (absent: none). */
  unread?: Map<string, number>;
}) {
  return (
    <ol aria-label="Readings" className="mt-4 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
      {readings.map((r) => {
        const badge = PHASE_BADGE[r.phase];
        const dates: string[] = [];
        if (r.opensAt && r.phase === "upcoming") dates.push(`Opens ${formatDateTime(r.opensAt, timeZone, now)}`);
        if (r.dueAt) dates.push(`Due ${formatDateTime(r.dueAt, timeZone, now)}`);
        if (r.closesAt) dates.push(`${r.phase === "closed" ? "Closed" : "Closes"} ${formatDateTime(r.closesAt, timeZone, now)}`);
        return (
          <li key={r.id} className={`flex flex-col gap-2 px-4 py-4 sm:flex-row sm:items-start sm:gap-4 ${r.id === nextDueId ? "bg-amber-50/60 dark:bg-amber-950/30" : ""}`}>
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2">
                <Link href={`/courses/${courseSlug}/readings/${r.slug}`} className="font-serif text-lg font-semibold text-stone-900 hover:text-accent hover:underline dark:text-stone-100">
                  {r.title}
                </Link>
                {badge ? <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${badge.className}`}>{badge.label}</span> : null}
                {r.id === nextDueId ? <span className="rounded bg-amber-200 px-1.5 py-0.5 text-xs font-semibold text-amber-950">Due next</span> : null}
              </div>
              <p className="text-sm text-stone-600 dark:text-stone-400">{[r.author, r.source, r.date].filter(Boolean).join(" · ")}</p>
              {dates.length ? (
                <p className="mt-1 text-sm text-stone-700 dark:text-stone-300">
                  {dates.join(" · ")}
                  {r.dueAt && r.dueAt > now ? <span className="text-stone-500 dark:text-stone-400"> ({formatRelative(r.dueAt, now)})</span> : null}
                </p>
              ) : null}
            </div>
            <div className="flex shrink-0 items-center gap-4 text-sm sm:flex-col sm:items-end sm:gap-1">
              {unread?.get(r.id) ? (
                <span className="rounded-full bg-amber-100 px-2 py-0.5 font-semibold text-amber-900 dark:bg-amber-900/50 dark:text-amber-100">{unread.get(r.id)} new</span>
              ) : null}
              <span className="inline-flex items-center gap-1 text-stone-600 dark:text-stone-400">
                <MessageSquare aria-hidden className="h-4 w-4" />
                {r.commentCount} {r.commentCount === 1 ? "comment" : "comments"}
              </span>
              {showProgress ? <Progress mine={r.mine} /> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
