import type { BlockKind, RepairEntry } from "./types";

/** A block on its way through the pipeline. `text` may contain sentinels (see sentinel.ts)
 *  and "\n" for hard line breaks. */
export interface RawBlock {
  kind: BlockKind | "note" | "break";
  text: string;
  level?: number;
  /** For kind "note": the note's label as written in the source. */
  label?: string;
  /** For list items: the ordinal as written ("1.", "2)"), kept in the text of numbered items. */
  ordinal?: string;
  /** Set when this block was merged into another one (report entries follow the pointer). */
  mergedInto?: RawBlock;
  /** Hard-wrapped text whose last line runs to the right margin (a paragraph's last line rarely does). */
  fullWidth?: boolean;
  /** The block starts right after a page boundary (form feed, or a running header/page number removed). */
  afterBreak?: boolean;
  /** True when the parser knows this is a real heading / structure (markdown, html), not a guess. */
  explicit?: boolean;
}

export interface RawNote {
  label: string;
  text: string;
}

export interface RawMeta {
  title?: string | null;
  author?: string | null;
  source?: string | null;
  date?: string | null;
  /** Set when the opening lines are a memo header (TO:/FROM:/SUBJECT:). */
  memo?: { to?: string; from?: string };
}

export interface RawDoc {
  blocks: RawBlock[];
  /** Notes the parser recognised structurally (markdown footnote definitions, docx footnotes). */
  notes: RawNote[];
  /** Metadata the format declares (front matter, <title>, <meta name=author>). */
  meta: RawMeta;
}

interface PendingEntry {
  rule: string;
  block: RawBlock | null;
  before: string;
  after: string;
}

/** Collects repair entries; block references are resolved to final indices at the end. */
export class Report {
  private entries: PendingEntry[] = [];

  add(rule: string, block: RawBlock | null, before: string, after: string): void {
    this.entries.push({ rule, block, before: clip(before), after: clip(after) });
  }

  /** Record only the changed stretch of a long text, with a little context either side. */
  addDiff(rule: string, block: RawBlock | null, before: string, after: string, context = 30): void {
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start]) start++;
    let endB = before.length, endA = after.length;
    while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) { endB--; endA--; }
    const from = Math.max(0, start - context);
    const pre = from > 0 ? "…" : "";
    const postB = endB + context < before.length ? "…" : "";
    const postA = endA + context < after.length ? "…" : "";
    this.add(rule, block, pre + before.slice(from, endB + context) + postB, pre + after.slice(from, endA + context) + postA);
  }

  resolve(finalBlocks: RawBlock[]): RepairEntry[] {
    const index = new Map<RawBlock, number>();
    finalBlocks.forEach((b, i) => index.set(b, i));
    return this.entries.map((e) => {
      let b = e.block;
      while (b && b.mergedInto) b = b.mergedInto;
      const i = b ? index.get(b) : undefined;
      return { rule: e.rule, block: i ?? null, before: e.before, after: e.after };
    });
  }
}

function clip(s: string, max = 240): string {
  const t = s.replace(/[\uE000-\uE0FF]/g, (c) => (c === "\uE000" ? "[" : c === "\uE001" ? "]" : ""));
  return t.length > max ? t.slice(0, max - 1) + "…" : t;
}
