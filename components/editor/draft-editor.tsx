"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import { ArrowDownToLine, Merge, Trash2, Pencil, Undo2 } from "lucide-react";
import type { ImportedReading, OcrSummary, RepairEntry } from "@/lib/import/types";
import {
  afterInsert, afterMerge, afterRemove, afterSplit, mergeWithNext, remapReport, removeBlock, retype, splitAt, type DraftBlock, type IndexMap,
} from "@/lib/editor/block-ops";
import { addNote, blockToNote, deleteNote, editNote, linkNote, noteLinks, noteToBlock } from "@/lib/editor/note-ops";
import { blockLabel } from "@/lib/editor/paragraph-numbers";
import { Field, buttonClass, quietButtonClass } from "@/components/ui/field";
import { RepairReport } from "@/components/editor/repair-report";
import { DraftNotes, type NoteInput } from "@/components/editor/draft-notes";
import { BlockEdit } from "@/components/editor/block-edit";
import { BlockText, OcrNotice, uncertainByBlock } from "@/components/editor/ocr-marks";

export type Draft = Omit<ImportedReading, "title" | "blocks"> & { title: string; blocks: DraftBlock[] };

const KIND_LABEL = { heading: "Heading", paragraph: "Paragraph", quote: "Quote", list: "List item" } as const;
/** How many edits "Undo" can take back. */
const HISTORY = 50;

/** What the document did not say: the preview asks the instructor instead of guessing. */
const MISSING_HINT = {
  title: "The document does not say its title: type it to publish.",
  author: "The document does not name its author: type it, or leave it empty.",
  date: "The document carries no date: type one, or leave it empty.",
  source: "The document does not say where it was published: type it, or leave it empty.",
} as const;

/**
 * Preview and edit a reading before it is published: metadata (what the document did not say is
 * asked for, never guessed), blocks (merge, split, retype — a block retyped as a note takes its label
 * and links its marker —, edit, delete), the notes with the markers that point at them, and the
 * importer's repair report beside them, its block numbers following every edit. `aside` adds panels
 * (e.g. where existing comments will land); `onUndo` re-runs the import without a repair.
 */
