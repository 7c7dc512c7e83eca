/**
 * Every repair with an id can be undone: `importDocument(bytes, name, { skip: [id] })` leaves that place
 * as it was, reports everything else with the same ids, and the ids do not depend on the run.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importDocument } from "@/lib/import/index";
import type { ImportedReading, RepairEntry } from "@/lib/import/types";
import { importSeed, importText, seedBytes, seedFile, VARIANT_DIR, loadImporterOnce } from "./helpers/seeds";

loadImporterOnce();

const SEEDS = ["000", "001", "002", "003", "004"];

const norm = (s: string) => s.replace(/\s+/g, " ").trim();
/** A report excerpt without the ellipses `addDiff`/`clip` put around it. */
const core = (s: string) => norm(s.replace(/^…/, "").replace(/…$/, ""));
const ids = (r: ImportedReading) => r.report.map((e) => e.id).filter((id): id is string => !!id);

function occurrences(r: ImportedReading, text: string): number {
  let n = 0;
  for (const b of r.blocks) {
    const t = norm(b.text);
    for (let at = t.indexOf(text); at >= 0; at = t.indexOf(text, at + 1)) n++;
  }
  return n;
}

/** Two neighbouring blocks: one ending with `tail`, the next starting with `head`. */
function separated(r: ImportedReading, tail: string, head: string): boolean {
  return r.blocks.some((b, i) => norm(b.text).endsWith(tail) && !!r.blocks[i + 1] && norm(r.blocks[i + 1]!.text).startsWith(head));
}

const META_FIELDS = { "metadata-author": "author", "metadata-title": "title", "metadata-date": "date", "metadata-source": "source" } as const;

/** What undoing `e` must look like in `undone`, compared with the normal import `base`. */
function expectUndone(e: RepairEntry, base: ImportedReading, undone: ImportedReading): void {
  const what = `${e.rule} ${JSON.stringify(e.before.slice(0, 60))}`;
  if (e.rule === "join-page-break") {
    const [tail, head] = e.before.split(" ¶ ").map(norm) as [string, string];
    expect(separated(base, tail, head), `${what}: joined in the normal import`).toBe(false);
    expect(separated(undone, tail, head), `${what}: two blocks again`).toBe(true);
    return;
  }
  if (e.rule === "normalize-heading-level") {
    // undone, the head keeps a level of its own (deeper than the heads it was made equal to)
    const text = e.before.replace(/^level \d+: /, "");
    const level = (r: ImportedReading) => r.blocks.find((b) => b.kind === "heading" && b.text === text)?.level;
    expect(level(undone), `${what}: its own level again`).toBeGreaterThan(level(base)!);
    return;
  }
  if (e.rule === "mark-quote") {
    // (a long quote's text is clipped in the report)
    const asParagraph = (r: ImportedReading) => r.blocks.filter((b) => b.kind === "paragraph" && norm(b.text).startsWith(core(e.before))).length;
    expect(asParagraph(undone), `${what}: a paragraph again`).toBe(asParagraph(base) + 1);
    return;
  }
  if (e.rule === "promote-heading") {
    const asParagraph = (r: ImportedReading) => r.blocks.filter((b) => b.kind === "paragraph" && norm(b.text) === norm(e.before)).length;
    expect(asParagraph(undone), `${what}: a paragraph again`).toBe(asParagraph(base) + 1);
    return;
  }
  // everything else removed or rewrote text: the text as it was is back in the body (one more time
  // than in the normal import) — or, for metadata taken from a line that stays in the body anyway
  // (memo TO:, signature), the metadata is no longer taken from it.
  const back = occurrences(undone, core(e.before)) > occurrences(base, core(e.before));
  const field = META_FIELDS[e.rule as keyof typeof META_FIELDS];
  const metaChanged = !!field && undone[field] !== base[field];
  expect(back || metaChanged, `${what}: undone`).toBe(true);
}

/**
 * A repair may legitimately disappear when the skipped one changes what it sees:
 * - a page-break join whose halves now have the restored text between them (the skipped repair sits
 *   in the joined block);
 * - a repair of the same block that needs its markup cleaned (a note definition "<sup>2</sup>History …"
 *   is one only once the markup is gone);
 * - a line that is still repaired, under another rule (the "More by" line becomes the author once the
 *   author bio is kept).
 */
