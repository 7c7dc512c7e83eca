"use client";
import { useState } from "react";
import { ArrowDownToLine, Merge, Scissors, Trash2, Pencil } from "lucide-react";
import type { ImportedReading, RepairEntry } from "@/lib/import/types";
import { editText, mergeWithNext, removeBlock, retype, splitAt, type DraftBlock } from "@/lib/editor/block-ops";
import { Field, buttonClass, quietButtonClass } from "@/components/ui/field";

export type Draft = Omit<ImportedReading, "title" | "blocks"> & { title: string; blocks: DraftBlock[] };

const KIND_LABEL = { heading: "Heading", paragraph: "Paragraph", quote: "Quote", list: "List item" } as const;
const RULE_LABEL: Record<string, string> = {
  "join-page-break": "Joined a paragraph split by a page break",
  "join-note-fragment": "Joined a note split by a page break",
  "join-hyphenated-word": "Joined a word hyphenated across lines",
  "detect-format": "Read the file by its content, not its extension",
  "drop-running-header": "Removed a running header or footer",
  "drop-classification-banner": "Removed a classification banner",
  "drop-page-number": "Removed a page number",
  "drop-redaction-code": "Removed a redaction code",
  "drop-boilerplate": "Removed boilerplate",
  "drop-paywall": "Removed a paywall or subscription notice",
  "drop-navigation": "Removed site navigation",
  "drop-notes-heading": "Removed a \"Notes\" heading",
  "drop-orphan-note-marker": "Removed a note marker with no note",
  "clean-markup": "Cleaned markup debris",
  "move-note": "Moved a note out of the text",
  "move-credits": "Moved transcription credits out of the text",
  "relabel-note": "Renamed a duplicate note label",
  "promote-heading": "Made a short line a heading",
  "metadata-title": "Took the title from the text",
  "metadata-author": "Took the author from the text",
  "metadata-author-bio": "Took the author from a biography line",
  "metadata-date": "Took the date from the text",
  "metadata-source": "Took the source from the text",
  "metadata-duplicate": "Removed a repeated title or author line",
  decode: "Decoded a legacy text encoding",
};
const ruleLabel = (rule: string) => RULE_LABEL[rule] ?? rule.replace(/[-_]/g, " ").replace(/^./, (c) => c.toUpperCase());

/**
 * Preview and edit a reading before it is published: metadata, blocks (merge, split,
 * retype, edit, delete) and the importer's repair report beside them. `aside` adds panels
 * (e.g. where existing comments will land); `onUndo` re-runs the import without a repair.
 */
