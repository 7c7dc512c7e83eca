"use client";
import type { RepairEntry } from "@/lib/import/types";
import type { DraftBlock } from "@/lib/editor/block-ops";
import { blockLabel } from "@/lib/editor/paragraph-numbers";
import { quietButtonClass } from "@/components/ui/field";

const RULE_LABEL: Record<string, string> = {
  "join-page-break": "Joined a paragraph split by a page break",
  "join-note-fragment": "Joined a note split by a page break",
  "join-hyphenated-word": "Joined a word hyphenated across lines",
  "detect-format": "Read the file by its content, not its extension",
  "drop-running-header": "Removed a running header or footer",
  "drop-download-stamp": "Removed a download stamp or the archive's terms",
  "drop-classification-banner": "Removed a classification banner",
  "drop-page-number": "Removed a page number",
  "drop-contents": "Removed a table-of-contents line (its page numbers)",
  "drop-redaction-code": "Removed a redaction code",
  "drop-boilerplate": "Removed boilerplate",
  "drop-paywall": "Removed a paywall or subscription notice",
  "drop-navigation": "Removed site navigation",
  "drop-notes-heading": "Removed a \"Notes\" heading",
  "drop-orphan-note-marker": "Removed a note marker with no note",
  "drop-strikethrough": "Took the strikethrough off words (the words stay)",
  "clean-markup": "Cleaned markup debris",
  "clean-ocr-debris": "Removed scanning debris between words",
  "move-note": "Moved a note out of the text",
  "recover-note-marker": "Linked a note marker the scan had misread",
  "move-credits": "Moved credits and archive details out of the text",
  "relabel-note": "Renamed a duplicate note label",
  "promote-heading": "Made a short line a heading",
  "mark-quote": "Made a quoted passage a block quote",
  "normalize-heading-level": "Gave a heading the level of its rank",
  "renumber-heading-levels": "Renumbered heading levels",
  "metadata-title": "Took the title from the text",
  "metadata-author": "Took the author from the text",
  "metadata-author-bio": "Took the author from a biography line",
  "metadata-date": "Took the date from the text",
  "metadata-source": "Took the source from the text",
  "metadata-duplicate": "Removed a repeated title or author line",
  decode: "Decoded a legacy text encoding",
};
export const ruleLabel = (rule: string) => RULE_LABEL[rule] ?? rule.replace(/[-_]/g, " ").replace(/^./, (c) => c.toUpperCase());

/**
 * The importer's repairs, grouped by rule. Each names its block as the block list does ("¶ 5", "the
 * heading …") and links to it; `onUndo` re-runs the import without the repair.
 */
export function RepairReport({ report, blocks, onUndo }: { report: RepairEntry[]; blocks: DraftBlock[]; onUndo?(entry: RepairEntry): void }) {
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
                {e.block !== null && blocks[e.block] ? (
                  <p className="text-xs text-stone-500 dark:text-stone-400">
                    At <a href={`#draft-block-${e.block}`} className="underline">{blockLabel(blocks, e.block)}</a>
                  </p>
                ) : null}
                <p className="break-words">
                  <del className="text-red-800 dark:text-red-300">{e.before || "∅"}</del>
                </p>
                <p className="break-words">
                  <ins className="text-green-800 no-underline dark:text-green-300">{e.after || "(removed)"}</ins>
                </p>
                {onUndo && e.id ? (
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
