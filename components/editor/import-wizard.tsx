"use client";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Upload } from "lucide-react";
import type { ImportedReading, RepairEntry } from "@/lib/import/types";
import { DraftEditor, type Draft } from "@/components/editor/draft-editor";
import { buttonClass } from "@/components/ui/field";

type Source = { kind: "file"; file: File } | { kind: "text"; text: string };

/** Upload with progress (XHR: fetch cannot report upload progress). */
function postImport(url: string, source: Source, skip: string[], onProgress: (pct: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
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
      xhr.send(JSON.stringify({ text: source.text, skip }));
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
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const pasteInput = useRef<HTMLTextAreaElement>(null);

  async function preview(src: Source, skipIds: string[], keep?: Partial<Pick<Draft, "title" | "author" | "source" | "date">>) {
    setError(null);
    setProgress(0);
    const { status, body } = await postImport(`/api/courses/${courseSlug}/imports`, src, skipIds, setProgress);
    setProgress(null);
    const data = body as { draft?: ImportedReading; fileName?: string; error?: { message: string } } | null;
    if (status !== 200 || !data?.draft) {
      setError(data?.error?.message ?? (status === 0 ? "Could not reach Colloquy. Check your connection and try again." : `The import failed (${status}).`));
      return;
    }
    const imported = data.draft;
    const fallbackTitle = src.kind === "file" ? src.file.name.replace(/\.[^.]+$/, "") : "Untitled reading";
    setSource(src);
    setSkip(skipIds);
    const next = { ...imported, title: imported.title ?? fallbackTitle, ...(keep ?? {}) };
    current.current = next;
    setDraft(next);
    setVersion((v) => v + 1);
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
    void preview(source, [...skip, id], keep);
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
            <p className="text-xs text-stone-500 dark:text-stone-400">Plain text, Markdown, HTML, Word (.docx) or PDF with a text layer; up to 20 MB.</p>
            <button type="submit" className={buttonClass} disabled={progress !== null}>
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
            <button type="submit" className={buttonClass} disabled={progress !== null}>
              Preview pasted text
            </button>
          </form>
        </div>
        {progress !== null ? (
          <div className="mt-4">
            <label htmlFor="import-progress" className="text-sm">
              {progress < 100 ? `Uploading… ${progress}%` : "Importing and repairing…"}
            </label>
            <progress id="import-progress" max={100} value={progress} className="mt-1 w-full" />
          </div>
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
            onChange={(d) => {
              current.current = d;
            }}
          />
        </section>
      ) : null}
    </div>
  );
}
