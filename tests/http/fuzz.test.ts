/**
 * Fuzzing every endpoint in tests/http/endpoints.ts over HTTP (fast-check): each case takes
 * the entry's valid request and breaks one thing — a field of the body (or of a server
 * action's arguments) replaced by a hostile value, the whole body replaced, a junk field
 * added, a path or query parameter replaced (also with raw, malformed percent-encoding), or
 * the body's bytes or content type wrong. Whatever the case, the answer is never a 5xx;
 * a refusal is a 4xx with a message (an action: ok=false with a message); and a refused
 * request changes no row of any application table. After a case that was accepted, the
 * entry's `undo` puts the world back (a course archived or deleted, a member removed).
 *
 * FC_RUNS sets the cases per endpoint (default 40); FC_SEED replays a failure.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from "vitest";
import { ENDPOINTS, type Endpoint } from "./endpoints";
import { changedTables, fingerprint, makeWorld, type Actor, type World } from "./support/world";
import { kindOf, mostPrivileged, send, type Overrides } from "./support/send";

const RUNS = Number(process.env.FC_RUNS ?? 40);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
let w: World;
let cases = 0;

beforeAll(async () => {
  w = await makeWorld();
}, 180_000);
afterAll(() => console.log(`[fuzz] ${cases} hostile requests sent to ${ENDPOINTS.filter((e) => !e.fuzz?.skip).length} endpoints`));

// ── Hostile values ────────────────────────────────────────────────────────────────────
const nasty = fc.constantFrom(
  "",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\u202e",
  "\u200b\u200b",
  "\u2066\u2069",
  "\ufeff",
  "%00",
  "%ff",
  "$@1",
  "$1",
  "$Q1",
  "__proto__",
  "constructor",
  "../../../etc/passwd",
  "<script>alert(1)</script>",
  "' OR '1'='1",
  "\r\n\r\n",
  "NaN",
  "-1",
  "9".repeat(400),
  "😀".repeat(300),
);
const hostileString = fc.oneof(
  { weight: 3, arbitrary: nasty },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom("\u0000", "\u202e", "\u200b", "\ud800", "a", "$", "%", "\u0301", "\u3164"), maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(300_000), "\u0000".repeat(70_000), "é".repeat(120_000)) },
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER), fc.constant(-0)) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(nest(2_000), Array.from({ length: 50_000 }, () => 1), { __proto__: { admin: true } }) },
);
function nest(depth: number): unknown {
  let v: unknown = "deep";
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}
const badEncoding = fc.constantFrom("%", "%ff", "%zz", "%c0%80", "%ed%a0%80", "%00", "a%2", "%e2%82", "%%");
const rawBodies = fc.oneof(
  fc.constantFrom("{not json", "", "null", "[", '{"a":', "\u0000", '"\\ud800"', "[[[[[[[[[[", "{}".repeat(1000), '{"__proto__":{"x":1}}'),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString("latin1")),
);

// ── Mutations of an entry's valid request ─────────────────────────────────────────────
type Path = (string | number)[];
function leaves(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return value.length ? value.flatMap((v, i) => leaves(v, [...at, i])) : [at];
  if (value && typeof value === "object") {
    const keys = Object.keys(value);
    return keys.length ? keys.flatMap((k) => leaves((value as Record<string, unknown>)[k], [...at, k])) : [at];
  }
  return [at];
}
function replaceAt(value: unknown, at: Path, next: unknown): unknown {
  if (at.length === 0) return next;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[at[0]!] = replaceAt(copy[at[0]!], at.slice(1), next);
  return copy;
}

function mutations(endpoint: Endpoint, actor: Actor): fc.Arbitrary<{ what: string; o: Overrides }> {
  const kind = kindOf(endpoint);
  const body = endpoint.body?.(w, actor);
  const params = endpoint.params?.(w) ?? {};
  const query = endpoint.query?.(w) ?? {};
  const options: fc.Arbitrary<{ what: string; o: Overrides }>[] = [];
  if (body !== undefined) {
    const paths = leaves(body);
    options.push(
      fc.record({ at: fc.constantFrom(...paths), v: hostileValue }).map(({ at, v }) => ({ what: `body.${at.join(".")} = ${show(v)}`, o: { body: replaceAt(body, at, v) } })),
      hostileValue.map((v) => ({ what: `body = ${show(v)}`, o: { body: kind === "action" ? [v] : v } })),
      fc.record({ k: hostileString, v: hostileValue }).map(({ k, v }) => ({ what: `body + {${show(k)}: ${show(v)}}`, o: { body: kind === "action" ? [{ ...(((body as unknown[])[0] as object) ?? {}), [k]: v }] : { ...(body as object), [k]: v } } })),
    );
    if (!endpoint.form) {
      options.push(rawBodies.map((raw) => ({ what: `raw body ${show(raw)}`, o: { rawBody: raw } })));
      options.push(fc.constantFrom("text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=latin1", "").map((type) => ({ what: `content-type ${type}`, o: { rawBody: JSON.stringify(body), contentType: type } })));
    }
  }
  for (const name of Object.keys(params)) {
    options.push(hostileString.map((v) => ({ what: `param ${name} = ${show(v)}`, o: { params: { ...params, [name]: v } } })));
    options.push(badEncoding.map((v) => ({ what: `param ${name} raw ${v}`, o: { params: { ...params, [name]: v }, raw: new Set([name]) } })));
  }
  const queryKeys = Object.keys(query);
  options.push(
    fc.record({ k: queryKeys.length ? fc.constantFrom(...queryKeys) : hostileString, v: hostileString }).map(({ k, v }) => ({ what: `query ${show(k)} = ${show(v)}`, o: { query: { ...query, [k]: v } } })),
    fc.record({ k: queryKeys.length ? fc.constantFrom(...queryKeys) : fc.constant("q"), v: badEncoding }).map(({ k, v }) => ({ what: `query ${k} raw ${v}`, o: { query: { ...query, [k]: v }, raw: new Set([`?${k}`]) } })),
  );
  return fc.oneof(...options);
}

const show = (v: unknown) => {
  const s = typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 60)}…(${s.length})` : s;
};

describe("fuzzing: hostile input is a 4xx with a message, never a 5xx or a partial write", () => {
  for (const endpoint of ENDPOINTS) {
    if (endpoint.fuzz?.skip) continue;
    test(endpoint.source, async () => {
      // The most privileged actor the entry allows, so cases reach the deepest validation.
      const actor = mostPrivileged(endpoint);
      const kind = kindOf(endpoint);
      // fast-check's own choice of seed, made here: a failed case's message names it, but a
      // case that hangs past the test's timeout never gets that far — this says it then.
      const seed = SEED ?? (Date.now() ^ (Math.random() * 0x100000000));
      onTestFailed(() => console.log(`[fuzz] ${endpoint.source} failed; replay its cases with FC_SEED=${seed}`));
      const outcome = await fc.check(
        fc.asyncProperty(mutations(endpoint, actor), async ({ what, o }) => {
          cases++;
          const before = await fingerprint();
          const answer = await send(w.clients[actor], endpoint, w, actor, o).catch((error: unknown) => {
            const cause = (error as { cause?: { code?: string; message?: string } }).cause;
            // Node answers an address over 16 KB with 431 and closes the connection — at
            // times while the client is still writing it, which the client sees as a reset.
            const hugeAddress = [...Object.values(o.params ?? {}), ...Object.entries(o.query ?? {}).flat()].some((v) => v.length > 16 * 1024);
            if (hugeAddress && (cause?.code === "ECONNRESET" || cause?.code === "EPIPE")) return null;
            // Otherwise the connection failing is a finding: say which case, and why.
            throw new Error(`${endpoint.source} as ${actor}, ${what}: ${error instanceof Error ? error.message : String(error)}${cause?.message ? ` (${cause.message})` : ""}`);
          });
          if (!answer) {
            expect(changedTables(before, await fingerprint()), `${endpoint.source} as ${actor}, ${what}: reset, yet data changed`).toEqual([]);
            return;
          }
          const where = `${endpoint.source} as ${actor}, ${what} → ${answer.status} ${answer.text.slice(0, 200)}`;
          expect(answer.status, where).toBeLessThan(500);
          // Node itself refuses an address or headers over 16 KB, without a body.
          if (answer.status === 431 || answer.status === 414) return;
          let refused = answer.status >= 300;
          if (kind === "action" && answer.status === 200) {
            expect(answer.result, where).not.toBeNull();
            refused = !answer.result!.ok;
            if (refused) expect(answer.result!.message, where).toBeTruthy();
          } else if (kind === "api" && answer.status >= 400) {
            const isJson = (answer.headers.get("content-type") ?? "").includes("json");
            // A raw "/" or "%" in a path can make the address match no route: Next.js's 404 page.
            if (isJson) expect((answer.json as { error?: { message?: string } })?.error?.message, where).toBeTruthy();
            else expect(answer.status, where).toBe(404);
          } else if (answer.status >= 400) {
            expect(answer.text.length, where).toBeGreaterThan(0);
          }
          if (refused) expect(changedTables(before, await fingerprint()), `${where}: a refused request changed data`).toEqual([]);
          // An accepted case did what the entry does (or a harmless variant of it): put the
          // world back, so the next case — and the next endpoint — starts from the same one.
          else await endpoint.undo?.(w, actor);
        }),
        { numRuns: endpoint.fuzz?.runs ?? RUNS, seed, endOnFailure: true },
      );
      if (outcome.failed) {
        // The counterexample can be megabytes: say what the case was, shortly, and how to replay it.
        const error = outcome.errorInstance instanceof Error ? outcome.errorInstance.message : String(outcome.errorInstance);
        throw new Error(`fuzz case failed (replay: FC_SEED=${outcome.seed}): ${error.slice(0, 1500)}`);
      }
    });
  }
});
