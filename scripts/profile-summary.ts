/** Summarise a V8 .cpuprofile: top self times by function and by package/file, and
 *  total (inclusive) time of chosen functions. `tsx scripts/profile-summary.ts FILE [n]` */
import { readFileSync } from "node:fs";

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[]; hitCount?: number }
const file = process.argv[2]!;
const top = Number(process.argv[3] ?? 30);
const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const where = (n: Node) => {
  const url = n.callFrame.url.replace(/^file:\/\//, "");
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.includes(".next-e2e/server/chunks")) return `app-chunk:${url.split("/").pop()}`;
  return url ? url.split("/").slice(-2).join("/") : `(${n.callFrame.functionName || "native"})`;
};
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const idle = [...selfUs].filter(([id]) => ["(idle)", "(program)"].includes(byId.get(id)!.callFrame.functionName)).reduce((a, [, v]) => a + v, 0);
console.log(`sampled ${(total / 1e6).toFixed(2)} s, idle ${(idle / 1e6).toFixed(2)} s, busy ${((total - idle) / 1e6).toFixed(2)} s`);
const agg = (key: (n: Node) => string) => {
  const m = new Map<string, number>();
  for (const [id, us] of selfUs) { const n = byId.get(id)!; if (n.callFrame.functionName === "(idle)") continue; m.set(key(n), (m.get(key(n)) ?? 0) + us); }
  return [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
};
const busy = total - idle;
console.log("\n-- self time by function");
for (const [k, v] of agg((n) => `${n.callFrame.functionName || "(anon)"} ${where(n)}:${n.callFrame.lineNumber}`)) console.log(`${(v / 1e3).toFixed(0).padStart(7)} ms ${((100 * v) / busy).toFixed(1).padStart(5)} %  ${k}`);
console.log("\n-- self time by package / file");
for (const [k, v] of agg(where)) console.log(`${(v / 1e3).toFixed(0).padStart(7)} ms ${((100 * v) / busy).toFixed(1).padStart(5)} %  ${k}`);
// Inclusive time for frames whose name matches the patterns (each sample counted once per pattern).
const patterns = (process.env.TOTALS ?? "").split(",").filter(Boolean);
if (patterns.length) {
  console.log("\n-- total (inclusive) time");
  for (const p of patterns) {
    const re = new RegExp(p);
    let us = 0;
    for (const [id, t] of selfUs) {
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const n = byId.get(cur)!;
        if (re.test(`${n.callFrame.functionName} ${n.callFrame.url}`)) { us += t; break; }
      }
    }
    console.log(`${(us / 1e3).toFixed(0).padStart(7)} ms ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${p}`);
  }
}
