"use client";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Upload } from "lucide-react";
import type { ImportedReading, RepairEntry } from "@/lib/import/types";
import { DraftEditor, type Draft } from "@/components/editor/draft-editor";
import { TaskProgress, cancelTask, followTask, type RunningTask } from "@/components/editor/task-progress";
import type { TaskView } from "@/lib/tasks/task-view";
import { buttonClass } from "@/components/ui/field";

/** What to import: a file, pasted text, or an earlier upload read again without some repairs. */
type Source = { kind: "file"; file: File } | { kind: "text"; text: string } | { kind: "rerun"; from: string; fileName: string | null };

/** The stages the progress bar names, in order ("ocr" only shows for a scan). */
const STAGES = [
  { id: "uploading", label: "Uploading" },
  { id: "queued", label: "Waiting for a worker" },
  { id: "reading", label: "Reading the file" },
  { id: "ocr", label: "Recognising text" },
  { id: "repairing", label: "Repairing" },
  { id: "done", label: "Preview" },
];

/** Start an import: upload with progress (XHR: fetch cannot report upload progress); the
 *  server answers 202 with the task to follow (Prefer: respond-async). */
function postImport(url: string, source: Source, skip: string[], onProgress: (pct: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Prefer", "respond-async");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ status: 0, body: null });
    if (source.kind === "file") {
      const form = new FormData();
      form.append("file", source.file);
      if (skip.length) form.append("skip", JSON.stringify(skip));
      xhr.send(form);
    } else {
      xhr.setRequestHeader("Content-Type", "application/json");
      xhr.send(JSON.stringify(source.kind === "text" ? { text: source.text, skip } : { from: source.from, skip }));
    }
  });
}

