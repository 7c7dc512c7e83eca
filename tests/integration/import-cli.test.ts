import { describe, expect, test } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { db, makeUser, makeCourse } from "../support/db";
import { main } from "../../scripts/import";

const seed = (n: string) => path.resolve(__dirname, "../../seed/readings", n);

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run import -- FILE --course SLUG", () => {
  test("publishes the file as a reading of the course, with numbered paragraphs and linked notes", async () => {
    const teacher = await makeUser("CLI Teacher");
    const course = await makeCourse(teacher.id, "CLI course");
    const result = await run([seed("001_38c6f5d60c370e12.txt"), "--course", course.slug]);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/imported "Khrushchev on Stalin"/);
    const reading = await db.reading.findFirstOrThrow({
      where: { courseId: course.id },
      select: { title: true, author: true, blocks: { select: { number: true, noteRefs: true } }, notes: { select: { label: true } } },
    });
    expect(reading.title).toBe("Khrushchev on Stalin");
    expect(reading.author).toBe("Isaac Deutscher");
    expect(reading.notes.map((n) => n.label)).toEqual(["1", "2", "3", "4"]);
    expect(reading.blocks.filter((b) => b.noteRefs).length).toBeGreaterThanOrEqual(4);
    expect(reading.blocks.every((b) => b.number !== null)).toBe(true);
  });

  test("an unknown course is a one-line reason and a non-zero exit", async () => {
    const result = await run([seed("000_8930ef3612f48d03.txt"), "--course", "no-such-course"]);
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/no course with the slug "no-such-course"/);
    expect(result.err.split("\n")).toHaveLength(1);
  });
});

describe("--previous OLD --anchors A.json", () => {
  test("reports where each comment lands: typo-fixed passage and unchanged paragraphs follow, a deleted paragraph's comment is null", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "colloquy-anchors-"));
    const original = (await import("node:fs")).readFileSync(seed("000_8930ef3612f48d03.txt"), "utf8");
    const paras = original.split("\n\n");
    const i = paras.findIndex((p) => p.startsWith("This looked to be"));
    const edited = [...paras.slice(0, i + 1), ...paras.slice(i + 2)].join("\n\n").replace("Soviet pilgrimage", "Soviet pilgrimmage");
    writeFileSync(path.join(dir, "edited.txt"), edited);
    writeFileSync(
      path.join(dir, "anchors.json"),
      JSON.stringify([
        { id: "whole-1", paragraph: 1 },
        { id: "passage-2", paragraph: 2, quote: "Soviet pilgrimage to Belgrade", prefix: "purpose of the ", suffix: "; but it was" },
        { id: "deleted-3", paragraph: 3 },
        { id: "after-4", paragraph: 4 },
      ]),
    );
    const result = await run([path.join(dir, "edited.txt"), "--dry-run", "--json", "--previous", seed("000_8930ef3612f48d03.txt"), "--anchors", path.join(dir, "anchors.json")]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as { anchors: { id: string; paragraph: number | null }[] };
    expect(json.anchors).toEqual([
      { id: "whole-1", paragraph: 1 },
      { id: "passage-2", paragraph: 2 },
      { id: "deleted-3", paragraph: null },
      { id: "after-4", paragraph: 3 },
    ]);
  });
});
