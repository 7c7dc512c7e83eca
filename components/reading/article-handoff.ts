/**
 * Hands the reading's HTML from the page (a server component) to the server rendering of
 * components/reading/static-article.tsx without passing it as a prop — a prop of a client
 * component is written into the RSC payload, which would put the whole text into the page
 * a second time. Both run in the same server process for the same request, one after the
 * other, so a process-wide map carries it: the page stashes the string under a fresh
 * token, the component reads it during server rendering. In the browser the map is empty
 * and never read.
 *
 * Bounded: an entry is dropped a moment after it is read (so the map holds about as many
 * entries as requests in flight), none lives over a minute (a request whose rendering never
 * ran — an error, a client gone — leaves its entry to expire), and all of them together hold
 * at most 128 M characters, oldest dropped first (a page whose entry went is not broken: it
 * loads its text from the API).
 */
const KEY = Symbol.for("colloquy.article-handoff");
type Entry = { html: string; at: number };
type Store = Map<string, Entry> & { chars?: number };
const TTL_MS = 60_000;
const MAX_CHARS = 128 * 1024 * 1024;
const AFTER_READ_MS = 2_000;

function store(): Store {
  const g = globalThis as unknown as Record<symbol, Store | undefined>;
  return (g[KEY] ??= new Map());
}

const drop = (s: Store, token: string) => {
  const entry = s.get(token);
  if (entry && s.delete(token)) s.chars = (s.chars ?? 0) - entry.html.length;
};

export function stashArticle(html: string): string {
  const s = store();
  const now = Date.now();
  for (const [token, entry] of s) {
    if ((s.chars ?? 0) + html.length <= MAX_CHARS && now - entry.at < TTL_MS) break;
    drop(s, token);
  }
  const token = crypto.randomUUID();
  s.set(token, { html, at: now });
  s.chars = (s.chars ?? 0) + html.length;
  return token;
}

/** The stashed HTML; dropped a moment later, not at once (rendering may run a component twice). */
export function stashedArticle(token: string): string | undefined {
  const s = store();
  const entry = s.get(token);
  if (entry) setTimeout(() => drop(s, token), AFTER_READ_MS).unref?.();
  return entry?.html;
}
