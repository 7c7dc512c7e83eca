/**
 * The live hub of one app process: ONE PostgreSQL connection LISTENs on LIVE_CHANNEL; when
 * a topic is announced, the hub reads that topic's new LiveEvent rows once and hands each
 * to every local subscriber the event's audience admits (lib/live/audience.ts). Several
 * app instances on one database each run a hub, so a comment posted through instance A
 * reaches readers connected to instance B.
 *
 * Catch-up: a subscriber may start after a position (the Last-Event-ID of a reconnecting
 * browser, or the position the page was rendered at); the hub replays what it missed from
 * the table — or says "reset" when that is more than CATCH_UP_LIMIT events or older than
 * the table keeps (the browser then reloads its counts and open thread).
 *
 * No `server-only`: the integration tests and the bench run hubs in plain Node.
 */
import pg from "pg";
import { deliver, type Audience, type Listener } from "@/lib/live/audience";
import { LIVE_CHANNEL } from "@/lib/live/topics";

export const CATCH_UP_LIMIT = 500;
const FETCH_BATCH = 500;

export interface LiveMessage {
  id: bigint;
  topic: string;
  kind: string;
  data: Record<string, unknown>;
}

export interface Subscriber {
  listener: Listener;
  /** An event for this listener (already filtered), in id order within its topic. */
  onEvent(message: LiveMessage): void;
  /** Too much was missed to replay: the subscriber should reload its state. */
  onReset(topic: string): void;
}

interface StoredEvent {
  id: bigint;
  kind: string;
  data: Record<string, unknown>;
  audience: Audience;
}

interface Entry {
  subscriber: Subscriber;
  /** Events that arrive while the subscriber's catch-up runs, delivered after it. */
  buffer: StoredEvent[] | null;
  /** The last event id handed to (or filtered for) this subscriber. */
  position: bigint;
}

interface TopicState {
  ready: Promise<void>;
  lastId: bigint;
  entries: Set<Entry>;
  fetching: boolean;
  again: boolean;
}

type Query = <T>(text: string, values: unknown[]) => Promise<T[]>;

export class LiveHub {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private topics = new Map<string, TopicState>();
  private closed = false;
  private retryMs = 250;
  private readonly pool: pg.Pool;
  private readonly query: Query;

  constructor(private readonly url: string, private readonly log: (line: string) => void = (l) => console.log(`[live] ${l}`)) {
    this.pool = new pg.Pool({ connectionString: url, max: 3, application_name: "colloquy-live-read" });
    this.pool.on("error", () => {});
    this.query = async <T>(text: string, values: unknown[]) => (await this.pool.query(text, values)).rows as T[];
  }

  /** Subscribers connected to this process (for tests, the bench and health). */
  get subscriberCount() {
    let n = 0;
    for (const t of this.topics.values()) n += t.entries.size;
    return n;
  }

  /** The latest event id of each topic (0 when none): where a new page's stream starts. */
  async positions(topics: string[]): Promise<bigint[]> {
    const rows = await this.query<{ topic: string; id: string }>(`SELECT "topic", max("id")::text AS id FROM "LiveEvent" WHERE "topic" = ANY($1) GROUP BY "topic"`, [topics]);
    const byTopic = new Map(rows.map((r) => [r.topic, BigInt(r.id)]));
    return topics.map((t) => byTopic.get(t) ?? 0n);
  }

  /**
   * Start delivering `topic` to `subscriber`. With `after`, first replay the events after
   * that id (or reset when that cannot be done); without, start from now. Returns the
   * function that stops the subscription and the position the subscriber is at.
   */
  async subscribe(subscriber: Subscriber, topic: string, after: bigint | null): Promise<{ unsubscribe: () => void; position: bigint }> {
    if (this.closed) throw new Error("the live hub is closed");
    await this.ensureListening();
    const state = this.topicState(topic);
    await state.ready;
    const entry: Entry = { subscriber, buffer: [], position: state.lastId };
    state.entries.add(entry);
    const unsubscribe = () => {
      state.entries.delete(entry);
      if (state.entries.size === 0 && this.topics.get(topic) === state) this.topics.delete(topic);
    };
    try {
      if (after !== null && after < state.lastId) await this.catchUp(entry, topic, after, state.lastId);
      else if (after !== null) entry.position = after > state.lastId ? state.lastId : after;
    } catch (error) {
      unsubscribe();
      throw error;
    }
    const buffered = entry.buffer ?? [];
    entry.buffer = null;
    for (const event of buffered) if (event.id > entry.position) this.handOver(entry, topic, event);
    return { unsubscribe, position: entry.position };
  }

  /** Stop listening and forget every subscriber (their streams close themselves). */
  async close() {
    this.closed = true;
    this.topics.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
    await this.pool.end().catch(() => {});
  }

  private topicState(topic: string): TopicState {
    let state = this.topics.get(topic);
    if (!state) {
      const created: TopicState = { ready: Promise.resolve(), lastId: 0n, entries: new Set(), fetching: false, again: false };
      // Start from the newest committed event: LISTEN is already active, so anything
      // committed later is announced and fetched.
      created.ready = this.positions([topic]).then(([id]) => {
        created.lastId = id ?? 0n;
      });
      created.ready.catch(() => {
        if (this.topics.get(topic) === created) this.topics.delete(topic);
      });
      this.topics.set(topic, created);
      state = created;
    }
    return state;
  }