export function DraftEditor({
  initial,
  publishLabel,
  onPublish,
  onUndo,
  onChange,
  aside,
  askForMissing = false,
}: {
  initial: Draft;
  /** A fresh import: metadata the document did not say is asked for (not when editing a published reading). */
  askForMissing?: boolean;
  publishLabel: string;
  onPublish(draft: Draft): Promise<string | null>;
  onUndo?(entry: RepairEntry): void;
  onChange?(draft: Draft): void;
  aside?: React.ReactNode;
}) {
  const [draft, setDraftState] = useState<Draft>(initial);
  const [editing, setEditing] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // the drafts before each edit of blocks or notes, newest last, with what the edit did
  const [history, setHistory] = useState<{ draft: Draft; what: string }[]>([]);
  // where keyboard focus goes once an edit has re-rendered (the element it was on may be gone)
  const focusNext = useRef<string | null>(null);
  const setFocusId = (id: string) => {
    focusNext.current = id;
  };
  // what the importer could not find: asked for until the instructor fills it in
  const [missing] = useState(() =>
    askForMissing ? { title: !initial.title.trim(), author: !initial.author, date: !initial.date, source: !initial.source } : { title: false, author: false, date: false, source: false },
  );

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const setDraft = (next: Draft) => {
    setDraftState(next);
    onChange?.(next);
  };
  /** An edit of the blocks and notes, undoable: the report's block numbers follow it; `said` is announced. */
  const change = (next: Partial<Pick<Draft, "blocks" | "notes">>, what: string, opts: { map?: IndexMap; said?: string; focus?: string } = {}) => {
    setHistory((h) => [...h.slice(-(HISTORY - 1)), { draft, what }]);
    const map = opts.map;
    setDraft({ ...draft, ...next, ...(map ? { report: remapReport(draft.report, map), ocr: draft.ocr && remapOcr(draft.ocr, map) } : {}) });
    setStatus(opts.said ?? `${what[0]!.toUpperCase()}${what.slice(1)}.`);
    if (opts.focus) setFocusId(opts.focus);
  };
  function undoEdit() {
    const last = history.at(-1);
    if (!last) return;
    setHistory(history.slice(0, -1));
    // keep the details typed since: the history is of blocks and notes
    setDraft({ ...last.draft, title: draft.title, author: draft.author, date: draft.date, source: draft.source });
    setStatus(`Undone: ${last.what}.`);
  }

  const links = useMemo(() => noteLinks(draft), [draft]);
  const danglingAt = new Set(links.dangling.map((d) => `${d.block}:${d.label}`));
  let number = 0;
  const numbers = draft.blocks.map((b) => (b.kind === "heading" ? null : ++number));
  const name = (i: number) => blockLabel(draft.blocks, i);

  function retypeBlock(i: number, kind: DraftBlock["kind"] | "note") {
    if (kind !== "note") return change({ blocks: retype(draft.blocks, draft.notes, i, kind).blocks }, `made ${name(i)} a ${KIND_LABEL[kind].toLowerCase()}`);
    const where = name(i);
    const r = blockToNote(draft, i);
    const from = noteLinks(r).referencedFrom.get(r.label) ?? [];
    change({ blocks: r.blocks, notes: r.notes }, `made ${where} note ${r.label}`, {
      map: afterRemove(i, r.blocks.length),
      focus: `draft-note-${r.label}`,
      said:
        `${where} is now note ${r.label}` +
        (from.length ? `; the marker in ${blockLabel(r.blocks, from[0]!)} points at it.` : "; no marker in the text points at it yet."),
    });
  }

  const notesPanel = {
    onAdd(input: NoteInput) {
      const r = addNote(draft, input);
      change({ blocks: r.blocks, notes: r.notes }, `added note ${r.label}`, {
        focus: `draft-note-${r.label}`,
        said: `Added note ${r.label}` + (r.linkedAt !== null ? `; the marker in ${blockLabel(r.blocks, r.linkedAt)} points at it.` : "; no marker in the text points at it yet: edit a block to put one in."),
      });
      return null;
    },
    onEdit(label: string, input: NoteInput) {
      const r = editNote(draft, label, input);
      const next = input.label.trim();
      change({ blocks: r.blocks, notes: r.notes }, next === label ? `edited note ${label}` : `renamed note ${label} to ${next}`, { focus: `draft-note-${next}` });
      return null;
    },
    onDelete(label: string) {
      const r = deleteNote(draft, label);
      change({ blocks: r.blocks, notes: r.notes }, `deleted note ${label}`, {
        focus: "draft-notes",
        said: `Deleted note ${label}` + (r.markers ? ` and ${r.markers === 1 ? "its marker" : `its ${r.markers} markers`} in the text.` : "."),
      });
    },
    onLink(label: string) {
      const r = linkNote(draft, label);
      if (r.linkedAt === null) return setStatus(`No marker for note ${label} was found in the text.`);
      change({ blocks: r.blocks, notes: r.notes }, `linked note ${label} to its marker in ${blockLabel(r.blocks, r.linkedAt)}`, { focus: `draft-note-${label}` });
    },
    onMoveBack(label: string) {
      const r = noteToBlock(draft, label);
      if (r.at === null) return;
      change({ blocks: r.blocks, notes: r.notes }, `moved note ${label} back into the text`, {
        map: afterInsert(r.at),
        focus: `draft-block-${r.at}`,
        said: `Note ${label} is back in the text as ${blockLabel(r.blocks, r.at)}.`,
      });
    },
  };
  // OCR's doubtful words by block (`change` moves them with their blocks; BlockText shows a mark
  // only where its word still stands, so an edited word loses its mark).
  const uncertain = uncertainByBlock(draft.ocr);

  async function publish() {
    setPending(true);
    setError(null);
    const problem = await onPublish(draft);
    setPending(false);
    if (problem) setError(problem);
  }

  const lastEdit = history.at(-1);
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div>
        <section aria-labelledby="meta-heading" className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2 dark:border-stone-800 dark:bg-stone-900">
          <h2 id="meta-heading" className="sr-only">
            Details
          </h2>
          <div className="sm:col-span-2">
            <Field
              label="Title"
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
              required
              maxLength={300}
              hint={missing.title && !draft.title.trim() ? MISSING_HINT.title : undefined}
            />
          </div>
          <Field label="Author" value={draft.author ?? ""} onChange={(e) => setDraft({ ...draft, author: e.target.value || null })} maxLength={200} hint={missing.author && !draft.author ? MISSING_HINT.author : undefined} />
          <Field label="Date" value={draft.date ?? ""} onChange={(e) => setDraft({ ...draft, date: e.target.value || null })} maxLength={100} hint={missing.date && !draft.date ? MISSING_HINT.date : undefined} />
          <div className="sm:col-span-2">
            <Field label="Source" value={draft.source ?? ""} onChange={(e) => setDraft({ ...draft, source: e.target.value || null })} maxLength={500} hint={missing.source && !draft.source ? MISSING_HINT.source : undefined} />
          </div>
        </section>

        <p className="mt-6 text-sm text-stone-600 dark:text-stone-400">
          {draft.blocks.length} blocks · {number} numbered paragraphs · {draft.notes.length} notes.{" "}
          {draft.report.length ? "Read it through; fix anything the importer got wrong." : "Edit, merge, split or retype blocks; comments follow their text."}
        </p>
        <div className="mt-1 flex min-h-8 flex-wrap items-center gap-2 text-sm">
          <p role="status" className="text-stone-700 dark:text-stone-300">
            {status}
          </p>
          {lastEdit ? (
            <button type="button" className={quietButtonClass} disabled={editing !== null} onClick={undoEdit} aria-label={`Undo: ${lastEdit.what}`}>
              <Undo2 aria-hidden className="h-3.5 w-3.5" /> Undo
            </button>
          ) : null}
        </div>
        {draft.ocr ? <OcrNotice ocr={draft.ocr} /> : null}
        <ol aria-label="Blocks" className="mt-3 space-y-2">
          {draft.blocks.map((block, i) => (
            <li
              key={i}
              id={`draft-block-${i}`}
              tabIndex={-1}
              className="rounded-md border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900"
              aria-label={`Block ${i + 1} (${numbers[i] ? `paragraph ${numbers[i]}` : "heading"})`}
            >
              <div className="mb-2 flex flex-wrap items-center gap-2 font-sans text-xs">
                <span className="w-10 tabular-nums text-stone-500 dark:text-stone-400">{numbers[i] ? `¶ ${numbers[i]}` : "§"}</span>
                <label className="sr-only" htmlFor={`kind-${i}`}>
                  Type of block {i + 1}
                </label>
                <select
                  id={`kind-${i}`}
                  value={block.kind}
                  disabled={editing !== null}
                  onChange={(e) => retypeBlock(i, e.target.value as DraftBlock["kind"] | "note")}
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
                  <button type="button" className={quietButtonClass} disabled={editing !== null} onClick={() => setEditing(i)} aria-label={`Edit block ${i + 1}`}>
                    <Pencil aria-hidden className="h-3.5 w-3.5" /> Edit
                  </button>
                )}
                {i < draft.blocks.length - 1 ? (
                  <button
                    type="button"
                    className={quietButtonClass}
                    disabled={editing !== null}
                    onClick={() => change({ blocks: mergeWithNext(draft.blocks, i) }, `merged ${name(i)} with ${name(i + 1)}`, { map: afterMerge(i), focus: `draft-block-${i}` })}
                    aria-label={`Merge with next (blocks ${i + 1} and ${i + 2})`}
                  >
                    <Merge aria-hidden className="h-3.5 w-3.5" /> Merge with next
                  </button>
                ) : null}
                <button
                  type="button"
                  className={quietButtonClass}
                  disabled={editing !== null || draft.blocks.length === 1}
                  onClick={() =>
                    change({ blocks: removeBlock(draft.blocks, i) }, `deleted ${name(i)}`, {
                      map: afterRemove(i, draft.blocks.length - 1),
                      focus: `draft-block-${Math.min(i, draft.blocks.length - 2)}`,
                    })
                  }
                  aria-label={`Delete block ${i + 1}`}
                >
                  <Trash2 aria-hidden className="h-3.5 w-3.5" /> Delete
                </button>
              </div>
              {editing === i ? (
                <BlockEdit
                  block={block}
                  index={i}
                  notes={draft.notes}
                  onSave={(edited) => {
                    setEditing(null);
                    if (edited.text === block.text && JSON.stringify(edited.noteRefs) === JSON.stringify(block.noteRefs)) return setFocusId(`draft-block-${i}`);
                    change({ blocks: draft.blocks.map((b, j) => (j === i ? edited : b)) }, `edited ${name(i)}`, { focus: `draft-block-${i}` });
                  }}
                  onSplit={(edited, at) => {
                    setEditing(null);
                    change({ blocks: splitAt(draft.blocks.map((b, j) => (j === i ? edited : b)), i, at) }, `split ${name(i)} in two`, { map: afterSplit(i), focus: `draft-block-${i + 1}` });
                  }}
                  onCancel={() => {
                    setEditing(null);
                    setFocusId(`draft-block-${i}`);
                  }}
                />
              ) : (
                <p className={`whitespace-pre-wrap break-words ${block.kind === "heading" ? "font-sans font-semibold" : "font-serif"} ${block.kind === "quote" ? "border-l-4 border-stone-300 pl-3 italic" : ""}`}>
                  <BlockText block={block} uncertain={uncertain.get(i)} renderNote={(label, key) => <NoteMarker key={key} label={label} dangling={danglingAt.has(`${i}:${label}`)} />} />
                </p>
              )}
            </li>
          ))}
        </ol>
        <DraftNotes notes={draft.notes} blocks={draft.blocks} links={links} disabled={editing !== null} {...notesPanel} />
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
          ) : links.dangling.length ? (
            <p className="mb-2 text-xs text-stone-600 dark:text-stone-400">
              {links.dangling.length === 1 ? "A marker points" : `${links.dangling.length} markers point`} at a note that does not exist (shown with a “?”): add the note, or edit the block and remove the marker, to publish.
            </p>
          ) : null}
          <button type="button" className={`${buttonClass} w-full`} onClick={publish} disabled={pending || !draft.title.trim() || editing !== null || links.dangling.length > 0}>
            <ArrowDownToLine aria-hidden className="h-4 w-4" /> {pending ? "Publishing…" : publishLabel}
          </button>
        </div>
        {aside}
        <RepairReport report={draft.report} blocks={draft.blocks} onUndo={onUndo} />
      </aside>
    </div>
  );
}

/** OCR's doubtful words follow their blocks through an edit (a word whose block went is dropped). */
function remapOcr(ocr: OcrSummary, map: IndexMap): OcrSummary {
  return { ...ocr, uncertain: ocr.uncertain.flatMap((w) => { const block = map(w.block); return block === null ? [] : [{ ...w, block }]; }) };
}

/** A note marker in the preview: a link to its note, or flagged when its note is missing. */
function NoteMarker({ label, dangling }: { label: string; dangling: boolean }) {
  return (
    <sup>
      {dangling ? (
        <span className="text-red-700 dark:text-red-400" title={`There is no note ${label}`}>
          [{label}?]
        </span>
      ) : (
        <a href={`#draft-note-${label}`} className="text-accent underline" aria-label={`Note ${label}`}>
          [{label}]
        </a>
      )}
    </sup>
  );
}
