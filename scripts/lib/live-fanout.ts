/**
 * Live fan-out measurement (for `npm run bench`): N readers hold the reading's event
 * stream open, one more student posts comments, and each arrival is timed from the POST's
 * send time. Readers are plain HTTP clients parsing Server-Sent Events, each with its own
 * signed-in session (the server caps streams per user).
 */
import http from "node:http";

export interface FanoutResult {
  readers: number;
  posts: number;
  /** Arrival delays over every (post, reader) pair, ms. */
  p50: number;
  p99: number;
  max: number;
  /** Arrivals that never came within the wait. */
  missing: number;
}

interface Reader {
  arrivals: Map<string, number>;
  ready: Promise<void>;
  close(): void;
}

function openReader(baseUrl: string, path: string, cookie: string): Reader {
  const arrivals = new Map<string, number>();
  let markReady: () => void = () => {};
  let fail: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    fail = reject;
  });
  const request = http.get(`${baseUrl}${path}`, { headers: { Cookie: cookie, Accept: "text/event-stream" } }, (response) => {
    if (response.statusCode !== 200) return fail(new Error(`the event stream answered ${response.statusCode}`));
    response.setEncoding("utf8");
    let buffer = "";
    response.on("data", (chunk: string) => {
      const now = performance.now();
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message.split("\n").find((l) => l.startsWith("data: "));
        if (!data) continue;
        const event = JSON.parse(data.slice(6)) as { kind: string; commentId?: string };
        if (event.kind === "live.ready") markReady();
        else if (event.kind === "comment.created" && event.commentId) arrivals.set(event.commentId, now);
      }
    });
  });
  request.on("error", (e) => fail(e));
  return { arrivals, ready, close: () => request.destroy() };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};

export async function measureFanout(options: {
  baseUrl: string;
  readingId: string;
  blockId: string;
  readerCookies: string[];
  posterCookie: string;
  posts: number;
  /** Pause between posts, ms (posts are sequential: this measures delivery, not contention). */
  gapMs?: number;
}): Promise<FanoutResult> {
  const path = `/api/readings/${options.readingId}/events`;
  const readers: Reader[] = [];
  // Open the streams a few at a time (each is a request through the session and guard).
  for (let i = 0; i < options.readerCookies.length; i += 25) {
    const batch = options.readerCookies.slice(i, i + 25).map((cookie) => openReader(options.baseUrl, path, cookie));
    readers.push(...batch);
    await Promise.all(batch.map((r) => r.ready));
  }
  const delays: number[] = [];
  let missing = 0;
  try {
    for (let n = 0; n < options.posts; n++) {
      const sent = performance.now();
      const r = await fetch(`${options.baseUrl}/api/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Cookie: options.posterCookie, Origin: options.baseUrl },
        body: JSON.stringify({ readingId: options.readingId, blockId: options.blockId, body: `Fan-out probe ${n} ${Date.now()}` }),
      });
      if (r.status !== 201) throw new Error(`posting answered ${r.status}: ${await r.text()}`);
      const { comment } = (await r.json()) as { comment: { id: string } };
      const deadline = performance.now() + 10_000;
      while (readers.some((x) => !x.arrivals.has(comment.id)) && performance.now() < deadline) await new Promise((res) => setTimeout(res, 5));
      for (const reader of readers) {
        const at = reader.arrivals.get(comment.id);
        if (at === undefined) missing++;
        else delays.push(at - sent);
      }
      await new Promise((res) => setTimeout(res, options.gapMs ?? 200));
    }
  } finally {
    for (const reader of readers) reader.close();
  }
  return { readers: readers.length, posts: options.posts, p50: percentile(delays, 50), p99: percentile(delays, 99), max: Math.max(...delays), missing };
}
