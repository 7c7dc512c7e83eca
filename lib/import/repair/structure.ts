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

/**
 * Section heads of one rank at one level. Scans and conversions give heads of the same rank different
 * levels (002: "#", "####", "##" for heads that all divide the essay into sections). A deeper head is
 * a subsection when its level is one below its parent's and the parent's section is divided into
 * several subsections, or the subsection follows its parent head directly ("Part I" / "Chapter 1").
 * A head two or more levels below the head before it (no typeset text jumps from a section to a
 * sub-sub-section), or the only one under its parent with text between them, is a head of the
 * parent's rank set at the wrong level: it takes the parent's level (reported, undoable). Then the
 * levels in use are renumbered from 2 down (the reading's title is the page's level 1), reported once.
 */
export function normalizeHeadingLevels(blocks: RawBlock[], report: Report): void {
  const heads = () => blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.kind === "heading");
  const levelOf = (b: RawBlock) => b.level ?? 2;
  const kept = new Set<RawBlock>(); // heads whose change the user undid: each is proposed once
  for (let changed = true; changed; ) {
    changed = false;
    const hs = heads();
    const top = Math.min(...hs.map(({ b }) => levelOf(b)));
    for (const level of [...new Set(hs.map(({ b }) => levelOf(b)))].sort((x, y) => y - x)) {
      if (level <= top) break;
      // the heads at this level, grouped under the nearest shallower head before each (its parent)
      const groups = new Map<number, RawBlock[]>();
      for (const h of hs) {
        if (levelOf(h.b) !== level) continue;
        const parent = [...hs].reverse().find((p) => p.i < h.i && levelOf(p.b) < level);
        if (parent) groups.set(parent.i, [...(groups.get(parent.i) ?? []), h.b]);
      }
      for (const [p, kids] of groups) {
        const parentLevel = levelOf(blocks[p]!);
        const skips = parentLevel <= level - 2;
        const onlyChild = kids.length === 1 && blocks.indexOf(kids[0]!) > p + 1;
        if (!skips && !onlyChild) continue;
        for (const kid of kids) {
          if (kept.has(kid)) continue;
          const id = report.id("normalize-heading-level", kid.source ?? kid.text);
          if (report.skips(id)) { kept.add(kid); continue; } // undone: it keeps its level
          report.add("normalize-heading-level", kid, `level ${levelOf(kid)}: ${plain(kid.text)}`, `level ${parentLevel}: ${plain(kid.text)}`, { id });
          kid.level = parentLevel;
          changed = true;
        }
      }
      if (changed) break;
    }
  }
  const used = [...new Set(heads().map(({ b }) => levelOf(b)))].sort((x, y) => x - y);
  const renumber = new Map(used.map((l, k) => [l, Math.min(6, k + 2)]));
  if (used.every((l) => renumber.get(l) === l)) return;
  for (const { b } of heads()) b.level = renumber.get(levelOf(b))!;
  report.add("renumber-heading-levels", null, `levels ${used.join(", ")}`, `levels ${used.map((l) => renumber.get(l)).join(", ")}`);
}
