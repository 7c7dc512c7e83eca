import "server-only";
import { getLiveHub, type LiveMessage } from "@/lib/live/hub";
import type { Listener } from "@/lib/live/audience";
import { AppError } from "@/lib/errors";
import { takeUserSlot } from "@/lib/net/per-user-slots";

/** How often a comment line keeps the connection (and proxies) alive. */
const HEARTBEAT_MS = 20_000;
/** How often the stream re-checks that its user may still listen. */
const RECHECK_MS = 60_000;
/** Streams end after this long; the browser reconnects at once and catches up (spreads
 *  readers across instances after a deploy, and bounds any one connection's life). */
const MAX_LIFETIME_MS = 30 * 60_000;
/** A reader this far behind (bytes queued) is dropped; it reconnects and catches up. */
const MAX_QUEUED_BYTES = 1 << 20;
/** Open streams per user in one process (tabs; a script opening hundreds is refused). */
const MAX_STREAMS_PER_USER = 12;

/** A stream's position: one event id per topic, in the stream's topic order ("12_0"). */
export function encodePosition(ids: bigint[]) {
  return ids.map(String).join("_");
}

/** Parse a Last-Event-ID for `count` topics; anything malformed counts as absent. */
export function parsePosition(value: string | null, count: number): bigint[] | null {
  if (!value || value.length > 200) return null;
  const parts = value.split("_");
  if (parts.length !== count || !parts.every((p) => /^\d{1,19}$/.test(p))) return null;
  return parts.map((p) => BigInt(p));
}

export type EndReason = "signed-out" | "expired" | "not-a-member" | "restart";

/**
 * A Server-Sent Events response streaming `topics` to one listener. `recheck` runs every
 * minute (and must say whether the user may still listen: signed in, still a member);
 * `expiresAt` ends the stream when the session does. The stream ends with a final
 * `live.end` message saying why, so the browser stops cleanly instead of hanging or
 * retrying forever.
 */
export function liveStreamResponse(options: {
  request: Request;
  listener: Listener;
  topics: string[];
  after: bigint[] | null;
  recheck(): Promise<boolean>;
  expiresAt: number | null;
  /** The session the stream was opened with: a `session.ended` event naming it (sign-out)
   *  ends the stream at once. Such events are never forwarded to the browser. */
  sessionId?: string | null;
}): Response {
  const { listener, topics } = options;
  const releaseSlot = takeUserSlot("streams", listener.userId, MAX_STREAMS_PER_USER);
  if (!releaseSlot) throw new AppError("RATE_LIMITED", "Too many open live connections for this account. Close some tabs and reload.");

  const encoder = new TextEncoder();
  const positions = options.after ? [...options.after] : topics.map(() => 0n);
  const cleanups: (() => void)[] = [];
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let closed = false;

  const close = () => {
    if (closed) return;
    closed = true;
    for (const c of cleanups) c();
    releaseSlot();
    try {
      controller?.close();
    } catch {
      // already closed by the client
    }
  };
  const write = (text: string) => {
    if (closed || !controller) return;
    try {
      controller.enqueue(encoder.encode(text));
      if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) close();
    } catch {
      close();
    }
  };
  const send = (payload: object, withId: boolean) => {
    write(`${withId ? `id: ${encodePosition(positions)}\n` : ""}data: ${JSON.stringify(payload)}\n\n`);
  };
  const end = (reason: EndReason) => {
    send({ kind: "live.end", reason }, false);
    close();
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      async start(c) {
        controller = c;
        // Hang-ups end the stream — also one that comes before the subscriptions below are
        // in place (a reload, a closed tab): an abort signalled before a listener is added
        // never reaches it, and Next.js does not cancel a body it never started to send,
        // so such a stream would hold one of the user's slots until MAX_LIFETIME_MS.
        const onAbort = () => close();
        options.request.signal.addEventListener("abort", onAbort);
        cleanups.push(() => options.request.signal.removeEventListener("abort", onAbort));
        if (options.request.signal.aborted) return close();
        // The browser waits this long before reconnecting after a drop.
        write("retry: 2000\n\n");
        const hub = getLiveHub();
        try {
          for (const [index, topic] of topics.entries()) {
            const { unsubscribe, position } = await hub.subscribe(
              {
                listener,
                onEvent(message: LiveMessage) {
                  positions[index] = message.id;
                  if (message.kind === "session.ended") {
                    if (options.sessionId && message.data.sid === options.sessionId) end("signed-out");
                    return;
                  }
                  send({ kind: message.kind, eventId: message.id.toString(), ...message.data }, true);
                },
                onReset() {
                  send({ kind: "live.reset" }, false);
                },
              },
              topic,
              options.after ? (options.after[index] ?? null) : null,
            );
            positions[index] = position;
            cleanups.push(unsubscribe);
            if (closed) return unsubscribe();
          }
        } catch (error) {
          console.error("[live] could not subscribe:", error);
          // The browser retries (the retry delay above) and catches up from its position.
          return close();
        }
        if (closed) return;
        // Everything missed is replayed: tell the browser where it stands now.
        send({ kind: "live.ready" }, true);

        let lastCheck = Date.now();
        const heartbeat = setInterval(() => {
          write(": ping\n\n");
          if (Date.now() - lastCheck < RECHECK_MS) return;
          lastCheck = Date.now();
          options.recheck().then(
            (ok) => {
              if (!ok) end("signed-out");
            },
            () => {}, // a database blip is not a sign-out; try again next time
          );
        }, HEARTBEAT_MS);
        cleanups.push(() => clearInterval(heartbeat));
        const lifetime = setTimeout(() => close(), MAX_LIFETIME_MS);
        cleanups.push(() => clearTimeout(lifetime));
        if (options.expiresAt) {
          const left = Math.max(0, Math.min(options.expiresAt - Date.now(), 2 ** 31 - 1));
          const expiry = setTimeout(() => end("expired"), left);
          cleanups.push(() => clearTimeout(expiry));
        }
        onShutdown(close, cleanups);
      },
      cancel() {
        close();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: compression would buffer the stream.
      "Cache-Control": "no-cache, no-store, no-transform",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    },
  });
}

const shutdownHandlers = new Set<() => void>();
let shutdownHooked = false;

/** On SIGTERM/SIGINT, end every stream at once so the server can stop (the browsers
 *  reconnect, to this instance once it is back or to another, and catch up). */
function onShutdown(close: () => void, cleanups: (() => void)[]) {
  shutdownHandlers.add(close);
  cleanups.push(() => shutdownHandlers.delete(close));
  if (shutdownHooked) return;
  shutdownHooked = true;
  const closeAll = () => {
    for (const c of [...shutdownHandlers]) c();
  };
  process.once("SIGTERM", closeAll);
  process.once("SIGINT", closeAll);
}
