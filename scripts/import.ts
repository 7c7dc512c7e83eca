/**
 * Import a reading.
 *
 *   npx tsx scripts/import.ts FILE --dry-run [--json]
 *
 * --dry-run parses and repairs FILE and prints the result (with --json: exactly one JSON object on
 * stdout). Writing to the database (--course SLUG) and re-anchoring discussions against a previous
 * version (--previous OLD --anchors A.json) are not wired yet: the flags are parsed so they can be.
 * On failure: a one-line reason on stderr and a non-zero exit code.
 */
import { readFile, stat } from "node:fs/promises";
import { importDocument, ImportError } from "../lib/import/index";
import { textWithMarkers, type ImportedReading } from "../lib/import/types";

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

export async function dryRun(args: CliArgs, out: (s: string) => void): Promise<void> {
  const reading = await readReading(args.file!);
  out(args.json ? JSON.stringify(toDryRunJson(reading)) : summary(reading));
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
  if (!args.dryRun) {
    io.err("import: not yet wired: only --dry-run is implemented (database import with --course comes later)");
    return 2;
  }
  try {
    await dryRun(args, io.out);
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
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
