/**
 * The CPU part of publishing an edit, as one pure function (it runs in the import sandbox's
 * worker thread, off the server's event loop): where every thread lands in the new text, and
 * which new blocks keep an old block's id (text unchanged, so deep links stay put).
 */
import { matchBlocks } from "./match-blocks";
import { reanchor } from "./reanchor";
import type { AnchorBlock, CommentAnchor, Placement } from "./types";

export interface RevisionPlanInput {
  oldBlocks: AnchorBlock[];
  newBlocks: AnchorBlock[];
  anchors: CommentAnchor[];
}

export interface RevisionPlan {
  placements: Placement[];
  /** [new block id, old block id] for new blocks that keep an old block's id. */
  keep: [string, string][];
}

export function planRevision({ oldBlocks, newBlocks, anchors }: RevisionPlanInput): RevisionPlan {
  const placements = reanchor(oldBlocks, newBlocks, anchors);
  if (placements.length !== anchors.length) throw new Error("re-anchoring lost a comment: refusing to publish");
  const mapping = matchBlocks(oldBlocks, newBlocks);
  const keep = new Map<string, string>();
  const oldById = new Map(oldBlocks.map((b) => [b.id, b]));
  const newById = new Map(newBlocks.map((b) => [b.id, b]));
  for (const [oldId, newId] of mapping) {
    const o = oldById.get(oldId);
    const n = newId ? newById.get(newId) : undefined;
    if (o && n && o.text === n.text && !keep.has(n.id)) keep.set(n.id, oldId);
  }
  return { placements, keep: [...keep] };
}
