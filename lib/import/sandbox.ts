/**
 * The import sandbox: every upload is read in a worker thread of its own with a heap cap
 * (`resourceLimits`) and a time limit, so the worst file fails alone — a heap exhausted or
 * a deadline passed ends that thread, and the server's heap and event loop never see the
 * work. Re-anchoring an edited reading's comments runs here too (CPU, same reasons).
 *
 * The worker runs a bundle that esbuild makes on first use (and again whenever a source
 * file is newer), kept in node_modules/.cache/colloquy so that its package imports
 * (mammoth, pdf.js, tesseract.js) resolve from the project's node_modules: ./sandbox-worker.ts
 * for an import, ./sandbox-plan-worker.ts (lib/anchoring only, so a thread starts in a
 * fraction of the time) for re-anchoring. This works the same under `next start`, Vitest
 * and tsx scripts.
 *
 * Limits (environment): COLLOQUY_IMPORT_HEAP_MB (heap cap, default 1024),
 * COLLOQUY_IMPORT_TIMEOUT_S (reading a file, default 40), COLLOQUY_OCR_PAGE_TIMEOUT_S
 * (each scanned page, default 300: about 1 s when the machine is idle, much more when busy).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { Worker as WorkerType } from "node:worker_threads";
import { ImportError } from "./errors";
import type { SandboxMessage, SandboxTask } from "./sandbox-worker";
import type { ImportedReading, ImportProgress, OcrPageResult } from "./types";
import type { RevisionPlan, RevisionPlanInput } from "../anchoring/plan-revision";

function envSeconds(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export const SANDBOX = {
  heapMb: envSeconds("COLLOQUY_IMPORT_HEAP_MB", 1024),
  readTimeoutMs: envSeconds("COLLOQUY_IMPORT_TIMEOUT_S", 40) * 1000,
  ocrPageTimeoutMs: envSeconds("COLLOQUY_OCR_PAGE_TIMEOUT_S", 300) * 1000,
};

const root = () => process.env.COLLOQUY_ROOT ?? process.cwd();
const SOURCES = ["lib/import", "lib/anchoring"];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** The sandbox's worker entry points: an import, and re-anchoring an edit. */
const ENTRIES = { import: "lib/import/sandbox-worker.ts", plan: "lib/import/sandbox-plan-worker.ts" } as const;
export type WorkerBundle = keyof typeof ENTRIES;

let bundled: Promise<Record<WorkerBundle, string>> | null = null;

/** A worker bundle's path (the importer's unless asked), both (re)built with esbuild when
 *  missing or older than their sources. Asynchronous (esbuild runs as a child process), so
 *  the server's event loop never waits for it; the job runner calls it at start so the
 *  first import or edit does not either. */
export async function workerBundle(which: WorkerBundle = "import"): Promise<string> {
  bundled ??= buildWorkerBundles().catch((error: unknown) => {
    bundled = null;
    throw error;
  });
  return (await bundled)[which];
}

