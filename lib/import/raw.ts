import type { BlockKind, RepairEntry } from "./types";

/** A block on its way through the pipeline. `text` may contain sentinels (see sentinel.ts)
 *  and "\n" for hard line breaks. */
export interface RawBlock {
  kind: BlockKind | "note" | "break";
  text: string;
  level?: number;
  /** For kind "note": the note's label as written in the source. */
  label?: string;
  /** For list items: the ordinal as written ("1.", "2)"), kept in the text of numbered items; for a
   *  note found at a page's foot or recovered from OCR, its label as written ("1. ", "'"), given back
   *  (in front of the text) if the move is undone. */
  ordinal?: string;
  /** Set when this block was merged into another one (report entries follow the pointer). */
  mergedInto?: RawBlock;
  /** Hard-wrapped text whose last line runs to the right margin (a paragraph's last line rarely does). */
  fullWidth?: boolean;
  /** The block starts right after a page boundary (form feed, or a running header/page number removed). */
  afterBreak?: boolean;
  /** True when the parser knows this is a real heading / structure (markdown, html), not a guess. */
  explicit?: boolean;
  /** An element of a marked-up document (an HTML paragraph, list item …), not a line of text: it stood on no
   *  page, so it is never a running head however often its words repeat ("War Song." in a list of songs). */
  markup?: boolean;
  /** The text as the parser produced it, before any repair: what repair ids are computed from. */
  source?: string;
  /** For a block other blocks were joined onto: the `source` of the last piece joined (ids of later joins). */
  tailSource?: string;
  /** The user undid the repair that removed this block: no later rule removes, consumes or joins it. */
  keep?: boolean;
  /** Paged sources (text with page breaks, PDF): the page its first and last lines stand on (0-based). */
  page?: number;
  pageEnd?: number;
  /** The user undid the join of this block to the one before it (a page turn): no rule joins them. */
  unjoined?: boolean;
  /** The user undid reading this block as a quotation: no rule makes it one. */
  notQuote?: boolean;
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
  /** A web page's <title> without the site name: the title when the text itself yields none. */
  pageTitle?: { title: string; raw: string } | null;
  /** Set when the opening lines are a memo header (TO:/FROM:/SUBJECT:). */
  memo?: { from?: string };
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
  id?: string;
  /** For text removed from the body: the block it stood in or next to (see Report.resolve). */
  near?: RawBlock;
  /** For a line removed before blocks existed: its line index (bound to a block by `bindLines`). */
  line?: number;
}

export interface AddOptions {
  /** The id from `Report.id` (only repairs that can be undone have one). */
  id?: string;
  /** The removed block, or the block the removed text stood in (resolved to the nearest surviving block). */
  near?: RawBlock;
  /** The removed line's index (parse/text.ts binds it to a block). */
  line?: number;
}

/**
 * Collects repair entries; block references are resolved to final indices at the end.
 *
 * Undo: every repair that can be undone gets an id from `id(rule, subject)`: a hash of the rule, the
 * full text the repair acts on (its `source`, as the parser produced it, wherever there is one) and an
 * occurrence counter for identical (rule, subject) pairs. A rule asks `skips(id)` before it applies the
 * repair and, when the user undid it, leaves the text/structure as it was. The counter advances for
 * skipped repairs too, so skipping one repair never renumbers the others.
 */
export class Report {
  private entries: PendingEntry[] = [];
  private readonly skipped: ReadonlySet<string>;
  private readonly seen = new Map<string, number>();

  constructor(skip?: ReadonlySet<string> | Iterable<string>) {
    this.skipped = skip instanceof Set ? skip : new Set(skip ?? []);
  }

  /** The id of the next repair `rule` makes on `subject`. Call once per proposed repair, in document order. */
  id(rule: string, subject: string): string {
    const key = rule + "\u0000" + subject;
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    return `${rule}:${hash(key + "\u0000" + n)}`;
  }

  /** Did the user undo this repair? Then the rule must leave the text as it was and not report it. */
  skips(id: string | undefined): boolean {
    return id !== undefined && this.skipped.has(id);
  }

  add(rule: string, block: RawBlock | null, before: string, after: string, opts: AddOptions = {}): void {
    this.entries.push({ rule, block, before: clip(before), after: clip(after), ...opts });
  }

  /** Record only the changed stretch of a long text, with a little context either side. */
  addDiff(rule: string, block: RawBlock | null, before: string, after: string, opts: AddOptions & { context?: number } = {}): void {
    const context = opts.context ?? 30;
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start]) start++;
    let endB = before.length, endA = after.length;
    while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) { endB--; endA--; }
    const from = Math.max(0, start - context);
    const pre = from > 0 ? "…" : "";
    const postB = endB + context < before.length ? "…" : "";
    const postA = endA + context < after.length ? "…" : "";
    this.add(rule, block, pre + before.slice(from, endB + context) + postB, pre + after.slice(from, endA + context) + postA, { id: opts.id, near: opts.near });
  }

  /** Attach line-level removals to blocks once the parser has built them. */
  bindLines(blockAt: (line: number) => RawBlock | undefined): void {
    for (const e of this.entries) {
      if (e.line === undefined || e.near) continue;
      e.near = blockAt(e.line);
    }
  }

  /**
   * `finalBlocks`: the surviving blocks in order. `order`: every block the parser produced, in document
   * order; an entry `near` a removed block points at the next surviving block (or, at the end, the one
   * before it).
   */
  resolve(finalBlocks: RawBlock[], order: RawBlock[] = []): RepairEntry[] {
    const index = new Map<RawBlock, number>();
    finalBlocks.forEach((b, i) => index.set(b, i));
    const finalIndex = (block: RawBlock | null | undefined): number | undefined => {
      let b = block;
      while (b && b.mergedInto) b = b.mergedInto;
      return b ? index.get(b) : undefined;
    };
    const position = new Map<RawBlock, number>();
    order.forEach((b, i) => position.set(b, i));
    const nearest = (block: RawBlock): number | undefined => {
      const own = finalIndex(block);
      if (own !== undefined) return own;
      const at = position.get(block);
      if (at === undefined) return undefined;
      for (let i = at + 1; i < order.length; i++) { const f = finalIndex(order[i]); if (f !== undefined) return f; }
      for (let i = at - 1; i >= 0; i--) { const f = finalIndex(order[i]); if (f !== undefined) return f; }
      return undefined;
    };
    return this.entries.map((e) => {
      // a block that did not survive (moved to the notes, say) points at its nearest surviving neighbour
      const i = e.block ? nearest(e.block) : e.near ? nearest(e.near) : undefined;
      const entry: RepairEntry = { rule: e.rule, block: i ?? null, before: e.before, after: e.after };
      if (e.id) entry.id = e.id;
      return entry;
    });
  }
}

function clip(s: string, max = 240): string {
  const t = s.replace(/[\uE000-\uE0FF]/g, (c) => (c === "\uE000" ? "[" : c === "\uE001" ? "]" : ""));
  return t.length > max ? t.slice(0, max - 1) + "…" : t;
}

/** cyrb53: a fast, well-mixed 53-bit string hash (base 36, ≤ 11 characters). Not cryptographic. */
function hash(s: string): string {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
