import { describe, expect, test } from "vitest";
import { layoutThread, MAX_INDENT_DEPTH, type ThreadNode } from "@/components/reading/thread-layout";
import { removeComment, upsertComment } from "@/components/reading/thread-state";
import { firstLine } from "@/lib/comments/excerpt";
import { deliver } from "@/lib/live/audience";
import { pruneTombstones } from "@/lib/comments/visibility";
import type { CommentView, ThreadView } from "@/lib/comments/comment-view";

let clock = 0;
function view(id: string, parentId: string | null, rootId: string | null, extra: Partial<CommentView> = {}): CommentView {
  clock++;
  return {
    id,
    readingId: "r",
    blockId: "b",
    parentId,
    rootId,
    state: "visible",
    html: `<p>${id}</p>`,
    source: null,
    passage: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, clock)).toISOString(),
    editedAt: null,
    author: { id: `u-${id}`, name: `Name ${id}`, role: "STUDENT" },
    isMine: false,
    isNew: false,
    helpful: { count: 0, mine: false, names: [] },
    badges: [],
    can: { reply: true, edit: false, delete: false, react: true, history: false },
    ...extra,
  };
}

function depthOf(node: ThreadNode): number {
  let max = 0;
  const stack: [ThreadNode, number][] = [[node, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const c of n.children) stack.push([c, d + 1]);
  }
  return max;
}

describe("thread layout", () => {
  test("a 3,000-deep reply chain nests only MAX_INDENT_DEPTH levels, then lines up, saying whom each answers", () => {
    const root = view("c0", null, null);
    const replies: CommentView[] = [];
    for (let i = 1; i <= 3000; i++) replies.push(view(`c${i}`, `c${i - 1}`, "c0"));
    const tree = layoutThread(root, replies);
    expect(depthOf(tree)).toBe(MAX_INDENT_DEPTH + 1);
    let at = tree;
    for (let d = 0; d < MAX_INDENT_DEPTH; d++) at = at.children[0]!;
    expect(at.comment.id).toBe(`c${MAX_INDENT_DEPTH}`);
    expect(at.children).toHaveLength(3000 - MAX_INDENT_DEPTH);
    expect(at.children[0]!.replyingTo).toBeNull();
    expect(at.children[1]!.replyingTo).toBe(`Name c${MAX_INDENT_DEPTH + 1}`);
    expect(tree.descendants).toBe(3000);
  });

  test("a reply whose parent is not loaded hangs under the root, marked", () => {
    const root = view("r", null, null);
    const tree = layoutThread(root, [view("x", "missing", "r")]);
    expect(tree.children.map((c) => [c.comment.id, c.replyingTo])).toEqual([["x", "an earlier comment"]]);
  });
});

describe("thread state (live updates of the panel)", () => {
  test("a reply joins its thread once; an edit replaces; a tombstone lowers the count; removal drops", () => {
    const root = view("t", null, null);
    let threads: ThreadView[] = [{ root, replies: [], replyCount: 0, moreReplies: null }];
    const reply = view("a", "t", "t");
    threads = upsertComment(threads, reply, "text");
    threads = upsertComment(threads, reply, "text");
    expect(threads[0]!.replyCount).toBe(1);
    threads = upsertComment(threads, { ...reply, html: "<p>edited</p>" }, "text");
    expect(threads[0]!.replies[0]!.html).toBe("<p>edited</p>");
    threads = upsertComment(threads, { ...reply, state: "deleted", html: null, author: null }, "text");
    expect(threads[0]!.replyCount).toBe(0);
    threads = removeComment(threads, "t");
    expect(threads).toEqual([]);
  });

  test("new threads take their place in text order; with recent activity first, a reply lifts its thread", () => {
    const a = view("a", null, null, { passage: { quote: "q", start: 10, end: 12 } });
    const b = view("b", null, null, { passage: { quote: "q", start: 30, end: 32 } });
    let threads: ThreadView[] = [a, b].map((root) => ({ root, replies: [], replyCount: 0, moreReplies: null }));
    threads = upsertComment(threads, view("m", null, null, { passage: { quote: "q", start: 20, end: 22 } }), "text");
    expect(threads.map((t) => t.root.id)).toEqual(["a", "m", "b"]);
    threads = upsertComment(threads, view("r", "b", "b"), "activity");
    expect(threads.map((t) => t.root.id)).toEqual(["b", "a", "m"]);
  });
});

describe("small pure pieces", () => {
  test("a highlight's tip is the comment's first line without Markdown", () => {
    expect(firstLine("> **Why** [Belgrade](https://x.y)?\nmore")).toBe("Why Belgrade?");
    expect(firstLine("```\ncode\n```\nafter")).toBe("code");
    expect(firstLine("x".repeat(300), 20)).toHaveLength(20);
  });

  test("live audience: a comment event reaches whoever could see it before or can now, with their count change", () => {
    const alice = { userId: "alice", role: "STUDENT" as const };
    const bob = { userId: "bob", role: "STUDENT" as const };
    const visible = { authorId: "bob", status: "VISIBLE" as const, visibility: "CLASS" as const };
    const held = { authorId: "bob", status: "PENDING" as const, visibility: "CLASS" as const };
    expect(deliver(alice, { type: "comment", before: null, after: visible }, { x: 1 })).toEqual({ x: 1, delta: 1, visible: true, mine: false });
    expect(deliver(alice, { type: "comment", before: null, after: held }, {})).toBeNull();
    expect(deliver(bob, { type: "comment", before: null, after: held }, {})).toMatchObject({ delta: 1, mine: true });
    expect(deliver(alice, { type: "comment", before: visible, after: { ...visible, status: "DELETED" } }, {})).toMatchObject({ delta: -1, visible: false });
    expect(deliver(alice, { type: "users", userIds: ["bob"] }, {})).toBeNull();
    expect(deliver(alice, { type: "staff" }, {})).toBeNull();
    expect(deliver({ userId: "t", role: "TA" }, { type: "staff" }, { y: 2 })).toEqual({ y: 2 });
  });

  test("tombstones stay only above something visible", () => {
    const rows = [
      { id: "r", parentId: null, status: "DELETED" as const },
      { id: "a", parentId: "r", status: "DELETED" as const },
      { id: "b", parentId: "a", status: "VISIBLE" as const },
      { id: "c", parentId: "r", status: "DELETED" as const },
    ];
    expect(pruneTombstones(rows).map((r) => r.id)).toEqual(["r", "a", "b"]);
  });
});