async function buildWorkerBundles(): Promise<Record<WorkerBundle, string>> {
  const base = root();
  const dir = path.join(base, "node_modules/.cache/colloquy");
  const names = Object.keys(ENTRIES) as WorkerBundle[];
  const out = Object.fromEntries(names.map((n) => [n, path.join(dir, `${path.basename(ENTRIES[n], ".ts")}.mjs`)])) as Record<WorkerBundle, string>;
  const sources = SOURCES.map((d) => path.join(base, d)).filter((d) => existsSync(d));
  const newest = sources.length === 0 ? 0 : Math.max(...sources.map(newestSource));
  if (names.every((n) => existsSync(out[n]) && statSync(out[n]).mtimeMs >= newest)) return out;
  const tmp = path.join(dir, `.build-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  // bin/esbuild is the native binary once installed (or a JS launcher with a shebang): run it as is.
  const esbuild = path.join(base, "node_modules/esbuild/bin/esbuild");
  const args = [
    ...names.map((n) => path.join(base, ENTRIES[n])),
    "--bundle",
    "--platform=node",
    "--format=esm",
    "--packages=external",
    "--log-level=error",
    `--tsconfig=${path.join(base, "tsconfig.json")}`,
    `--outdir=${tmp}`,
    "--out-extension:.js=.mjs",
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(esbuild, args, { cwd: base, stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`could not build the import sandbox: ${stderr || `esbuild exited ${code}`}`))));
    });
    // Each file renamed into place (atomic: several processes may build at once).
    for (const n of names) renameSync(path.join(tmp, path.basename(out[n])), out[n]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

/** The Worker class, taken so that bundlers leave it alone: Turbopack rewrites
 *  `new Worker(path)` from worker_threads into a lookup of one of its own chunks, which
 *  fails for a file it did not bundle (the sandbox bundle is built at run time). */
function WorkerClass(): typeof WorkerType {
  return process.getBuiltinModule("node:worker_threads").Worker;
}

export interface SandboxRunOptions {
  /** The time limit; `extend` (from onMessage) pushes it back, e.g. per scanned page. */
  timeoutMs: number;
  heapMb?: number;
  signal?: AbortSignal;
  onMessage?(message: SandboxMessage, extend: (ms: number) => void): void;
}

/** Run one task in a fresh worker; resolves with its result or rejects with an ImportError. */
export async function runInSandbox<T>(task: SandboxTask, options: SandboxRunOptions): Promise<T> {
  const file = await workerBundle(task.kind === "plan-revision" ? "plan" : "import");
  return new Promise<T>((resolve, reject) => {
    if (options.signal?.aborted) return reject(new ImportError("CANCELLED", "The import was cancelled."));
    const heapMb = options.heapMb ?? SANDBOX.heapMb;
    const Worker = WorkerClass();
    const worker = new Worker(file, {
      workerData: task,
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 48, stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    let timer: NodeJS.Timeout;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      void worker.terminate();
      fn();
    };
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new ImportError(
                "TOO_COMPLEX",
                `Reading this file took longer than ${Math.round(ms / 1000)} s, the limit for one import. It may be damaged or unusually built: save it again from its program (or as plain text) and upload that.`,
              ),
            ),
          ),
        ms,
      );
    };
    const onAbort = () => finish(() => reject(new ImportError("CANCELLED", "The import was cancelled.")));
    options.signal?.addEventListener("abort", onAbort);
    arm(options.timeoutMs);
    worker.on("message", (m: SandboxMessage) => {
      if (m.type === "done") finish(() => resolve(m.result as T));
      else if (m.type === "error") finish(() => reject(toImportError(m)));
      else options.onMessage?.(m, arm);
    });
    worker.on("error", (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new ImportError(
                "TOO_COMPLEX",
                `Reading this file needed more than ${heapMb} MB of memory, the limit for one import — far more than a reading needs. It may be damaged or built to overload the importer: save it again from its program (or as plain text) and upload that.`,
              )
            : toImportError({ type: "error", code: null, message: error.message, name: error.name }),
        ),
      ),
    );
    // An exit right after the answer: let the answer's message (already queued) settle it first.
    worker.on("exit", (code) => setTimeout(() => finish(() => reject(new Error(`the import sandbox exited (${code}) without an answer`))), 200));
  });
}

function toImportError(m: Extract<SandboxMessage, { type: "error" }>): Error {
  if (m.code) return new ImportError(m.code as ImportError["code"], m.message);
  if (m.name === "RangeError" && /call stack/i.test(m.message))
    return new ImportError("TOO_COMPLEX", "This file nests its structure too deeply to read (thousands of levels); real documents never do. Save it again from its program and upload that.");
  const error = new Error(m.message);
  error.name = m.name ?? "Error";
  return error;
}

export interface SandboxImportOptions {
  bytes: Uint8Array;
  fileName: string;
  skip?: string[];
  /** Recognise scanned pages (tesseract.js). */
  ocr?: boolean;
  /** Pages recognised by an earlier run of the same upload (key → result). */
  ocrCache?: Record<string, OcrPageResult>;
  signal?: AbortSignal;
  onProgress?(progress: ImportProgress): void;
  onOcrPage?(key: string, result: OcrPageResult): void;
}

/** importDocument, in the sandbox. */
export function importInSandbox(options: SandboxImportOptions): Promise<ImportedReading> {
  return runInSandbox<ImportedReading>(
    { kind: "import", bytes: options.bytes, fileName: options.fileName, skip: options.skip ?? [], ocr: options.ocr ?? false, ocrCache: options.ocrCache },
    {
      timeoutMs: SANDBOX.readTimeoutMs,
      signal: options.signal,
      onMessage(m, extend) {
        if (m.type === "progress") {
          // Each scanned page gets its own time budget; reading the rest keeps the first one.
          if (m.progress.stage === "ocr") extend(SANDBOX.ocrPageTimeoutMs);
          options.onProgress?.(m.progress);
        } else if (m.type === "ocr-page") options.onOcrPage?.(m.key, m.result);
      },
    },
  );
}

/** planRevision (re-anchoring), in the sandbox. */
export function planRevisionInSandbox(input: RevisionPlanInput, signal?: AbortSignal): Promise<RevisionPlan> {
  return runInSandbox<RevisionPlan>({ kind: "plan-revision", input }, { timeoutMs: 120_000, signal });
}