function dependsOn(other: RepairEntry, skipped: RepairEntry, undone: ImportedReading): boolean {
  // a note recovered from OCR completes the sequence of the notes after it: undoing one of those (or
  // the markup that makes it one) takes the recovery, and the recovered note's move, with it — and
  // undoing the recovery takes the recovered note's move
  const recovery = (e: RepairEntry) => e.rule === "recover-note-marker" || (e.rule === "move-note" && /^['’‘`|lI1!]\p{Lu}/u.test(e.before));
  if (recovery(other) && (recovery(skipped) || skipped.rule === "move-note" || skipped.rule === "clean-markup")) return true;
  const sameBlock = other.block !== null && other.block === skipped.block;
  if (sameBlock && (other.rule === "join-page-break" || skipped.rule === "clean-markup")) return true;
  return undone.report.some((e) => e.before === other.before && e.rule !== other.rule);
}

const bases = Object.fromEntries(await Promise.all(SEEDS.map(async (id) => [id, await importSeed(id)] as const)));
const undoable = SEEDS.flatMap((seed) => bases[seed]!.report.filter((e) => e.id).map((e) => [seed, e] as const));

const skipping = (seed: string, skip: string[]) => importDocument(seedBytes(seed), seedFile(seed), { skip });

describe.each(SEEDS)("seed %s: repair ids", (seed) => {
  it("are deterministic across runs and unique", async () => {
    const base = bases[seed]!;
    const again = await importDocument(seedBytes(seed), seedFile(seed));
    expect(ids(base).length).toBeGreaterThan(0);
    expect(ids(again)).toEqual(ids(base));
    expect(new Set(ids(base)).size).toBe(ids(base).length);
  });

  it("skipping nothing (or an unknown id) changes nothing", async () => {
    const base = bases[seed]!;
    expect(await skipping(seed, [])).toEqual(base);
    expect(await importDocument(seedBytes(seed), seedFile(seed), { skip: new Set(["no-such-rule:0"]) })).toEqual(base);
  });

  it("every entry that removes text says what it removed and where", () => {
    const base = bases[seed]!;
    for (const e of base.report) {
      if (!e.id || e.rule.startsWith("metadata-") || e.after !== "") continue;
      expect(e.before, `${e.rule} has its text`).not.toBe("");
      if (e.block !== null) expect(e.block).toBeLessThan(base.blocks.length);
    }
  });
});

describe("undoing one repair", () => {
  it.each(undoable.map(([seed, e], i) => [seed, `${i} ${e.rule} ${JSON.stringify(e.before.slice(0, 50))}`, e] as const))(
    "seed %s: %s",
    async (seed, _name, e) => {
      const base = bases[seed]!;
      const undone = await skipping(seed, [e.id!]);
      expect(ids(undone)).not.toContain(e.id);
      expectUndone(e, base, undone);
      const survivors = new Set(ids(undone));
      for (const other of base.report) {
        if (!other.id || other.id === e.id || survivors.has(other.id)) continue;
        expect(dependsOn(other, e, undone), `${other.rule} ${JSON.stringify(other.before.slice(0, 60))} lost its id`).toBe(true);
      }
    },
  );
});

describe("undo, by example", () => {
  it("002: undoing a page-break join leaves '…is potentially' and 'a political power…' as two blocks", async () => {
    const base = bases["002"]!;
    const join = base.report.find((e) => e.rule === "join-page-break" && e.before.includes("is potentially ¶ a political power"))!;
    expect(join.id).toBeTruthy();
    const undone = await skipping("002", [join.id!]);
    const i = undone.blocks.findIndex((b) => b.text.endsWith("forced industrialization is potentially"));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(undone.blocks[i + 1]!.text).toMatch(/^a political power of a magnitude/);
    expect(undone.blocks.length).toBe(base.blocks.length + 1);
  });

  it("004: undoing one of the 27 SECRET banner removals brings back exactly one SECRET block, where it stood", async () => {
    const base = bases["004"]!;
    const banners = base.report.filter((e) => e.rule === "drop-classification-banner");
    expect(banners.length).toBe(27);
    for (const e of banners) {
      expect(e.before).toBe("SECRET");
      expect(e.block).not.toBeNull();
    }
    expect(new Set(banners.map((e) => e.id)).size).toBe(27);
    const last = banners[banners.length - 1]!;
    const undone = await skipping("004", [last.id!]);
    expect(undone.blocks.filter((b) => b.text === "SECRET")).toHaveLength(1);
    expect(undone.report.filter((e) => e.rule === "drop-classification-banner")).toHaveLength(26);
    // every other banner keeps its id
    expect(ids(undone)).toEqual(expect.arrayContaining(banners.slice(0, -1).map((e) => e.id)));
  });

  it("000: undoing the title keeps the title line in the body and leaves the title empty", async () => {
    const base = bases["000"]!;
    const title = base.report.find((e) => e.rule === "metadata-title")!;
    const undone = await skipping("000", [title.id!]);
    expect(undone.blocks.some((b) => b.text === "The Great Flight From Stalinism")).toBe(true);
    expect(undone.author).toBe(base.author);
    expect(undone.source).toBe(base.source);
  });

  it("001: undoing a note move keeps the note text as a block and the other notes linked", async () => {
    const base = bases["001"]!;
    const note = base.report.find((e) => e.rule === "move-note" && e.before.startsWith("[3]"))!;
    const undone = await skipping("001", [note.id!]);
    expect(undone.blocks.some((b) => b.text.startsWith("[3] See, for instance, my Stalin"))).toBe(true);
    expect(undone.notes.map((n) => n.label)).toEqual(["1", "2", "4"]);
  });

  it("skips several repairs at once (a Set works as well as an array)", async () => {
    const base = bases["004"]!;
    const joins = base.report.filter((e) => e.rule === "join-page-break").map((e) => e.id!);
    const undone = await importDocument(seedBytes("004"), seedFile("004"), { skip: new Set(joins) });
    expect(undone.report.some((e) => e.rule === "join-page-break")).toBe(false);
    expect(undone.blocks.length).toBe(base.blocks.length + joins.length);
  });

  it("plain text: an undone running header comes back as a block of its own", async () => {
    const page = (n: number, body: string) => `THE REPORTER ${n}\n\n${body}\n`;
    const text = [
      page(1, "The first page of a reading that runs on for a while and then ends properly."),
      page(2, "The second page carries on with another full sentence about the matter."),
      page(3, "The third page closes the argument with a last sentence of its own."),
    ].join("\f");
    const base = await importText(text);
    const headers = base.report.filter((e) => e.rule === "drop-running-header");
    expect(headers.map((e) => e.before)).toEqual(["THE REPORTER 1", "THE REPORTER 2", "THE REPORTER 3"]);
    for (const e of headers) expect(e.block).not.toBeNull();
    const undone = await importDocument(new TextEncoder().encode(text), "reading.txt", { skip: [headers[1]!.id!] });
    const i = undone.blocks.findIndex((b) => b.text === "THE REPORTER 2");
    expect(i).toBeGreaterThan(0);
    expect(undone.blocks[i + 1]!.text).toMatch(/^The second page/);
    expect(ids(undone)).toEqual(expect.arrayContaining([headers[0]!.id, headers[2]!.id]));
  });
});

describe("the same in every format (the seeds as HTML, DOCX, PDF, wrapped text, Markdown)", () => {
  const files = readdirSync(VARIANT_DIR).filter((f) => !f.endsWith(".json")).sort();
  const read = (f: string, skip?: string[]) => importDocument(new Uint8Array(readFileSync(path.join(VARIANT_DIR, f))), f, skip ? { skip } : {});

  it.each(files)("%s: stable ids; each one, skipped, is gone and nothing else breaks", async (f) => {
    const base = await read(f);
    expect(ids(await read(f))).toEqual(ids(base));
    expect(new Set(ids(base)).size).toBe(ids(base).length);
    // the first of each rule, and a few more spread over the document (every id would take seconds per file)
    const all = ids(base);
    const sample = new Set([...new Map(base.report.filter((e) => e.id).map((e) => [e.rule, e.id!])).values()]);
    for (let i = 0; i < all.length; i += Math.max(1, Math.ceil(all.length / 6))) sample.add(all[i]!);
    for (const id of sample) {
      const undone = await read(f, [id]);
      expect(ids(undone)).not.toContain(id);
      expect(undone.blocks.length).toBeGreaterThan(0);
    }
  }, 20_000);
});
