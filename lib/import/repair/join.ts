/**
 * Page breaks split paragraphs mid-sentence. Once running headers and notes are out of the way the two
 * halves are neighbours: join a block that does not end a sentence with the next one when the next one
 * evidently continues it (starts lowercase, or the first block ends on a word no sentence ends with,
 * or on a comma/semicolon, or on a hyphenated word part).
 */
import type { RawBlock, Report } from "../raw";
import { plain } from "../sentinel";
import { endsSentence, endsWithColon, endsWithFunctionWord, startsLowercase, wordCount } from "../text-utils";
import { endsWithBrokenWord, joinText } from "./join-text";
import type { HyphenJudge } from "./hyphens";

const JOINABLE = new Set(["paragraph", "quote"]);
/** "2. The paper …", "(3) …": a numbered paragraph starts here, whatever came before. */
const NUMBERED_START = /^(?:\(?\d{1,3}[.)]\s|\[\d{1,3}\])/;

export function shouldJoin(a: RawBlock, b: RawBlock): boolean {
  if (!JOINABLE.has(a.kind) || !JOINABLE.has(b.kind)) return false;
  if (a.keep || b.keep) return false; // a block the user kept stays as it is
  if (b.unjoined) return false; // the user undid the join at this page turn
  const at = plain(a.text).trimEnd();
  const bt = plain(b.text).trimStart();
  if (!at || !bt) return false;
  // a page ended at the right margin: the paragraph runs on, whatever the punctuation
  if (a.fullWidth && b.afterBreak && a.kind === b.kind && !endsWithColon(at) && /^[\p{L}\p{N}"“‘'(]/u.test(bt) && !NUMBERED_START.test(bt)) return true;
  if (endsSentence(at) || endsWithColon(at)) return false;
  if (endsWithBrokenWord(at, bt)) return true;
  if (startsLowercase(bt)) return true;
  if (a.kind !== b.kind) return false;
  if (wordCount(at) < 6) return false; // a short line (a heading, a signature) is not half a paragraph
  if (/[,;—–]["”’']?$/.test(at) || /\s-$/.test(at)) return true;
  return endsWithFunctionWord(at) && !NUMBERED_START.test(bt);
}

export function joinFragments(blocks: RawBlock[], report: Report, hyphens?: HyphenJudge): RawBlock[] {
  const out: RawBlock[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (prev && shouldJoin(prev, b)) {
      // the id names the two pieces as parsed: the last piece of `prev` (which may already be a join) and `b`
      const id = report.id("join-page-break", `${prev.tailSource ?? prev.source ?? prev.text} ¶ ${b.source ?? b.text}`);
      if (report.skips(id)) { out.push(b); continue; } // undone: the two blocks stay separate
      const tailA = wordsAtEnd(plain(prev.text), 40);
      const headB = wordsAtStart(plain(b.text), 40);
      prev.text = joinText(prev.text, b.text, hyphens);
      prev.fullWidth = b.fullWidth;
      b.mergedInto = prev;
      prev.tailSource = b.tailSource ?? b.source ?? b.text;
      const joined = plain(prev.text);
      const at = joined.length - plain(b.text).trim().length;
      report.add("join-page-break", prev, `${tailA} ¶ ${headB}`, around(joined, at, 40), { id });
      continue;
    }
    out.push(b);
  }
  return out;
}

/** About the last `n` characters of `s`, starting at a word boundary. */
export function wordsAtEnd(s: string, n: number): string {
  const t = s.trimEnd();
  if (t.length <= n) return t;
  const cut = t.slice(-n);
  const space = cut.search(/\s/);
  return space >= 0 && space < cut.length - 1 ? cut.slice(space + 1) : cut;
}

/** About the first `n` characters of `s`, ending at a word boundary. */
export function wordsAtStart(s: string, n: number): string {
  const t = s.trimStart();
  if (t.length <= n) return t;
  const cut = t.slice(0, n + 1);
  const space = cut.lastIndexOf(" ");
  return space > 0 ? cut.slice(0, space) : cut.slice(0, n);
}

/** About `n` characters either side of `at` in `s`, cut at word boundaries. */
function around(s: string, at: number, n: number): string {
  let start = Math.max(0, at - n);
  if (start > 0 && /\S/.test(s[start - 1]!)) { const sp = s.slice(start, at).search(/\s/); if (sp >= 0) start += sp + 1; }
  let end = Math.min(s.length, at + n);
  if (end < s.length && /\S/.test(s[end]!)) { const sp = s.slice(at, end).lastIndexOf(" "); if (sp > 0) end = at + sp; }
  return s.slice(start, end).trim();
}