export function ImportWizard({ courseSlug }: { courseSlug: string }) {
  const router = useRouter();
  const [source, setSource] = useState<Source | null>(null);
  const [skip, setSkip] = useState<string[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  // The editor's current state: an undo re-runs the import, but keeps the details typed in.
  const current = useRef<Draft | null>(null);
  const [version, setVersion] = useState(0);
  const [progress, setProgress] = useState<number | null>(null);
  const [running, setRunning] = useState<RunningTask | null>(null);
  const [cancelling, setCancelling] = useState(false);
  // The last upload's task: undoing a repair reads the stored file again, without re-uploading.
  const [lastTask, setLastTask] = useState<{ id: string; fileName: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const pasteInput = useRef<HTMLTextAreaElement>(null);

  async function preview(src: Source, skipIds: string[], keep?: Partial<Pick<Draft, "title" | "author" | "source" | "date">>) {
    setError(null);
    setProgress(src.kind === "file" ? 0 : 100);
    const { status, body } = await postImport(`/api/courses/${courseSlug}/imports`, src, skipIds, setProgress);
    setProgress(null);
    const started = body as { task?: TaskView; statusUrl?: string; fileName?: string; error?: { message: string } } | null;
    if (status !== 202 || !started?.task || !started.statusUrl) {
      setError(started?.error?.message ?? (status === 0 ? "Could not reach Colloquy. Check your connection and try again." : `The import failed (${status}).`));
      return;
    }
    const run: RunningTask = { statusUrl: started.statusUrl, task: started.task };
    setRunning(run);
    setCancelling(false);
    const outcome = await followTask(run, (task) => setRunning({ ...run, task }));
    setRunning(null);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    const imported = outcome.body.draft as ImportedReading;
    const fileName = (outcome.body.fileName as string | null) ?? (src.kind === "file" ? src.file.name : src.kind === "rerun" ? src.fileName : null);
    setSource(src);
    setLastTask({ id: run.task.id, fileName });
    setSkip(skipIds);
    // a title the document does not say is asked for, never made up from the file's name
    const next = { ...imported, title: imported.title ?? "", ...(keep ?? {}) };
    current.current = next;
    setDraft(next);
    setVersion((v) => v + 1);
  }

  async function cancel() {
    if (!running) return;
    setCancelling(true);
    await cancelTask(running);
  }

  async function publish(d: Draft): Promise<string | null> {
    const response = await fetch(`/api/courses/${courseSlug}/readings`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(d),
    }).catch(() => null);
    if (!response) return "Could not reach Colloquy. Nothing was published; try again.";
    const data = (await response.json().catch(() => null)) as { url?: string; error?: { message: string } } | null;
    if (!response.ok || !data?.url) return data?.error?.message ?? `Publishing failed (${response.status}).`;
    router.push(data.url);
    return null;
  }

  function undo(entry: RepairEntry) {
    const id = (entry as RepairEntry & { id?: string }).id;
    if (!source || !id) return;
    const edited = current.current;
    const blocksEdited = edited && draft && edited.blocks !== draft.blocks;
    if (blocksEdited && !confirm("Undoing a repair re-runs the import: the details you typed are kept, but block edits made here are lost. Continue?")) return;
    // Keep only the details the instructor changed by hand — and never the one whose
    // extraction is being undone (undoing "took the title from the text" must clear it).
    const undoneField = entry.rule.startsWith("metadata-") ? entry.rule.slice("metadata-".length) : null;
    const keep: Partial<Pick<Draft, "title" | "author" | "source" | "date">> = {};
    if (edited && draft) {
      for (const field of ["title", "author", "source", "date"] as const) {
        if (field !== undoneField && edited[field] !== draft[field]) Object.assign(keep, { [field]: edited[field] });
      }
    }
    // Read the stored upload again (its OCR is kept), rather than sending the file again.
    void preview(lastTask ? { kind: "rerun", from: lastTask.id, fileName: lastTask.fileName } : source, [...skip, id], keep);
  }

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="source-heading" className="rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
        <h2 id="source-heading" className="font-semibold">
          1. Choose the text
        </h2>
        <div className="mt-3 grid gap-4 md:grid-cols-2">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const file = fileInput.current?.files?.[0];
              if (!file) return setError("Choose a file first.");
              void preview({ kind: "file", file }, []);
            }}
            className="flex flex-col gap-2"
          >
            <label htmlFor="reading-file" className="text-sm font-medium">
              Reading file
            </label>
            <input id="reading-file" ref={fileInput} type="file" accept=".txt,.md,.markdown,.html,.htm,.docx,.pdf,text/*" className="text-sm" />
            <p className="text-xs text-stone-500 dark:text-stone-400">Plain text, Markdown, HTML, Word (.docx) or PDF — scanned PDFs are recognised (OCR); up to 20 MB.</p>
            <button type="submit" className={buttonClass} disabled={progress !== null || running !== null}>
              <Upload aria-hidden className="h-4 w-4" /> Preview import
            </button>
          </form>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const text = pasteInput.current?.value ?? "";
              if (!text.trim()) return setError("Paste some text first.");
              void preview({ kind: "text", text }, []);
            }}
            className="flex flex-col gap-2"
          >
            <label htmlFor="reading-paste" className="text-sm font-medium">
              Or paste text
            </label>
            <textarea id="reading-paste" ref={pasteInput} rows={5} className="rounded border border-stone-300 bg-white p-2 text-sm dark:border-stone-700 dark:bg-stone-950" />
            <button type="submit" className={buttonClass} disabled={progress !== null || running !== null}>
              Preview pasted text
            </button>
          </form>
        </div>
        {progress !== null ? (
          <TaskProgress stages={STAGES} current="uploading" label={progress < 100 ? `Uploading… ${progress}%` : "Uploaded; starting the import…"} done={progress} total={100} />
        ) : running ? (
          <TaskProgress
            stages={STAGES}
            current={running.task.stage === "starting" ? "reading" : (running.task.stage ?? "queued")}
            label={running.task.label ?? "Working…"}
            done={running.task.done}
            total={running.task.total}
            onCancel={cancel}
            cancelling={cancelling}
          />
        ) : null}
        {error ? (
          <p role="alert" className="mt-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
            {error}
          </p>
        ) : null}
      </section>
      {draft ? (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading" className="mb-3 font-semibold">
            2. Check the preview, then publish
          </h2>
          <DraftEditor
            key={version}
            initial={draft}
            publishLabel="Publish to course"
            onPublish={publish}
            onUndo={undo}
            askForMissing
            onChange={(d) => {
              current.current = d;
            }}
          />
        </section>
      ) : null}
    </div>
  );
}
