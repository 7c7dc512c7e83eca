import type { ReadingBlockView } from "@/lib/readings/get-reading";
import type { PassageHighlight } from "@/lib/comments/get-reading-discussion";
import { inlineHtml } from "@/lib/readings/inline-html";
import { DiscussButton } from "@/components/reading/discuss-button";

const headingTag = (level: number | null) => (level && level <= 2 ? "h2" : level === 3 ? "h3" : "h4");

/** The reading itself, rendered on the server: one row per block — paragraph number in the
 *  left gutter (a link to #p-N), the text with its passage highlights, the discussion
 *  marker in the right gutter. */
export function ReadingBody({ blocks, notes, highlights }: { blocks: ReadingBlockView[]; notes: { label: string; text: string }[]; highlights: Record<string, PassageHighlight[]> }) {
  const noteText = new Map(notes.map((n) => [n.label, n.text]));
  return (
    <div className="reading-text">
      {blocks.map((block) => {
        const passages = highlights[block.id];
        // The text as one escaped HTML string (lib/readings/inline-html.ts says why).
        const inline = { __html: inlineHtml({ text: block.text, marks: block.marks, noteRefs: block.noteRefs, highlights: passages, blockKey: block.id, notes: noteText }) };
        if (block.kind === "HEADING") {
          const Tag = headingTag(block.level);
          return (
            <Tag key={block.id} className="mb-3 mt-10 px-12 font-sans text-xl font-semibold leading-snug" dangerouslySetInnerHTML={inline} />
          );
        }
        const n = block.number!;
        const anchor = `p-${n}`;
        let body: React.ReactNode;
        if (block.kind === "QUOTE") {
          body = (
            <blockquote
              id={anchor}
              data-paragraph={n}
              className="scroll-mt-20 border-l-4 border-stone-300 pl-4 italic text-stone-700 dark:border-stone-700 dark:text-stone-300"
              dangerouslySetInnerHTML={inline}
            />
          );
        } else if (block.kind === "LIST") {
          body = (
            <ul className="list-disc pl-6">
              <li id={anchor} data-paragraph={n} className="scroll-mt-20" dangerouslySetInnerHTML={inline} />
            </ul>
          );
        } else {
          body = (
            <p id={anchor} data-paragraph={n} className="scroll-mt-20" dangerouslySetInnerHTML={inline} />
          );
        }
        return (
          <div key={block.id} data-block-row={block.id} className="reading-row">
            <a href={`#${anchor}`} className="reading-num" aria-label={`Link to paragraph ${n}`}>
              {n}
            </a>
            <div className="min-w-0">{body}</div>
            <div className="no-print pl-1">
              <DiscussButton blockId={block.id} number={n} />
            </div>
          </div>
        );
      })}
    </div>
  );
}
