import { readFileSync, readdirSync } from "node:fs";
import { importDocument } from "./lib/import/index";
import { textWithMarkers } from "./lib/import/types";
const seeds = "seed/readings/", vdir = "tests/fixtures/import/variants/";
const only = process.argv[2];
for (const file of readdirSync(seeds).filter((f) => f.endsWith(".txt")).sort()) {
  const id = file.slice(0, 3);
  const base = await importDocument(new Uint8Array(readFileSync(seeds + file)), file);
  const bt = base.blocks.map(textWithMarkers);
  for (const v of readdirSync(vdir).filter((f) => f.startsWith(id)).sort()) {
    if (only && !v.includes(only)) continue;
    try {
      const r = await importDocument(new Uint8Array(readFileSync(vdir + v)), v);
      const vt = r.blocks.map(textWithMarkers);
      let firstDiff = -1;
      for (let i = 0; i < Math.max(bt.length, vt.length); i++) if (bt[i] !== vt[i]) { firstDiff = i; break; }
      const meta = ["title","author","source","date"].filter((k) => (r as any)[k] !== (base as any)[k]).map((k) => `${k}: ${JSON.stringify((base as any)[k])} vs ${JSON.stringify((r as any)[k])}`);
      const notes = JSON.stringify(r.notes) === JSON.stringify(base.notes) ? "" : ` NOTES ${r.notes.length}/${base.notes.length}`;
      console.log(`${v.padEnd(24)} ${r.format.padEnd(8)} blocks ${vt.length}/${bt.length} ${firstDiff < 0 ? "SAME" : "DIFF@" + firstDiff}${notes} ${meta.join("; ")}`);
      if (firstDiff >= 0 && process.env.V) {
        const a = bt[firstDiff] ?? "", b = vt[firstDiff] ?? "";
        let k = 0; while (k < a.length && a[k] === b[k]) k++;
        console.log("   base:", JSON.stringify(a.slice(Math.max(0, k - 60), k + 80)), "\n   var: ", JSON.stringify(b.slice(Math.max(0, k - 60), k + 80)));
      }
    } catch (e) { console.log(v, "ERROR", (e as Error).message.slice(0, 300)); }
  }
}
