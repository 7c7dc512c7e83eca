/** The one shape of a background task sent to browsers (what the progress bar reads). */
import type { BackgroundTask } from "@/generated/prisma/client";

export type TaskStatusName = "queued" | "running" | "succeeded" | "failed" | "cancelled";

export interface TaskView {
  id: string;
  kind: string;
  status: TaskStatusName;
  /** Named stage ("queued", "reading", "ocr", "repairing", "anchoring", "saving") and its words. */
  stage: string | null;
  label: string | null;
  done: number | null;
  total: number | null;
  /** HTTP status a failure maps to (413 or 422), so a waiting request can answer with it. */
  error: { code: string; message: string; status: number } | null;
}

export type TaskRow = Pick<BackgroundTask, "id" | "kind" | "status" | "stage" | "label" | "done" | "total" | "errorCode" | "errorMessage">;

export const TASK_VIEW_SELECT = { id: true, kind: true, status: true, stage: true, label: true, done: true, total: true, errorCode: true, errorMessage: true } as const;

/** Importer error codes → the HTTP status of the answer (everything else a user did: 422). */
export function statusForError(code: string): number {
  if (code === "TOO_LARGE") return 413;
  if (code === "CANCELLED") return 409;
  if (code === "INTERNAL") return 500;
  if (code === "NOT_FOUND") return 404;
  if (code === "CONFLICT") return 409;
  return 422;
}

export function taskView(row: TaskRow): TaskView {
  const status = row.status.toLowerCase() as TaskStatusName;
  return {
    id: row.id,
    kind: row.kind,
    status,
    stage: row.stage,
    label: row.label,
    done: row.done,
    total: row.total,
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? "The task failed.", status: statusForError(row.errorCode) } : null,
  };
}

export const isFinished = (status: string) => status === "SUCCEEDED" || status === "FAILED" || status === "CANCELLED";
