import type { ImportedBlock, OcrSummary, UncertainWord } from "@/lib/import/types";

/**
 * A block's text as the preview shows it: note markers as [label], and the words OCR was
 * unsure of marked for the instructor to check. A mark is shown only where its word still
 * stands (an edited block drops the marks that no longer match).
 */
export function BlockText({
  block,
  uncertain,
  renderNote,
}: {
  block: ImportedBlock;
  uncertain?: UncertainWord[];
  /** How a note marker is shown (the preview links it to its note); plain [label] without it. */
  renderNote?(label: string, key: number): React.ReactNode;
}) {
  type Event = { at: number; kind: "note"; label: string } | { at: number; kind: "word"; end: number; word: UncertainWord };
  const events: Event[] = (block.noteRefs ?? []).map((r) => ({ at: r.offset, kind: "note" as const, label: r.label }));
  for (const w of uncertain ?? []) if (block.text.slice(w.start, w.end) === w.text) events.push({ at: w.start, kind: "word", end: w.end, word: w });
  events.sort((a, b) => a.at - b.at || (a.kind === "note" ? -1 : 1));
  const out: React.ReactNode[] = [];
  let at = 0;
  events.forEach((e, k) => {
    if (e.at < at) return; // overlapping marks: keep the first
    out.push(block.text.slice(at, e.at));
    if (e.kind === "note") {
      out.push(
        renderNote ? (
          renderNote(e.label, k)
        ) : (
          <sup key={k} className="text-accent">
            [{e.label}]
          </sup>
        ),
      );
      at = e.at;
    } else {
      out.push(
        <mark key={k} className="rounded-sm bg-amber-200 px-0.5 text-stone-900 underline decoration-amber-700 decoration-dotted dark:bg-amber-700 dark:text-stone-50" title={`OCR is unsure of this word (${e.word.confidence}% confident): check it against the scan.`}>
          {block.text.slice(e.at, e.end)}
          <span className="sr-only"> (uncertain OCR, {e.word.confidence}%)</span>
        </mark>,
      );
      at = e.end;
    }
  });
  out.push(block.text.slice(at));
  return <>{out}</>;
}

/** The preview's note that the text was recognised from a scan, and how many words to check. */
export function OcrNotice({ ocr }: { ocr: OcrSummary }) {
  const n = ocr.uncertain.length;
  return (
    <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" data-testid="ocr-notice">
      {ocr.pages.length === 1 ? "1 page was" : `${ocr.pages.length} pages were`} recognised from a scan (OCR, {ocr.confidence}% mean confidence).{" "}
      {n === 0 ? "No word was marked as uncertain, but read it through against the scan." : `${n} ${n === 1 ? "word is" : "words are"} marked like `}
      {n ? <mark className="rounded-sm bg-amber-200 px-0.5 text-stone-900 dark:bg-amber-700 dark:text-stone-50">this</mark> : null}
      {n ? ": OCR was unsure of them — check each against the scan and edit the block if it is wrong." : null}
    </p>
  );
}

/** Uncertain words grouped by block index. */
export function uncertainByBlock(ocr: OcrSummary | undefined): Map<number, UncertainWord[]> {
  const map = new Map<number, UncertainWord[]>();
  for (const w of ocr?.uncertain ?? []) map.set(w.block, [...(map.get(w.block) ?? []), w]);
  return map;
}