export function DraftEditor({
  initial,
  publishLabel,
  onPublish,
  onUndo,
  onChange,
  aside,
}: {
  initial: Draft;
  publishLabel: string;
  onPublish(draft: Draft): Promise<string | null>;
  onUndo?(entry: RepairEntry): void;
  onChange?(draft: Draft): void;
  aside?: React.ReactNode;
}) {
  const [draft, setDraftState] = useState<Draft>(initial);
  const [editing, setEditing] = useState<number | null>(null);
  const [editValue, setEditValue] = useState("");
  const [caret, setCaret] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const setDraft = (next: Draft) => {
    setDraftState(next);
    onChange?.(next);
  };
  const setBlocks = (blocks: DraftBlock[]) => setDraft({ ...draft, blocks });

  let number = 0;
  const numbers = draft.blocks.map((b) => (b.kind === "heading" ? null : ++number));

  async function publish() {
    setPending(true);
    setError(null);
    const problem = await onPublish(draft);
    setPending(false);
    if (problem) setError(problem);
  }

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div>
        <section aria-labelledby="meta-heading" className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2 dark:border-stone-800 dark:bg-stone-900">
          <h2 id="meta-heading" className="sr-only">
            Details
          </h2>
          <div className="sm:col-span-2">
            <Field label="Title" value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} required maxLength={300} />
          </div>
          <Field label="Author" value={draft.author ?? ""} onChange={(e) => setDraft({ ...draft, author: e.target.value || null })} maxLength={200} />
          <Field label="Date" value={draft.date ?? ""} onChange={(e) => setDraft({ ...draft, date: e.target.value || null })} maxLength={100} />
          <div className="sm:col-span-2">
            <Field label="Source" value={draft.source ?? ""} onChange={(e) => setDraft({ ...draft, source: e.target.value || null })} maxLength={500} />
          </div>
        </section>

        <p className="mt-6 text-sm text-stone-600 dark:text-stone-400">
          {draft.blocks.length} blocks · {number} numbered paragraphs · {draft.notes.length} notes.{" "}
          {draft.report.length ? "Read it through; fix anything the importer got wrong." : "Edit, merge, split or retype blocks; comments follow their text."}
        </p>
        <ol aria-label="Blocks" className="mt-3 space-y-2">
          {draft.blocks.map((block, i) => (
            <li key={i} className="rounded-md border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900" aria-label={`Block ${i + 1}`}>
              <div className="mb-2 flex flex-wrap items-center gap-2 font-sans text-xs">
                <span className="w-8 tabular-nums text-stone-500 dark:text-stone-400">{numbers[i] ?? "§"}</span>
                <label className="sr-only" htmlFor={`kind-${i}`}>
                  Type of block {i + 1}
                </label>
                <select
                  id={`kind-${i}`}
                  value={block.kind}
                  disabled={editing !== null}
                  onChange={(e) => {
                    const r = retype(draft.blocks, draft.notes, i, e.target.value as DraftBlock["kind"] | "note");
                    setDraft({ ...draft, blocks: r.blocks, notes: r.notes });
                  }}
                  className="rounded border border-stone-300 bg-white px-1 py-0.5 dark:border-stone-700 dark:bg-stone-950"
                >
                  {Object.entries(KIND_LABEL).map(([k, label]) => (
                    <option key={k} value={k}>
                      {label}
                    </option>
                  ))}
                  <option value="note">Note (move to notes)</option>
                </select>
                {block.comments ? (
                  <span className="rounded bg-amber-100 px-1.5 py-0.5 text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                    {block.comments} {block.comments === 1 ? "comment" : "comments"}
                  </span>
                ) : null}
                <span className="flex-1" />
                {editing === i ? null : (
                  <button type="button" className={quietButtonClass} disabled={editing !== null} onClick={() => { setEditing(i); setEditValue(block.text); setCaret(0); }} aria-label={`Edit block ${i + 1}`}>
                    <Pencil aria-hidden className="h-3.5 w-3.5" /> Edit
                  </button>
                )}
                {i < draft.blocks.length - 1 ? (
                  <button type="button" className={quietButtonClass} disabled={editing !== null} onClick={() => setBlocks(mergeWithNext(draft.blocks, i))} aria-label={`Merge with next (blocks ${i + 1} and ${i + 2})`}>
                    <Merge aria-hidden className="h-3.5 w-3.5" /> Merge with next
                  </button>
                ) : null}
                <button type="button" className={quietButtonClass} disabled={editing !== null} onClick={() => setBlocks(removeBlock(draft.blocks, i))} aria-label={`Delete block ${i + 1}`}>
                  <Trash2 aria-hidden className="h-3.5 w-3.5" /> Delete
                </button>
              </div>
              {editing === i ? (
                <div className="flex flex-col gap-2">
                  <label htmlFor={`text-${i}`} className="sr-only">
                    Text of block {i + 1}
                  </label>
                  <textarea
                    id={`text-${i}`}
                    value={editValue}
                    rows={Math.min(12, Math.max(3, Math.ceil(editValue.length / 80)))}
                    onChange={(e) => setEditValue(e.target.value)}
                    onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
                    className="w-full rounded border border-stone-300 bg-white p-2 font-serif dark:border-stone-700 dark:bg-stone-950"
                  />
                  <div className="flex flex-wrap gap-2">
                    <button
                      type="button"
                      className={buttonClass}
                      onClick={() => {
                        if (!editValue.trim()) return;
                        setBlocks(editText(draft.blocks, i, editValue.trim()));
                        setEditing(null);
                      }}
                    >
                      Save text
                    </button>
                    <button
                      type="button"
                      className={quietButtonClass}
                      disabled={caret <= 0 || caret >= editValue.length}
                      onClick={() => {
                        const withText = editText(draft.blocks, i, editValue);
                        setBlocks(splitAt(withText, i, caret));
                        setEditing(null);
                      }}
                    >
                      <Scissors aria-hidden className="h-3.5 w-3.5" /> Split at cursor
                    </button>
                    <button type="button" className={quietButtonClass} onClick={() => setEditing(null)}>
                      Cancel
                    </button>
                  </div>
                </div>
              ) : (
                <p className={`whitespace-pre-wrap break-words ${block.kind === "heading" ? "font-sans font-semibold" : "font-serif"} ${block.kind === "quote" ? "border-l-4 border-stone-300 pl-3 italic" : ""}`}>
                  {renderWithMarkers(block)}
                </p>
              )}
            </li>
          ))}
        </ol>
        {draft.notes.length ? (
          <section aria-labelledby="draft-notes" className="mt-6">
            <h2 id="draft-notes" className="font-semibold">
              Notes
            </h2>
            <ol className="mt-2 space-y-1 text-sm">
              {draft.notes.map((n) => (
                <li key={n.label}>
                  <strong>{n.label}.</strong> {n.text}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </div>

      <aside className="flex flex-col gap-6 lg:sticky lg:top-20 lg:max-h-[calc(100vh-6rem)] lg:overflow-y-auto">
        <div className="rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
          {error ? (
            <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-400">
              {error}
            </p>
          ) : null}
          {editing !== null ? (
            <p className="mb-2 text-xs text-stone-600 dark:text-stone-400">Save or cancel the block you are editing first.</p>
          ) : !draft.title.trim() ? (
            <p className="mb-2 text-xs text-stone-600 dark:text-stone-400">Give the reading a title to publish it.</p>
          ) : null}
          <button type="button" className={`${buttonClass} w-full`} onClick={publish} disabled={pending || !draft.title.trim() || editing !== null}>
            <ArrowDownToLine aria-hidden className="h-4 w-4" /> {pending ? "Publishing…" : publishLabel}
          </button>
        </div>
        {aside}
        <RepairReport report={draft.report} onUndo={onUndo} />
      </aside>
    </div>
  );
}

function renderWithMarkers(block: DraftBlock) {
  const refs = [...(block.noteRefs ?? [])].sort((a, b) => a.offset - b.offset);
  const out: React.ReactNode[] = [];
  let at = 0;
  refs.forEach((r, k) => {
    out.push(block.text.slice(at, r.offset));
    out.push(
      <sup key={k} className="text-accent">
        [{r.label}]
      </sup>,
    );
    at = r.offset;
  });
  out.push(block.text.slice(at));
  return out;
}

function RepairReport({ report, onUndo }: { report: RepairEntry[]; onUndo?(entry: RepairEntry): void }) {
  if (report.length === 0) return null;
  const groups = new Map<string, RepairEntry[]>();
  for (const r of report) groups.set(r.rule, [...(groups.get(r.rule) ?? []), r]);
  return (
    <section aria-labelledby="report-heading" className="rounded-lg border border-stone-200 bg-white p-4 text-sm dark:border-stone-800 dark:bg-stone-900">
      <h2 id="report-heading" className="font-semibold">
        Import report: {report.length} repairs
      </h2>
      {[...groups.entries()].map(([rule, entries]) => (
        <details key={rule} className="mt-3" open={entries.length <= 3}>
          <summary className="cursor-pointer font-medium">
            {ruleLabel(rule)} ({entries.length})
          </summary>
          <ul className="mt-2 space-y-2">
            {entries.map((e, k) => (
              <li key={k} className="rounded bg-stone-50 p-2 dark:bg-stone-950">
                {e.block !== null ? <p className="text-xs text-stone-500 dark:text-stone-400">Block {e.block + 1}</p> : null}
                <p className="break-words">
                  <del className="text-red-800 dark:text-red-300">{e.before || "∅"}</del>
                </p>
                <p className="break-words">
                  <ins className="text-green-800 no-underline dark:text-green-300">{e.after || "(removed)"}</ins>
                </p>
                {onUndo && "id" in e ? (
                  <button type="button" className={`${quietButtonClass} mt-1`} onClick={() => onUndo(e)}>
                    Undo this repair
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
