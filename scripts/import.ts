/**
 * Import a reading.
 *
 *   npx tsx scripts/import.ts FILE --dry-run [--json]
 *
 * --dry-run parses and repairs FILE and prints the result (with --json: exactly one JSON object on
 * stdout). --course SLUG (without --dry-run) publishes it as a new reading of that course, through
 * DATABASE_URL or the embedded database — shared with a running `npm start` when there is one.
 * --previous OLD --anchors A.json adds "anchors": where each comment of A.json (paragraphs numbered
 * as OLD imports) would land in FILE, null for Detached — the same engine the app uses.
 * On failure: a one-line reason on stderr and a non-zero exit code.
 */
import { readFile, stat } from "node:fs/promises";
import { importDocument, ImportError } from "../lib/import/index";
import { textWithMarkers, type ImportedReading } from "../lib/import/types";
import { reanchor, type AnchorBlock, type CommentAnchor } from "../lib/anchoring";

export interface CliArgs {
  file: string | null;
  dryRun: boolean;
  json: boolean;
  course: string | null;
  previous: string | null;
  anchors: string | null;
  help: boolean;
}

export class UsageError extends Error {}

const USAGE = "usage: tsx scripts/import.ts FILE --dry-run [--json] | FILE --course SLUG [--previous OLD --anchors A.json]";

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { file: null, dryRun: false, json: false, course: null, previous: null, anchors: null, help: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.match(/^(--[a-z-]+)=(.*)$/);
    const flag = eq ? eq[1]! : a;
    const inline = eq ? eq[2]! : null;
    switch (flag) {
      case "--dry-run": args.dryRun = true; break;
      case "--json": args.json = true; break;
      case "-h": case "--help": args.help = true; break;
      case "--course": args.course = inline ?? value(i++, flag); break;
      case "--previous": args.previous = inline ?? value(i++, flag); break;
      case "--anchors": args.anchors = inline ?? value(i++, flag); break;
      default:
        if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
        if (args.file) throw new UsageError(`one file at a time (got ${args.file} and ${a})`);
        args.file = a;
    }
  }
  if (!args.help && !args.file) throw new UsageError("no file given");
  if ((args.previous === null) !== (args.anchors === null)) throw new UsageError("--previous and --anchors go together");
  return args;
}

/** The dry-run JSON shape (stable: tests and the lead's tooling read it). */
export interface DryRunJson {
  title: string | null;
  author: string | null;
  source: string | null;
  date: string | null;
  blocks: { kind: string; text: string }[];
  notes: { label: string; text: string }[];
  report: { rule: string; block: number | null; before: string; after: string }[];
}

export function toDryRunJson(r: ImportedReading): DryRunJson {
  return {
    title: r.title,
    author: r.author,
    source: r.source,
    date: r.date,
    blocks: r.blocks.map((b) => ({ kind: b.kind, text: textWithMarkers(b) })),
    notes: r.notes.map((n) => ({ label: n.label, text: n.text })),
    report: r.report.map((e) => ({ rule: e.rule, block: e.block, before: e.before, after: e.after })),
  };
}

export async function readReading(file: string): Promise<ImportedReading> {
  const info = await stat(file).catch(() => null);
  if (!info || !info.isFile()) throw new UsageError(`no such file: ${file}`);
  const bytes = new Uint8Array(await readFile(file));
  return importDocument(bytes, file);
}

function summary(r: ImportedReading): string {
  const lines = [
    `title:  ${r.title ?? "—"}`,
    `author: ${r.author ?? "—"}`,
    `source: ${r.source ?? "—"}`,
    `date:   ${r.date ?? "—"}`,
    `format: ${r.format}; ${r.blocks.length} blocks, ${r.notes.length} notes, ${r.report.length} repairs`,
    "",
  ];
  r.blocks.forEach((b, i) => lines.push(`${String(i).padStart(4)} ${b.kind.padEnd(9)} ${textWithMarkers(b)}`));
  if (r.notes.length) lines.push("", "notes:", ...r.notes.map((n) => `  [${n.label}] ${n.text}`));
  return lines.join("\n");
}

/** Number the commentable blocks (paragraphs, quotes, list items) as the app does. */
function numbered(r: ImportedReading): { block: AnchorBlock; number: number | null }[] {
  let n = 0;
  return r.blocks.map((b, i) => ({ block: { id: `b${i}`, text: b.text, commentable: b.kind !== "heading" }, number: b.kind === "heading" ? null : ++n }));
}

interface AnchorInput {
  id: string;
  paragraph: number;
  quote?: string;
  prefix?: string;
  suffix?: string;
}

