/** Block kinds the text itself implies: numbered paragraphs, headings in plain text. */
import type { RawBlock, Report } from "../raw";
import { plain } from "../sentinel";
import { endsSentence, startsUppercase, wordCount } from "../text-utils";

/** "1. Attached you will find …" — a numbered item that is really a paragraph keeps its number in the text. */
export function numberedParagraphs(blocks: RawBlock[]): void {
  for (const b of blocks) {
    if (b.kind !== "list") continue;
    const t = plain(b.text);
    const sentences = (t.match(/[.!?]["”’')]*(?:\s|$)/g) ?? []).length;
    if (wordCount(t) > 40 || (b.ordinal && /^\d/.test(b.ordinal) && (wordCount(t) > 25 || sentences >= 2))) b.kind = "paragraph";
  }
}

const MEMO_FIELD_RE = /^(?:to|from|subject|re|cc|attn|attention|date)\s*:\s*\S/i;
const CHAPTER_RE = /^(?:chapter|part|book|section|act|canto|lecture)\s+(?:[ivxlcdm]+|\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|[a-z]+teen|twenty)\.?$/i;

/**
 * Plain text has no heading markup; a heading is a short line that does not end like a sentence,
 * between a finished paragraph and a paragraph that starts a new thought.
 */
export function promoteHeadings(blocks: RawBlock[], report: Report): void {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind !== "paragraph" || b.keep) continue;
    const raw = plain(b.text).trim();
    if (CHAPTER_RE.test(raw)) {
      if (!promote(b, raw, report)) continue;
      b.kind = "heading";
      b.level = 2;
      continue;
    }
    if ((raw.match(/\n/g) ?? []).length > 2) continue;
    const t = raw.replace(/\s*\n\s*/g, " ");
    const words = wordCount(t);
    if (words === 0 || words > 16 || t.length > 120) continue;
    if (/[.,;:!]["”’']?$/.test(t) || endsSentence(t)) continue;
    if (/[,;]/.test(t) || /^\p{N}+$/u.test(t)) continue;
    if (MEMO_FIELD_RE.test(t)) continue; // "TO: All Branches", "SUBJECT: …": a memo's header, not a heading
    if (!startsUppercase(t) && !/^\p{N}/u.test(t)) continue;
    const capitalised = t.split(/\s+/).filter((w) => /^[\p{Lu}\p{N}]/u.test(w)).length;
    if (words > 10 && capitalised / words < 0.6) continue;
    const next = blocks[i + 1];
    if (!next || next.kind === "heading" || !startsUppercase(next.text) || wordCount(next.text) < 12) continue;
    if (i === 0 && next.kind !== "paragraph") continue;
    if (!promote(b, t, report)) continue;
    b.kind = "heading";
    b.level = 2;
  }
}

/** Report promoting `b` to a heading, unless the user undid it (then it stays a paragraph). */
function promote(b: RawBlock, t: string, report: Report): boolean {
  const id = report.id("promote-heading", b.source ?? b.text);
  if (report.skips(id)) return false;
  report.add("promote-heading", b, t, `heading: ${t}`, { id }); // the words stay; only the kind changes
  return true;
}
