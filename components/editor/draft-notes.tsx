"use client";
import { useId, useState } from "react";
import { Link2, Pencil, Plus, Trash2, Undo2 } from "lucide-react";
import type { ImportedNote } from "@/lib/import/types";
import type { DraftBlock } from "@/lib/editor/block-ops";
import { NOTE_LABEL_MAX, checkNote, freeLabel, linkNote, type NoteLinks } from "@/lib/editor/note-ops";
import { blockLabel } from "@/lib/editor/paragraph-numbers";
import { buttonClass, quietButtonClass, secondaryButtonClass } from "@/components/ui/field";

/** A note as typed in the form: label and text. */
export type NoteInput = { label: string; text: string };

const inputClass = "rounded-md border border-stone-300 bg-white px-2 py-1 text-sm text-stone-900 dark:border-stone-700 dark:bg-stone-950 dark:text-stone-100";

/**
 * The draft's notes in document order, each with the paragraphs whose markers point at it (links back
 * to them) — or a warning when no marker does, with a button that links the marker the text still has.
 * A note can be edited (label and text; its markers follow a new label), deleted (with its markers),
 * or go back into the text; a note can be added by hand. `onAdd`/`onEdit` answer an error to show, or null.
 */
export function DraftNotes({
  notes,
  blocks,
  links,
  disabled,
  onAdd,
  onEdit,
  onDelete,
  onLink,
  onMoveBack,
}: {
  notes: ImportedNote[];
  blocks: DraftBlock[];
  links: NoteLinks;
  disabled: boolean;
  onAdd(input: NoteInput): string | null;
  onEdit(label: string, input: NoteInput): string | null;
  onDelete(label: string): void;
  onLink(label: string): void;
  onMoveBack(label: string): void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section aria-labelledby="draft-notes" className="mt-6">
      <h2 id="draft-notes" tabIndex={-1} className="font-semibold">
        Notes
      </h2>
      <p className="mt-1 text-xs text-stone-600 dark:text-stone-400">
        {notes.length
          ? "Markers in the text link to their notes. Retype a block as “Note” to move it here; edit a block to add or remove its markers."
          : "No notes. Retype a block as “Note” to move it here, or add one below."}
      </p>
      {notes.length ? (
        <ol aria-label="Notes" className="mt-2 space-y-2 text-sm">
          {notes.map((n) => (
            <li key={n.label} id={`draft-note-${n.label}`} tabIndex={-1} aria-label={`Note ${n.label}`} className="rounded-md border border-stone-200 bg-white p-2 dark:border-stone-800 dark:bg-stone-900">
              {editing === n.label ? (
                <NoteForm
                  notes={notes}
                  initial={n}
                  editing={n.label}
                  submitLabel="Save note"
                  onSubmit={(input) => {
                    const problem = onEdit(n.label, input);
                    if (!problem) setEditing(null);
                    return problem;
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <NoteView note={n} blocks={blocks} links={links} disabled={disabled || editing !== null} onEdit={() => setEditing(n.label)} onDelete={onDelete} onLink={onLink} onMoveBack={onMoveBack} />
              )}
            </li>
          ))}
        </ol>
      ) : null}
      <details className="mt-3 rounded-md border border-dashed border-stone-300 p-2 text-sm dark:border-stone-700">
        <summary className="cursor-pointer font-medium">
          <Plus aria-hidden className="mr-1 inline h-3.5 w-3.5" />
          Add a note
        </summary>
        <NoteForm key={notes.length} notes={notes} initial={{ label: freeLabel(notes, null), text: "" }} submitLabel="Add note" onSubmit={onAdd} disabled={disabled || editing !== null} />
      </details>
    </section>
  );
}

function NoteView({
  note,
  blocks,
  links,
  disabled,
  onEdit,
  onDelete,
  onLink,
  onMoveBack,
}: {
  note: ImportedNote;
  blocks: DraftBlock[];
  links: NoteLinks;
  disabled: boolean;
  onEdit(): void;
  onDelete(label: string): void;
  onLink(label: string): void;
  onMoveBack(label: string): void;
}) {
  const from = links.referencedFrom.get(note.label) ?? [];
  // a note nothing points at: is its marker still in the text, unlinked?
  const findable = from.length ? null : linkNote({ blocks, notes: [note] }, note.label).linkedAt;
  return (
    <>
      <p className="break-words">
        <strong>{note.label}.</strong> {note.text}
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-2 font-sans text-xs text-stone-600 dark:text-stone-400">
        {from.length ? (
          <span>
            Marker in{" "}
            {from.map((i, k) => (
              <span key={i}>
                {k ? ", " : ""}
                <a href={`#draft-block-${i}`} className="underline">
                  {blockLabel(blocks, i)}
                </a>
              </span>
            ))}
          </span>
        ) : (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-amber-900 dark:bg-amber-900 dark:text-amber-100">No marker in the text points here</span>
        )}
        {findable !== null ? (
          <button type="button" className={quietButtonClass} disabled={disabled} onClick={() => onLink(note.label)} aria-label={`Link note ${note.label} to its marker in ${blockLabel(blocks, findable)}`}>
            <Link2 aria-hidden className="h-3.5 w-3.5" /> Link the marker in {blockLabel(blocks, findable)}
          </button>
        ) : null}
        <button type="button" className={quietButtonClass} disabled={disabled} onClick={onEdit} aria-label={`Edit note ${note.label}`}>
          <Pencil aria-hidden className="h-3.5 w-3.5" /> Edit
        </button>
        <button type="button" className={quietButtonClass} disabled={disabled} onClick={() => onMoveBack(note.label)} aria-label={`Move note ${note.label} back into the text`}>
          <Undo2 aria-hidden className="h-3.5 w-3.5" /> Back into the text
        </button>
        <button type="button" className={quietButtonClass} disabled={disabled} onClick={() => onDelete(note.label)} aria-label={`Delete note ${note.label}`}>
          <Trash2 aria-hidden className="h-3.5 w-3.5" /> Delete
        </button>
      </div>
    </>
  );
}

/** Label and text of a note, checked before it is handed on (`onSubmit` may still answer a problem). */
function NoteForm({
  notes,
  initial,
  editing,
  submitLabel,
  disabled = false,
  onSubmit,
  onCancel,
}: {
  notes: ImportedNote[];
  initial: NoteInput;
  editing?: string;
  submitLabel: string;
  disabled?: boolean;
  onSubmit(input: NoteInput): string | null;
  onCancel?(): void;
}) {
  const id = useId();
  const [label, setLabel] = useState(initial.label);
  const [text, setText] = useState(initial.text);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="mt-2 flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const input = { label, text };
        const p = checkNote(notes, input, editing) ?? onSubmit(input);
        setProblem(p);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape" && onCancel) {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-label`} className="text-xs font-medium">
          Label (number or symbol)
        </label>
        <input
          id={`${id}-label`}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          maxLength={NOTE_LABEL_MAX}
          required
          autoFocus={!!editing}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          className={`${inputClass} w-24`}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-text`} className="text-xs font-medium">
          Note text
        </label>
        <textarea
          id={`${id}-text`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={3}
          maxLength={20_000}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          className={`${inputClass} font-serif`}
        />
      </div>
      {problem ? (
        <p id={`${id}-problem`} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={editing ? buttonClass : secondaryButtonClass} disabled={disabled}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className={quietButtonClass} onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
