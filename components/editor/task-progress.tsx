"use client";
import { useEffect, useRef, useState } from "react";
import { X } from "lucide-react";
import type { TaskView } from "@/lib/tasks/task-view";
import { quietButtonClass } from "@/components/ui/field";

/** What the browser holds while a background task (an import, an edit being published) runs. */
export interface RunningTask {
  statusUrl: string;
  task: TaskView;
}

export type TaskOutcome = { ok: true; body: Record<string, unknown> } | { ok: false; message: string; cancelled?: boolean };

const POLL_MS = 500;

/**
 * Follow a task until it finishes: poll its status URL, report each view, answer its
 * final body (the draft, or the edit's result) or its message. `signal` stops following.
 */
export async function followTask(running: RunningTask, onUpdate: (task: TaskView) => void, signal?: AbortSignal): Promise<TaskOutcome> {
  let failures = 0;
  for (;;) {
    if (signal?.aborted) return { ok: false, message: "Stopped following the task.", cancelled: true };
    const r = await fetch(running.statusUrl, { cache: "no-store" }).catch(() => null);
    const body = (await r?.json().catch(() => null)) as ({ task?: TaskView; error?: { message: string } } & Record<string, unknown>) | null;
    if (!r?.ok || !body?.task) {
      if (++failures >= 10) return { ok: false, message: body?.error?.message ?? "Lost contact with Colloquy while the task ran. Reload the page and try again." };
    } else {
      failures = 0;
      onUpdate(body.task);
      if (body.task.status === "succeeded") return { ok: true, body };
      if (body.task.status === "failed" || body.task.status === "cancelled")
        return { ok: false, message: body.task.error?.message ?? "The task failed.", cancelled: body.task.status === "cancelled" };
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Ask the server to cancel a running task. */
export async function cancelTask(running: RunningTask): Promise<void> {
  await fetch(running.statusUrl, { method: "DELETE" }).catch(() => null);
}

export interface Stage {
  id: string;
  label: string;
}

/**
 * A progress bar with named stages: the stages in order (done ✓, current, to come), the
 * current stage's own words ("Recognising text, page 3 of 12") over a bar that fills when
 * the stage can count its work, and a Cancel button.
 */
export function TaskProgress({ stages, current, label, done, total, onCancel, cancelling }: {
  stages: Stage[];
  current: string;
  label: string;
  done?: number | null;
  total?: number | null;
  onCancel?(): void;
  cancelling?: boolean;
}) {
  const at = Math.max(0, stages.findIndex((s) => s.id === current));
  const counted = typeof done === "number" && typeof total === "number" && total > 0;
  // Screen readers hear the stage's words when they change, not every poll.
  const [announced, setAnnounced] = useState(label);
  const last = useRef(label);
  useEffect(() => {
    const t = setTimeout(() => {
      if (last.current !== label) {
        last.current = label;
        setAnnounced(label);
      }
    }, 400);
    return () => clearTimeout(t);
  }, [label]);
  return (
    <div className="mt-4 rounded-md border border-stone-200 p-3 dark:border-stone-800" data-testid="task-progress">
      <ol aria-label="Stages" className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {stages.map((s, i) => (
          <li
            key={s.id}
            aria-current={i === at ? "step" : undefined}
            className={i < at ? "text-green-800 dark:text-green-300" : i === at ? "font-semibold text-stone-900 dark:text-stone-100" : "text-stone-500 dark:text-stone-400"}
          >
            {i < at ? "✓ " : i === at ? "● " : "○ "}
            {s.label}
          </li>
        ))}
      </ol>
      <label htmlFor="task-progress-bar" className="mt-2 block text-sm">
        {label}
      </label>
      <div className="mt-1 flex items-center gap-2">
        {counted ? (
          <progress id="task-progress-bar" max={total!} value={done!} className="w-full" />
        ) : (
          <progress id="task-progress-bar" className="w-full" />
        )}
        {onCancel ? (
          <button type="button" className={quietButtonClass} onClick={onCancel} disabled={cancelling}>
            <X aria-hidden className="h-3.5 w-3.5" /> {cancelling ? "Cancelling…" : "Cancel"}
          </button>
        ) : null}
      </div>
      <p role="status" className="sr-only">
        {announced}
      </p>
    </div>
  );
}
