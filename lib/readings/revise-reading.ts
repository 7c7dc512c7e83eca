import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { AppError, fieldErrors } from "@/lib/errors";
import { reanchor, matchBlocks, type AnchorBlock, type CommentAnchor, type Placement } from "@/lib/anchoring";
import { checkDraftConsistency, readingDraftSchema, type ReadingDraft } from "@/lib/validations/reading";
import { blockRows, numberBlocks } from "@/lib/readings/store-reading";
import { randomUUID } from "node:crypto";


export interface LandingView {
  commentId: string;
  author: string;
  excerpt: string;
  replies: number;
  from: number | null;
  to: number | null;
  how: string;
  reason?: string;
}

function parseDraft(input: unknown): ReadingDraft {
  const parsed = readingDraftSchema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", Object.values(fields)[0] ?? "Check the reading and try again.", fields);
  }
  const problem = checkDraftConsistency(parsed.data);
  if (problem) throw new AppError("INVALID_INPUT", problem);
  return parsed.data;
}

type Tx = Prisma.TransactionClient;

async function loadForRevision(tx: Tx, courseId: string, readingSlug: string, lock: boolean) {
  const reading = await tx.reading.findFirst({
    where: { courseId, slug: readingSlug },
    select: { id: true, slug: true, revision: true },
  });
  if (!reading) throw new AppError("NOT_FOUND", "This reading does not exist in this course.");
  // Serialise revisions of one reading (two instructors publishing at once).
  if (lock) await tx.$executeRaw`SELECT id FROM "Reading" WHERE id = ${reading.id} FOR UPDATE`;
  const blocks = await tx.block.findMany({
    where: { readingId: reading.id },
    orderBy: { position: "asc" },
    select: { id: true, text: true, kind: true, number: true },
  });
  // Threads move as a unit: anchor the roots; replies follow their root.
  const roots = await tx.comment.findMany({
    where: { readingId: reading.id, parentId: null, blockId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      blockId: true,
      body: true,
      quote: true,
      prefix: true,
      suffix: true,
      startOffset: true,
      endOffset: true,
      author: { select: { name: true } },
      _count: { select: { replies: true } },
    },
  });
  return { reading, blocks, roots };
}

function plan(draft: ReadingDraft, loaded: Awaited<ReturnType<typeof loadForRevision>>) {
  const oldBlocks: AnchorBlock[] = loaded.blocks.map((b) => ({ id: b.id, text: b.text, commentable: b.kind !== "HEADING" }));
  const newBlocks: AnchorBlock[] = draft.blocks.map((b, i) => ({ id: `new:${i}`, text: b.text, commentable: b.kind !== "heading" }));
  const anchors: CommentAnchor[] = loaded.roots.map((c) => ({
    id: c.id,
    blockId: c.blockId!,
    ...(c.quote ? { quote: c.quote, prefix: c.prefix ?? "", suffix: c.suffix ?? "", start: c.startOffset ?? undefined, end: c.endOffset ?? undefined } : {}),
  }));
  const placements = reanchor(oldBlocks, newBlocks, anchors);
  if (placements.length !== anchors.length) throw new Error("re-anchoring lost a comment: refusing to publish");

  // Keep a block's id when its text is unchanged, so deep links and anchors stay put.
  const mapping = matchBlocks(oldBlocks, newBlocks);
  const keep = new Map<string, string>();
  const oldById = new Map(oldBlocks.map((b) => [b.id, b]));
  const newById = new Map(newBlocks.map((b) => [b.id, b]));
  for (const [oldId, newId] of mapping) {
    const o = oldById.get(oldId);
    const n = newId ? newById.get(newId) : undefined;
    if (o && n && o.text === n.text && !keep.has(n.id)) keep.set(n.id, oldId);
  }
  return { placements, keep, newBlocks };
}