  private async catchUp(entry: Entry, topic: string, after: bigint, upTo: bigint) {
    if (after > 0n) {
      // The browser's position must still be in the table; if it was pruned, so may
      // be what followed it.
      const known = await this.query<{ one: number }>(`SELECT 1 AS one FROM "LiveEvent" WHERE "id" = $1 AND "topic" = $2`, [after.toString(), topic]);
      if (known.length === 0) return this.reset(entry, topic, upTo);
    }
    const rows = await this.readEvents(topic, after, upTo, CATCH_UP_LIMIT + 1);
    if (rows.length > CATCH_UP_LIMIT) return this.reset(entry, topic, upTo);
    for (const event of rows) this.handOver(entry, topic, event);
    entry.position = upTo;
  }

  private reset(entry: Entry, topic: string, upTo: bigint) {
    entry.position = upTo;
    entry.subscriber.onReset(topic);
  }

  private async readEvents(topic: string, after: bigint, upTo: bigint | null, limit: number): Promise<StoredEvent[]> {
    const rows = await this.query<{ id: string; kind: string; data: Record<string, unknown>; audience: Audience }>(
      // Order by the bigint column, not the text alias (which would put "10" before "8").
      `SELECT e."id"::text AS id, e."kind", e."data", e."audience" FROM "LiveEvent" e
       WHERE e."topic" = $1 AND e."id" > $2 ${upTo !== null ? `AND e."id" <= $4` : ""}
       ORDER BY e."id" LIMIT $3`,
      upTo !== null ? [topic, after.toString(), limit, upTo.toString()] : [topic, after.toString(), limit],
    );
    return rows.map((r) => ({ id: BigInt(r.id), kind: r.kind, data: r.data, audience: r.audience }));
  }

  private handOver(entry: Entry, topic: string, event: StoredEvent) {
    entry.position = event.id;
    let data: Record<string, unknown> | null;
    try {
      data = deliver(entry.subscriber.listener, event.audience, event.data);
    } catch (error) {
      this.log(`event ${event.id} has an audience this hub cannot read: ${String(error)}`);
      return;
    }
    if (data) entry.subscriber.onEvent({ id: event.id, topic, kind: event.kind, data });
  }

  private onNotify(topic: string) {
    const state = this.topics.get(topic);
    if (state) void this.fetchTopic(topic, state);
  }

  /** Read a topic's new events once for all its local subscribers (bursts coalesce). */
  private async fetchTopic(topic: string, state: TopicState) {
    if (state.fetching) {
      state.again = true;
      return;
    }
    state.fetching = true;
    try {
      await state.ready;
      do {
        state.again = false;
        const rows = await this.readEvents(topic, state.lastId, null, FETCH_BATCH);
        for (const event of rows) {
          state.lastId = event.id;
          for (const entry of state.entries) {
            if (entry.buffer) entry.buffer.push(event);
            else this.handOver(entry, topic, event);
          }
        }
        if (rows.length === FETCH_BATCH) state.again = true;
      } while (state.again && !this.closed);
    } catch (error) {
      this.log(`could not read events of ${topic}: ${error instanceof Error ? error.message : String(error)}`);
      // The next announcement, or the reconnect sweep, tries again from lastId.
    } finally {
      state.fetching = false;
    }
  }

  private ensureListening(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url, application_name: "colloquy-live", keepAlive: true });
      client.on("notification", (message) => {
        if (message.channel === LIVE_CHANNEL && message.payload) this.onNotify(message.payload);
      });
      client.on("error", (error) => this.lost(client, error));
      client.on("end", () => this.lost(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${LIVE_CHANNEL}`);
      } catch (error) {
        await client.end().catch(() => {});
        throw error;
      }
      this.client = client;
      this.retryMs = 250;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** The LISTEN connection dropped (database restart, network): reconnect with backoff,
   *  then read every active topic from where it was, so nothing announced meanwhile is lost. */
  private lost(client: pg.Client, error?: Error) {
    if (this.client !== client || this.closed) return;
    this.client = null;
    this.log(`LISTEN connection lost${error ? ` (${error.message})` : ""}; reconnecting`);
    const retry = () => {
      if (this.closed) return;
      this.ensureListening().then(
        () => {
          this.log("LISTEN connection back");
          for (const [topic, state] of this.topics) void this.fetchTopic(topic, state);
        },
        () => {
          this.retryMs = Math.min(this.retryMs * 2, 10_000);
          setTimeout(retry, this.retryMs).unref();
        },
      );
    };
    setTimeout(retry, this.retryMs).unref();
  }
}

const globalForLive = globalThis as unknown as { colloquyLiveHub?: LiveHub };

/** This process's hub (created on first use, on DATABASE_DIRECT_URL or else DATABASE_URL). */
export function getLiveHub(): LiveHub {
  // LISTEN holds a session: behind PgBouncer in transaction mode it needs a direct
  // connection, DATABASE_DIRECT_URL (docs/DEPLOY.md); without it, DATABASE_URL.
  const url = process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: live updates need the app's database.");
  globalForLive.colloquyLiveHub ??= new LiveHub(url);
  return globalForLive.colloquyLiveHub;
}
