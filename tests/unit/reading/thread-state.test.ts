import { describe, expect, test } from "vitest";
import { removeComment, upsertComment } from "@/components/reading/thread-state";
import type { CommentView, ThreadView } from "@/lib/comments/comment-view";

function view(id: string, over: Partial<CommentView> = {}): CommentView {
  return {
    id,
    readingId: "r",
    blockId: "b",
    parentId: null,
    rootId: null,
    state: "visible",
    html: `<p>${id}</p>`,
    source: null,
    passage: null,
    createdAt: `2026-12-01T00:00:0${id.length}Z`,
    editedAt: null,
    author: { id: "u", name: "Lena", role: "STUDENT" },
    isMine: false,
    isNew: false,
    helpful: { count: 0, mine: false, names: [] },
    badges: [],
    can: { reply: true, edit: false, delete: false, react: true, history: false },
    ...over,
  } as CommentView;
}

const reply = (id: string, root: string) => view(id, { parentId: root, rootId: root });
const tombstone = (id: string) => view(id, { state: "deleted", html: null, author: null });

describe("the panel's threads when comments go", () => {
  test("a tombstone whose last reply is deleted goes too", () => {
    const threads: ThreadView[] = [{ root: tombstone("t"), replies: [reply("r1", "t")], replyCount: 1, moreReplies: null }];
    expect(removeComment(threads, "r1")).toEqual([]);
  });

  test("a tombstone keeps its place while another reply still hangs under it (loaded or not)", () => {
    const loaded: ThreadView[] = [{ root: tombstone("t"), replies: [reply("r1", "t"), reply("r22", "t")], replyCount: 2, moreReplies: null }];
    expect(removeComment(loaded, "r1").map((t) => t.replies.map((r) => r.id))).toEqual([["r22"]]);
    const unloaded: ThreadView[] = [{ root: tombstone("t"), replies: [reply("r1", "t")], replyCount: 2, moreReplies: "cursor" }];
    expect(removeComment(unloaded, "r1")).toHaveLength(1);
  });

  test("a visible thread stays when its only reply is deleted; other threads are untouched", () => {
    const threads: ThreadView[] = [
      { root: view("a"), replies: [reply("r1", "a")], replyCount: 1, moreReplies: null },
      { root: view("bb"), replies: [], replyCount: 0, moreReplies: null },
    ];
    const after = removeComment(threads, "r1");
    expect(after.map((t) => [t.root.id, t.replyCount])).toEqual([["a", 0], ["bb", 0]]);
  });

  test("a reply arriving for a thread that is not loaded is ignored; one for a loaded thread counts", () => {
    const threads: ThreadView[] = [{ root: view("a"), replies: [], replyCount: 0, moreReplies: null }];
    expect(upsertComment(threads, reply("x", "zz"), "text")).toBe(threads);
    expect(upsertComment(threads, reply("x", "a"), "text")[0]!.replyCount).toBe(1);
  });
});