function landings(loaded: Awaited<ReturnType<typeof loadForRevision>>, placements: Placement[], numbered: { number: number | null }[]): LandingView[] {
  const oldNumber = new Map(loaded.blocks.map((b) => [b.id, b.number]));
  const byId = new Map(placements.map((p) => [p.id, p]));
  return loaded.roots.map((c) => {
    const p = byId.get(c.id)!;
    const to = p.status === "attached" ? (numbered[Number(p.blockId.slice(4))]?.number ?? null) : null;
    return {
      commentId: c.id,
      author: c.author.name,
      excerpt: c.body.length > 120 ? `${c.body.slice(0, 117)}…` : c.body,
      replies: c._count.replies,
      from: oldNumber.get(c.blockId!) ?? null,
      to,
      how: p.status === "attached" ? p.how : "detached",
      reason: p.status === "detached" ? p.reason : undefined,
    };
  });
}

/**
 * Publish an edit or re-import of a reading. Comments follow their text (lib/anchoring);
 * what cannot be placed is Detached — never deleted, never moved to the wrong paragraph.
 * With `dryRun`, nothing is written: the answer says where every comment would land.
 */
export async function reviseReading(options: { userId: string; courseId: string; readingSlug: string; input: unknown; dryRun: boolean; summary?: string }) {
  const draft = parseDraft(options.input);
  const numbered = numberBlocks(draft.blocks);

  if (options.dryRun) {
    const loaded = await loadForRevision(db as unknown as Tx, options.courseId, options.readingSlug, false);
    const { placements } = plan(draft, loaded);
    return { published: false as const, landings: landings(loaded, placements, numbered) };
  }

  return db.$transaction(
    async (tx) => {
      const loaded = await loadForRevision(tx, options.courseId, options.readingSlug, true);
      const { placements, keep, newBlocks } = plan(draft, loaded);
      const now = new Date();
      const idFor = new Map(newBlocks.map((b) => [b.id, keep.get(b.id) ?? null]));

      await tx.block.deleteMany({ where: { readingId: loaded.reading.id } });
      // Unchanged paragraphs keep their id; the rest get fresh ones, chosen here so all
      // blocks go in with one INSERT.
      const created = newBlocks.map((b) => idFor.get(b.id) ?? `b${randomUUID().replace(/-/g, "")}`);
      await tx.block.createMany({ data: blockRows(loaded.reading.id, draft.blocks, created) });
      const oldBlock = new Map(loaded.blocks.map((b) => [b.id, b]));
      const rootById = new Map(loaded.roots.map((r) => [r.id, r]));
      for (const p of placements) {
        const root = rootById.get(p.id)!;
        if (p.status === "attached") {
          const blockId = created[Number(p.blockId.slice(4))]!; // "new:<index>"
          await tx.comment.update({
            where: { id: p.id },
            data: {
              blockId,
              detachedAt: null,
              detachedFrom: undefined,
              ...(root.quote ? { startOffset: p.start ?? null, endOffset: p.end ?? null, quote: p.quote ?? root.quote, prefix: p.prefix ?? root.prefix, suffix: p.suffix ?? root.suffix } : {}),
            },
          });
          await tx.comment.updateMany({ where: { rootId: p.id }, data: { blockId, detachedAt: null } });
        } else {
          const was = oldBlock.get(root.blockId!);
          const detachedFrom = { paragraph: was?.number ?? null, text: was?.text.slice(0, 500) ?? null, reason: p.reason, revision: loaded.reading.revision };
          await tx.comment.update({ where: { id: p.id }, data: { blockId: null, detachedAt: now, detachedFrom } });
          await tx.comment.updateMany({ where: { rootId: p.id }, data: { blockId: null, detachedAt: now } });
        }
      }
      await tx.note.deleteMany({ where: { readingId: loaded.reading.id } });
      await tx.note.createMany({ data: draft.notes.map((n, position) => ({ readingId: loaded.reading.id, position, label: n.label, text: n.text })) });
      const revision = loaded.reading.revision + 1;
      await tx.reading.update({
        where: { id: loaded.reading.id },
        data: { title: draft.title, author: draft.author, source: draft.source, date: draft.date, revision, importReport: draft.report as object[], sourceFormat: draft.format },
      });
      await tx.readingRevision.create({
        data: {
          readingId: loaded.reading.id,
          number: revision,
          snapshot: { title: draft.title, author: draft.author, source: draft.source, date: draft.date, blocks: draft.blocks, notes: draft.notes } as object,
          summary: options.summary ?? "Edited",
          createdById: options.userId,
        },
      });
      return { published: true as const, revision, landings: landings(loaded, placements, numbered) };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
