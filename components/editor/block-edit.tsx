"use client";
import { useId, useState } from "react";
import { Scissors, X } from "lucide-react";
import type { ImportedNote } from "@/lib/import/types";
import { editText, type DraftBlock } from "@/lib/editor/block-ops";
import { insertMarker, removeMarker, wordsBefore } from "@/lib/editor/note-ops";
import { buttonClass, quietButtonClass, secondaryButtonClass } from "@/components/ui/field";

/**
 * One block being edited: its text (note markers and emphasis follow the words they stand by), its
 * note markers (remove one, or put one for any note at the cursor), and splitting at the cursor.
 * Nothing reaches the draft until "Save text" or "Split at cursor"; Escape or "Cancel" leaves it as it was.
 */
export function BlockEdit({
  block,
  index,
  notes,
  onSave,
  onSplit,
  onCancel,
}: {
  block: DraftBlock;
  index: number;
  notes: ImportedNote[];
  onSave(block: DraftBlock): void;
  onSplit(block: DraftBlock, at: number): void;
  onCancel(): void;
}) {
  const id = useId();
  const [edited, setEdited] = useState<DraftBlock>(block);
  const [caret, setCaret] = useState(0);
  const [label, setLabel] = useState(notes[0]?.label ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const refs = [...(edited.noteRefs ?? [])].sort((a, b) => a.offset - b.offset);
  const n = index + 1;

  const setText = (text: string) => setEdited((b) => editText([b], 0, text)[0]!);

  function save() {
    const text = edited.text.trim();
    if (!text) return setProblem("A block cannot be empty: delete it instead.");
    onSave(editText([edited], 0, text)[0]!);
  }

  return (
    <div
      className="flex flex-col gap-2"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <label htmlFor={`${id}-text`} className="sr-only">
        Text of block {n}
      </label>
      <textarea
        id={`${id}-text`}
        autoFocus
        value={edited.text}
        rows={Math.min(12, Math.max(3, Math.ceil(edited.text.length / 80)))}
        onChange={(e) => {
          setText(e.target.value);
          setCaret(e.target.selectionStart);
          setProblem(null);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onFocus={(e) => setCaret(e.currentTarget.selectionStart)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        className="w-full rounded border border-stone-300 bg-white p-2 font-serif dark:border-stone-700 dark:bg-stone-950"
      />
      {problem ? (
        <p id={`${id}-problem`} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      ) : null}

      <fieldset className="rounded border border-stone-200 p-2 font-sans text-xs dark:border-stone-800">
        <legend className="px-1 font-medium">Note markers in block {n}</legend>
        {refs.length ? (
          <ul aria-label={`Note markers in block ${n}`} className="flex flex-col gap-1">
            {refs.map((r, k) => (
              <li key={`${r.label}-${r.offset}-${k}`} className="flex flex-wrap items-center gap-2">
                <span>
                  <sup className="text-accent">[{r.label}]</sup> after {wordsBefore(edited.text, r.offset)}
                </span>
                <button
                  type="button"
                  className={quietButtonClass}
                  onClick={() => {
                    setEdited((b) => removeMarker(b, k));
                    setSaid(`Removed the marker for note ${r.label}.`);
                  }}
                  aria-label={`Remove the marker for note ${r.label} after ${wordsBefore(edited.text, r.offset)}`}
                >
                  <X aria-hidden className="h-3.5 w-3.5" /> Remove
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-stone-600 dark:text-stone-400">This block has no note markers.</p>
        )}
        {notes.length ? (
          <div className="mt-2 flex flex-wrap items-end gap-2">
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-note`}>Note</label>
              <select id={`${id}-note`} value={label} onChange={(e) => setLabel(e.target.value)} className="rounded border border-stone-300 bg-white px-1 py-0.5 dark:border-stone-700 dark:bg-stone-950">
                {notes.map((note) => (
                  <option key={note.label} value={note.label}>
                    {note.label}. {note.text.length > 40 ? `${note.text.slice(0, 39)}…` : note.text}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className={secondaryButtonClass}
              disabled={!notes.some((note) => note.label === label)}
              onClick={() => {
                setEdited((b) => insertMarker(b, label, caret));
                setSaid(`Put a marker for note ${label} after ${wordsBefore(edited.text, caret)}.`);
              }}
            >
              Insert marker at cursor
            </button>
          </div>
        ) : (
          <p className="mt-1 text-stone-600 dark:text-stone-400">To add a marker, first add its note under Notes.</p>
        )}
        <p role="status" className="mt-1 min-h-4 text-stone-700 dark:text-stone-300">
          {said}
        </p>
      </fieldset>

      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass} onClick={save}>
          Save text
        </button>
        <button type="button" className={quietButtonClass} disabled={caret <= 0 || caret >= edited.text.length} onClick={() => onSplit(edited, caret)}>
          <Scissors aria-hidden className="h-3.5 w-3.5" /> Split at cursor
        </button>
        <button type="button" className={quietButtonClass} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
