import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SECTIONS } from "@/scripts/bench/sections";

describe("docs/BENCHMARKS.md", () => {
  const docs = readFileSync(path.resolve(__dirname, "../../../docs/BENCHMARKS.md"), "utf8");
  it.each(SECTIONS.map((s) => [s.id, s] as const))("documents every key of section %s (npm run bench -- --keys prints the table)", (_id, section) => {
    for (const [key, meaning] of Object.entries(section.keys)) expect(docs, key).toContain(`| \`${key}\` | ${meaning.replace(/\|/g, "\\|")} |`);
  });
});
