/**
 * Hands the reading's HTML from the page (a server component) to the server rendering of
 * components/reading/static-article.tsx without passing it as a prop — a prop of a client
 * component is written into the RSC payload, which would put the whole text into the page
 * a second time. Both run in the same server process for the same request, one after the
 * other, so a process-wide map carries it: the page stashes the string under a fresh
 * token, the component reads it during server rendering. In the browser the map is empty
 * and never read.
 *
 * Bounded: entries live a minute and at most 256 are kept (a request whose rendering never
 * ran — a client-side navigation gets only the RSC payload — leaves its entry to expire).
 */
const KEY = Symbol.for("colloquy.article-handoff");
type Entry = { html: string; at: number };
type Store = Map<string, Entry>;
const TTL_MS = 60_000;
const MAX = 256;

function store(): Store {
  const g = globalThis as unknown as Record<symbol, Store | undefined>;
  return (g[KEY] ??= new Map());
}

export function stashArticle(html: string): string {
  const s = store();
  const now = Date.now();
  for (const [token, entry] of s) {
    if (s.size < MAX && now - entry.at < TTL_MS) break;
    s.delete(token);
  }
  const token = crypto.randomUUID();
  s.set(token, { html, at: now });
  return token;
}

/** The stashed HTML (left in place: rendering may run a component more than once). */
export function stashedArticle(token: string): string | undefined {
  return store().get(token)?.html;
}