/** Where each comment of `anchorsFile` (anchored in `previous`) lands in `current`. */
export async function landAnchors(previous: ImportedReading, current: ImportedReading, anchorsFile: string) {
  const raw = JSON.parse(await readFile(anchorsFile, "utf8").catch(() => { throw new UsageError(`no such file: ${anchorsFile}`); })) as unknown;
  if (!Array.isArray(raw)) throw new UsageError(`${anchorsFile} must hold a JSON list of {id, paragraph, quote?, prefix?, suffix?}`);
  const before = numbered(previous);
  const after = numbered(current);
  const byNumber = new Map(before.filter((b) => b.number !== null).map((b) => [b.number!, b.block]));
  const comments: CommentAnchor[] = [];
  const unknown = new Set<string>();
  for (const item of raw as AnchorInput[]) {
    const id = String(item?.id);
    const block = byNumber.get(Number(item?.paragraph));
    if (!block) {
      unknown.add(id); // its paragraph does not exist in OLD: nothing to follow
      continue;
    }
    const anchor: CommentAnchor = { id, blockId: block.id };
    if (typeof item.quote === "string" && item.quote) {
      anchor.quote = item.quote;
      anchor.prefix = item.prefix ?? "";
      anchor.suffix = item.suffix ?? "";
      const at = block.text.indexOf(item.quote);
      if (at >= 0) {
        anchor.start = at;
        anchor.end = at + item.quote.length;
      }
    }
    comments.push(anchor);
  }
  const placements = new Map(reanchor(before.map((b) => b.block), after.map((b) => b.block), comments).map((p) => [p.id, p]));
  const numberOf = new Map(after.map((b) => [b.block.id, b.number]));
  return (raw as AnchorInput[]).map((item) => {
    const id = String(item?.id);
    const p = unknown.has(id) ? undefined : placements.get(id);
    return { id: item?.id, paragraph: p && p.status === "attached" ? (numberOf.get(p.blockId) ?? null) : null };
  });
}

export async function dryRun(args: CliArgs, out: (s: string) => void): Promise<void> {
  const reading = await readReading(args.file!);
  const json: DryRunJson & { anchors?: unknown } = toDryRunJson(reading);
  if (args.previous && args.anchors) json.anchors = await landAnchors(await readReading(args.previous), reading, args.anchors);
  if (args.json) out(JSON.stringify(json));
  else {
    out(summary(reading));
    if (json.anchors) out("\nanchors:\n" + (json.anchors as { id: unknown; paragraph: number | null }[]).map((a) => `  ${a.id} → ${a.paragraph ?? "Detached"}`).join("\n"));
  }
}

/** Publish FILE as a new reading of course SLUG. */
async function importIntoCourse(args: CliArgs, io: CliIo): Promise<void> {
  const reading = await readReading(args.file!);
  const { withDatabase } = await import("./lib/database");
  const { applyMigrations } = await import("./lib/migrations");
  await withDatabase({ quiet: true, shareRunning: true }, async (url) => {
    await applyMigrations(url);
    const { createClient } = await import("../lib/db");
    const { storeReading } = await import("../lib/readings/store-reading");
    const db = createClient(url);
    try {
      const course = await db.course.findUnique({ where: { slug: args.course! }, select: { id: true, slug: true } });
      if (!course) throw new UsageError(`no course with the slug "${args.course}" (see the course's URL: /courses/SLUG)`);
      const stored = await storeReading(db, { courseId: course.id, imported: reading, title: reading.title ?? args.file!.replace(/^.*\//, "").replace(/\.[^.]+$/, "") });
      const summaryLine = `imported "${stored.title}" into ${course.slug}: /courses/${course.slug}/readings/${stored.slug} (${reading.blocks.length} blocks, ${reading.notes.length} notes, ${reading.report.length} repairs)`;
      io.out(args.json ? JSON.stringify({ ...toDryRunJson(reading), course: course.slug, slug: stored.slug }) : summaryLine);
    } finally {
      await db.$disconnect();
    }
  });
}

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: CliIo = {
  out: (s) => void process.stdout.write(s + "\n"),
  err: (s) => void process.stderr.write(s + "\n"),
};

export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.err(`import: ${e instanceof Error ? e.message : String(e)} (${USAGE})`);
    return 64;
  }
  if (args.help) { io.out(USAGE); return 0; }
  if (!args.dryRun && !args.course) {
    io.err(`import: say --dry-run to preview, or --course SLUG to import into a course (${USAGE})`);
    return 64;
  }
  try {
    if (args.dryRun) await dryRun(args, io.out);
    else await importIntoCourse(args, io);
    return 0;
  } catch (e) {
    if (e instanceof ImportError) io.err(`import: ${e.code}: ${oneLine(e.message)}`);
    else if (e instanceof UsageError) io.err(`import: ${oneLine(e.message)}`);
    else io.err(`import: unexpected error: ${oneLine(e instanceof Error ? e.message : String(e))}`);
    return 1;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

const invokedDirectly = typeof require !== "undefined" && typeof module !== "undefined" && require.main === module;
if (invokedDirectly) {
  // Exit explicitly (a database pool would otherwise keep the process alive for seconds), but
  // only once stdout has been flushed: on a pipe, writes are asynchronous and exiting early
  // cut the JSON at 64 KB.
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    process.stdout.write("", () => process.exit(code));
  });
}
