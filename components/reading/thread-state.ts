import { isPlaceholderView, type CommentView, type ThreadSort, type ThreadView } from "@/lib/comments/comment-view";

/** Pure updates of the panel's loaded threads (by live events, posts, "Load more"). */

const byTime = (a: CommentView, b: CommentView) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

function textKey(c: CommentView): [number, string, string] {
  return [c.passage?.start ?? -1, c.createdAt, c.id];
}
function before(a: CommentView, b: CommentView, sort: ThreadSort) {
  if (sort === "activity") return false; // new activity goes first; handled by the caller
  const [x, y] = [textKey(a), textKey(b)];
  return x[0] < y[0] || (x[0] === y[0] && (x[1] < y[1] || (x[1] === y[1] && x[2] < y[2])));
}

/** Insert or replace a whole thread (merging replies already loaded). */
export function upsertThread(threads: ThreadView[], thread: ThreadView, sort: ThreadSort): ThreadView[] {
  const at = threads.findIndex((t) => t.root.id === thread.root.id);
  if (at >= 0) {
    const current = threads[at]!;
    const replies = new Map([...current.replies, ...thread.replies].map((r) => [r.id, r]));
    const merged: ThreadView = { ...current, root: thread.root, replies: [...replies.values()].sort(byTime), replyCount: Math.max(current.replyCount, thread.replyCount) };
    return threads.map((t, i) => (i === at ? merged : t));
  }
  if (sort === "activity") return [thread, ...threads];
  const index = threads.findIndex((t) => before(thread.root, t.root, sort));
  return index < 0 ? [...threads, thread] : [...threads.slice(0, index), thread, ...threads.slice(index)];
}

/** Insert or replace one comment. A reply to a thread that is not loaded is ignored (the
 *  marker's count still moves; the thread shows it when loaded). */
export function upsertComment(threads: ThreadView[], comment: CommentView, sort: ThreadSort): ThreadView[] {
  if (comment.rootId === null) return upsertThread(threads, { root: comment, replies: [], replyCount: 0, moreReplies: null }, sort);
  const at = threads.findIndex((t) => t.root.id === comment.rootId);
  if (at < 0) return threads;
  const thread = threads[at]!;
  const old = thread.replies.find((r) => r.id === comment.id);
  const exists = old !== undefined;
  const replies = exists ? thread.replies.map((r) => (r.id === comment.id ? comment : r)) : [...thread.replies, comment].sort(byTime);
  const delta = !old ? (isPlaceholderView(comment) ? 0 : 1) : !isPlaceholderView(old) && isPlaceholderView(comment) ? -1 : isPlaceholderView(old) && !isPlaceholderView(comment) ? 1 : 0;
  const updated: ThreadView = { ...thread, replies, replyCount: Math.max(0, thread.replyCount + delta) };
  const rest = threads.filter((_, i) => i !== at);
  // "Most recent activity": a thread with a new reply moves to the top.
  if (sort === "activity" && !exists) return [updated, ...rest];
  return threads.map((t, i) => (i === at ? updated : t));
}

/** Remove a comment (it was deleted with nothing below it, or is no longer visible). */
export function removeComment(threads: ThreadView[], id: string): ThreadView[] {
  if (threads.some((t) => t.root.id === id)) return threads.filter((t) => t.root.id !== id);
  return threads
    .map((t) => (t.replies.some((r) => r.id === id) ? { ...t, replies: t.replies.filter((r) => r.id !== id), replyCount: Math.max(0, t.replyCount - 1) } : t))
    // A tombstone ("Comment deleted", "Hidden by an instructor") stays only while replies hang off it.
    .filter((t) => !(isPlaceholderView(t.root) && t.replies.length === 0 && t.replyCount === 0 && !t.moreReplies));
}

/** Append a page of threads, skipping any already shown (live arrivals, deep links). */
export function appendThreads(threads: ThreadView[], page: ThreadView[]): ThreadView[] {
  const have = new Set(threads.map((t) => t.root.id));
  return [...threads, ...page.filter((t) => !have.has(t.root.id))];
}

/** Add a page of replies to a thread. */
export function appendReplies(threads: ThreadView[], rootId: string, replies: CommentView[], moreReplies: string | null): ThreadView[] {
  return threads.map((t) => {
    if (t.root.id !== rootId) return t;
    const all = new Map([...t.replies, ...replies].map((r) => [r.id, r]));
    return { ...t, replies: [...all.values()].sort(byTime), moreReplies };
  });
}
