/**
 * The yardstick pages for the reading page: (a) Next's own prerendered page of the same
 * HTML byte size (app/bench-static/[bytes], filler text), served by the same server, and
 * (b) the same HTML sent by a bare Node server (another process, so it does not share the
 * load generator's event loop).
 */
import { trackChild } from "./children";
import { getBytes as get } from "./http";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface StaticPage {
  path: string;
  bytes: number;
  /** Why we believe Next serves it prerendered: its cache headers and first vs cached timing. */
  evidence: string;
}

/**
 * Find the filler length whose page is `targetBytes` of HTML (the page grows about two bytes
 * per filler byte: the text and the RSC payload that repeats it), then check that Next
 * serves it from its cache. Throws when it does not: the ratio against a page rendered on
 * every request would be meaningless (something made /bench-static dynamic).
 */
export async function staticPageOfSize(baseUrl: string, targetBytes: number): Promise<StaticPage> {
  const size = async (filler: number) => {
    const r = await get(`${baseUrl}/bench-static/${filler}`);
    if (r.status !== 200) throw new Error(`/bench-static/${filler} answered ${r.status} — is this a build with COLLOQUY_BENCH_PAGES=1?`);
    return r.body.length;
  };
  const probes = new Map<number, number>();
  const probe = async (filler: number) => {
    if (!probes.has(filler)) probes.set(filler, await size(filler));
    return probes.get(filler)!;
  };
  const a = 1000;
  const b = Math.max(2000, Math.round(targetBytes / 2));
  const slope = ((await probe(b)) - (await probe(a))) / (b - a);
  let filler = Math.max(1, Math.round(b + (targetBytes - (await probe(b))) / slope));
  for (let i = 0; i < 12; i++) {
    const s = await probe(filler);
    if (s === targetBytes) break;
    const step = Math.round((targetBytes - s) / slope) || Math.sign(targetBytes - s);
    if (probes.has(filler + step)) break; // oscillating around a size no filler length gives exactly
    filler = Math.max(1, filler + step);
  }
  const [best] = [...probes.entries()].sort((x, y) => Math.abs(x[1] - targetBytes) - Math.abs(y[1] - targetBytes));
  const pagePath = `/bench-static/${best![0]}`;

  const first = await get(`${baseUrl}${pagePath}`);
  const timings: number[] = [];
  let cached = first;
  for (let i = 0; i < 5; i++) {
    cached = await get(`${baseUrl}${pagePath}`);
    timings.push(cached.ms);
  }
  const cache = cached.headers.get("x-nextjs-cache");
  const control = cached.headers.get("cache-control") ?? "";
  if (cache !== "HIT" || !/s-maxage=\d+/.test(control)) {
    throw new Error(`${pagePath} is not served from Next's cache (x-nextjs-cache: ${cache}, cache-control: ${control}): something made /bench-static dynamic`);
  }
  return {
    path: pagePath,
    bytes: best![1],
    evidence: `x-nextjs-cache: ${cache}, cache-control: ${control}; ${Math.min(...timings).toFixed(1)} ms per cached GET`,
  };
}

export interface BareServer {
  url: string;
  stop(): Promise<void>;
}

const BARE_SERVER = `
const http = require("node:http");
const body = require("node:fs").readFileSync(process.argv[1]);
http.createServer((req, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
  res.end(body);
}).listen(0, "127.0.0.1", function () { console.log(this.address().port); });
`;

/** A bare Node HTTP server in its own process answering every GET with `html`. */
export async function startBareServer(html: Buffer): Promise<BareServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "colloquy-bench-bare-"));
  const file = path.join(dir, "page.html");
  writeFileSync(file, html);
  const child: ChildProcess = trackChild(spawn(process.execPath, ["-e", BARE_SERVER, file], { stdio: ["ignore", "pipe", "inherit"] }), dir);
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once("data", (d) => resolve(Number(String(d).trim())));
    child.once("exit", (code) => reject(new Error(`the bare Node server exited (${code})`)));
  });
  rmSync(dir, { recursive: true, force: true }); // read once at start
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}
