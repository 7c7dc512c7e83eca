/**
 * Block quotations the text's shape gives away where no markup says so (plain text, OCR, PDF text,
 * Markdown written as plain text). Indented blocks are quotes already (parse/text.ts); here a
 * paragraph becomes a quote when the paragraph before it introduces a quotation with a colon —
 * "Khrushchev said, for instance:", "his words still apply:", "As Khrushchev told the writers:" — and
 * either that sentence names the speaking or writing, or the paragraph is set in quotation marks
 * (“…”, or ending in a closing mark that a quotation opened without one). Reported, undoable.
 */
import type { RawBlock, Report } from "../raw";
import { plain } from "../sentinel";
import { endsWithColon, startsLowercase, wordCount } from "../text-utils";

/** The clause before the colon introduces someone's words. */
const INTRODUCES_RE =
  /\b(?:said|says|say|wrote|writes|write|declared|declares|stated|states|told|tells|asked|asks|replied|replies|added|adds|argued|argues|observed|observes|remarked|remarks|recalled|recalls|insisted|insists|explained|explains|warned|warns|continued|continues|concluded|concludes|proclaimed|proclaims|announced|announces|put (?:it|the matter|the point)|puts (?:it|the matter|the point)|in (?:his|her|their) words|(?:his|her|their) words|quoted?|quoting|reads?|runs|passage|the text|the letter|the speech)\b/i;
/** "… summed up as follows:" / "First, …": the author's own enumeration, not a quotation. */
const ENUMERATION_RE = /^(?:first|firstly|second|secondly|third|thirdly|finally|lastly|in the first place)\b/i;

const OPENERS = `"“‘«„`;
const CLOSERS = `"”’»“`;

/** The last sentence of a text (what the colon closes). */
function lastSentence(t: string): string {
  const parts = t.split(/(?<=[.!?]["”’)]*)\s+(?=["“‘(]?\p{Lu})/u);
  return parts[parts.length - 1] ?? t;
}

/** Set in quotation marks: opens and closes with them, or closes with one the quotation never opened. */
function inQuotationMarks(t: string): boolean {
  const s = t.trim().replace(/\s*\[[^\]]*\]$/, "");
  const opens = OPENERS.includes(s[0] ?? "");
  const closes = new RegExp(`[${CLOSERS}][.,;!?…]*$|[.!?…][${CLOSERS}]$`).test(s);
  if (opens && closes) return true;
  if (!closes) return false;
  // a closing mark at the end with no opening mark anywhere before it: the quotation began unmarked
  const body = s.slice(0, -2);
  return !/[“«„]/.test(body) && (body.match(/"/g) ?? []).length % 2 === 0;
}

export function markQuotes(blocks: RawBlock[], report: Report): void {
  for (let i = 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    const prev = blocks[i - 1]!;
    if (b.kind !== "paragraph" || b.keep || b.explicit || b.notQuote || (prev.kind !== "paragraph" && prev.kind !== "list")) continue;
    const before = plain(prev.text).trim();
    const t = plain(b.text).trim();
    if (!endsWithColon(before) || wordCount(t) < 8 || startsLowercase(t) || /^\(?\d{1,3}[.)]\s/.test(t) || ENUMERATION_RE.test(t) || endsWithColon(t)) continue;
    if (!INTRODUCES_RE.test(lastSentence(before)) && !inQuotationMarks(t)) continue;
    const id = report.id("mark-quote", b.source ?? b.text);
    if (report.skips(id)) continue; // undone: it stays a paragraph
    b.kind = "quote";
    report.add("mark-quote", b, t, `quote: ${t}`, { id }); // the words stay; only the kind changes
  }
}
