"use client";

/** What the reading's live stream sends (lib/live): a kind and ids, never text. */
export interface LiveEvent {
  kind: string;
  eventId?: string;
  commentId?: string;
  blockId?: string | null;
  parentId?: string | null;
  rootId?: string | null;
  /** A new passage thread's offsets in its paragraph. */
  passage?: { start: number; end: number } | null;
  /** How the viewer's comment count changes (+1, −1, 0). */
  delta?: number;
  /** Whether the viewer can see the comment now. */
  visible?: boolean;
  /** The comment is the viewer's own. */
  mine?: boolean;
  reason?: string;
  [key: string]: unknown;
}

export type LiveStatus = "connecting" | "live" | "reconnecting" | "ended";

/**
 * One EventSource on the reading's stream. The browser reconnects by itself after a
 * network drop (sending Last-Event-ID); when the server answered with an error instead
 * (a restart's 502, a 503), EventSource gives up, so this opens a new one after a backoff,
 * passing the last position as ?after= — either way the server replays what was missed.
 * A `live.end` message (signed out, removed from the course) stops it for good.
 */
export class LiveClient {
  private source: EventSource | null = null;
  private position: string;
  private retry = 1000;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private seen = new Set<string>();

  constructor(
    private readonly url: string,
    initialPosition: string,
    private readonly onEvent: (event: LiveEvent) => void,
    private readonly onStatus: (status: LiveStatus, reason?: string) => void,
  ) {
    this.position = initialPosition;
  }

  start() {
    this.stopped = false;
    this.open("connecting");
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
  }

  private open(status: LiveStatus) {
    if (this.stopped) return;
    this.onStatus(status);
    const source = new EventSource(`${this.url}?after=${encodeURIComponent(this.position)}`);
    this.source = source;
    source.onmessage = (message) => {
      if (message.lastEventId) this.position = message.lastEventId;
      let event: LiveEvent;
      try {
        event = JSON.parse(message.data) as LiveEvent;
      } catch {
        return;
      }
      if (event.kind === "live.ready") {
        this.retry = 1000;
        this.onStatus("live");
        return;
      }
      if (event.kind === "live.end") {
        this.stop();
        this.onStatus("ended", event.reason);
        return;
      }
      // A replay after a reconnect may repeat an event already applied.
      if (event.eventId) {
        if (this.seen.has(event.eventId)) return;
        this.seen.add(event.eventId);
        if (this.seen.size > 2000) this.seen = new Set([...this.seen].slice(-1000));
      }
      this.onEvent(event);
    };
    source.onerror = () => {
      if (this.stopped) return;
      if (source.readyState === EventSource.CONNECTING) {
        this.onStatus("reconnecting");
        return;
      }
      // Closed for good by the browser (an HTTP error): signed out, or the server is
      // restarting. Ask which; retry with a backoff unless signed out.
      source.close();
      if (this.source === source) this.source = null;
      this.onStatus("reconnecting");
      this.timer = setTimeout(() => void this.retryUnlessSignedOut(), this.retry);
      this.retry = Math.min(this.retry * 2, 30_000);
    };
  }

  private async retryUnlessSignedOut() {
    const session = await fetch("/api/auth/session", { cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<{ user?: unknown }>) : null))
      .catch(() => null);
    if (this.stopped) return;
    if (session && !session.user) {
      this.stop();
      this.onStatus("ended", "signed-out");
      return;
    }
    this.open("reconnecting");
  }
}
