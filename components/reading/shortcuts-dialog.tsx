import { Fragment } from "react";
import { KeyboardIcon } from "@/components/ui/icons";
import { ShortcutsOpener } from "@/components/reading/shortcuts-opener";

const SHORTCUTS: [string, string][] = [
  ["j / k", "Next / previous paragraph"],
  ["c", "Discuss the focused paragraph — or, with text selected, comment on the selection"],
  ["s", "Select text in the focused paragraph (starts with its first word)"],
  ["→ / ←", "While selecting: extend / shrink the selection by a word"],
  ["Shift + → / ←", "While selecting: move its start by a word"],
  ["Enter", "While selecting: comment on the selection (Esc stops selecting)"],
  ["Enter on a highlight", "Open the discussion of that passage"],
  ["Esc", "Close the discussion"],
  ["Ctrl + Enter", "Post what you are writing"],
  ["?", "Show these shortcuts"],
];

/**
 * The "?" dialog listing the reading page's keyboard shortcuts (native <dialog>: focus is
 * trapped and Esc closes it). The list is rendered on the server; only the opener — the
 * button and the "?" key — is a client component, so the list adds nothing to the page's
 * JavaScript (issue 9).
 */
export function ShortcutsButton() {
  return (
    <>
      <ShortcutsOpener dialogId="shortcuts-dialog" className="no-print mt-2 inline-flex items-center gap-1 font-sans text-xs text-stone-500 dark:text-stone-400 hover:text-accent [@media(hover:none)]:hidden">
        <KeyboardIcon className="h-3.5 w-3.5" /> Keyboard shortcuts
      </ShortcutsOpener>
      <dialog id="shortcuts-dialog" aria-labelledby="shortcuts-title" className="m-auto rounded-lg p-6 font-sans backdrop:bg-black/30 dark:bg-stone-900 dark:text-stone-100">
        <h2 id="shortcuts-title" className="text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        {/* The <kbd> style once on the list, not on every key: this markup is in the HTML and again in the RSC payload. */}
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm [&_kbd]:rounded [&_kbd]:border [&_kbd]:border-stone-300 [&_kbd]:bg-stone-100 [&_kbd]:px-1.5 [&_kbd]:py-0.5 [&_kbd]:font-mono [&_kbd]:text-xs dark:[&_kbd]:border-stone-700 dark:[&_kbd]:bg-stone-800">
          {SHORTCUTS.map(([keys, what]) => (
            <Fragment key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </Fragment>
          ))}
        </dl>
        <form method="dialog" className="mt-4 text-right">
          <button className="rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-white">Close</button>
        </form>
      </dialog>
    </>
  );
}
