import type { CommentView } from "@/lib/comments/comment-view";

/** Replies indent up to this depth; deeper ones line up under it with "replying to …". */
export const MAX_INDENT_DEPTH = 5;

export interface ThreadNode {
  comment: CommentView;
  children: ThreadNode[];
  /** Set when the comment is shown away from its parent (flattened past MAX_INDENT_DEPTH,
   *  or its parent is not loaded): whom it answers. */
  replyingTo: string | null;
  /** All comments below this one (for "Show N replies"). */
  descendants: number;
}

const nameOf = (c: CommentView | undefined) => (c ? (c.author?.name ?? "a deleted comment") : "an earlier comment");

/**
 * Lay a thread out for display without recursion (reply chains can be thousands deep):
 * nested up to `maxDepth`, and past it every descendant in reading order as one flat list
 * under the comment at `maxDepth`, each saying whom it replies to. The DOM never nests
 * deeper than maxDepth lists, so a 3,000-deep chain renders like a long flat one.
 */
export function layoutThread(root: CommentView, replies: CommentView[], maxDepth = MAX_INDENT_DEPTH): ThreadNode {
  const byId = new Map<string, CommentView>([[root.id, root], ...replies.map((r) => [r.id, r] as const)]);
  const childrenOf = new Map<string, CommentView[]>();
  for (const r of replies) {
    // A reply whose parent is not loaded hangs under the root, saying whom it answers.
    const parent = r.parentId && byId.has(r.parentId) ? r.parentId : root.id;
    const list = childrenOf.get(parent);
    if (list) list.push(r);
    else childrenOf.set(parent, [r]);
  }
  const make = (c: CommentView, replyingTo: string | null): ThreadNode => ({ comment: c, children: [], replyingTo, descendants: 0 });
  const top = make(root, null);
  const stack: { node: ThreadNode; depth: number }[] = [{ node: top, depth: 0 }];
  const order: ThreadNode[] = [];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    order.push(node);
    const kids = childrenOf.get(node.comment.id) ?? [];
    const orphan = (k: CommentView) => (k.parentId !== node.comment.id ? nameOf(k.parentId ? byId.get(k.parentId) : undefined) : null);
    if (depth < maxDepth) {
      node.children = kids.map((k) => make(k, orphan(k)));
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, depth: depth + 1 });
    } else {
      // Flatten everything below, in reading (depth-first) order.
      const flat: ThreadNode[] = [];
      const walk: { c: CommentView; parent: CommentView }[] = kids.map((k) => ({ c: k, parent: node.comment })).reverse();
      while (walk.length) {
        const { c, parent } = walk.pop()!;
        flat.push(make(c, parent.id === node.comment.id ? null : nameOf(parent)));
        const below = childrenOf.get(c.id) ?? [];
        for (let i = below.length - 1; i >= 0; i--) walk.push({ c: below[i]!, parent: c });
      }
      node.children = flat;
      node.descendants = flat.length;
    }
  }
  // Descendant counts, children before parents.
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    if (n.descendants === 0) n.descendants = n.children.reduce((sum, c) => sum + 1 + c.descendants, 0);
  }
  return top;
}
