/**
 * The authorization matrix: every endpoint in tests/http/endpoints.ts × every actor
 * (signed out, signed-in non-member, student, TA, instructor, instructor of another course),
 * over HTTP against the built app with real sessions. Allowed calls succeed and do what they
 * say (checked in the database); every other call is refused — 401/403/404, pages redirect
 * to sign-in or show the 404 page — changes no row of any application table, and carries
 * none of course A's content (HTML, RSC payload, JSON), nor what only its staff or only a
 * note's author may see. Then, with the courses archived, every write is refused and
 * changes nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ENDPOINTS, type Endpoint } from "./endpoints";
import { db } from "../support/db";
import { ACTORS, changedTables, fingerprint, makeWorld, restoreWorld, type Actor, type World } from "./support/world";
import { kindOf, mostPrivileged, send } from "./support/send";

let w: World;
let combinations = 0;
beforeAll(async () => {
  w = await makeWorld();
}, 180_000);
afterAll(() => {
  console.log(`[matrix] ${combinations} endpoint × actor combinations checked (${ENDPOINTS.length} endpoints × ${ACTORS.length} actors), plus an RSC request for every refused page`);
});

/** What no refused call may carry: course A's content, its staff's, a private note. */
const secrets = () => [w.marker, w.staffOnly, w.authorOnly];

const CODE_FOR: Record<number, string> = { 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND", 409: "CONFLICT", 422: "INVALID_INPUT" };

/** What an actor who may not use the endpoint gets, unless the entry says otherwise. */
function expectedRefusal(endpoint: Endpoint, actor: Actor): number {
  const listed = endpoint.refusal?.[actor];
  if (listed) return listed;
  if (actor === "signedOut") return 401;
  if (actor === "nonMember" || actor === "otherInstructor") return 404;
  return 403;
}

function expectedOk(endpoint: Endpoint, actor: Actor): number {
  if (typeof endpoint.ok === "number") return endpoint.ok;
  return endpoint.ok?.[actor] ?? 200;
}

describe("authorization matrix", () => {
  for (const endpoint of ENDPOINTS) {
    test(endpoint.source, async () => {
      for (const actor of ACTORS) {
        combinations++;
        const client = w.clients[actor];
        const allowed = endpoint.allowed.includes(actor);
        const kind = kindOf(endpoint);
        const before = allowed ? null : await fingerprint();
        const answer = await send(client, endpoint, w, actor);
        const where = `${endpoint.source} as ${actor}: ${answer.status} ${answer.text.slice(0, 300)}`;

        if (allowed) {
          if (kind === "action") expect(answer.result?.ok, where).toBe(true);
          else expect(answer.status, where).toBe(expectedOk(endpoint, actor));
          await endpoint.check?.(w, answer, actor);
          await endpoint.undo?.(w, actor);
          continue;
        }

        const refusal = expectedRefusal(endpoint, actor);
        if (kind === "action") {
          expect(answer.status, where).toBe(200);
          expect(answer.result?.ok, where).toBe(false);
          expect(answer.result?.code, where).toBe(CODE_FOR[refusal]);
          expect(answer.result?.message, where).toBeTruthy();
        } else if (kind === "page") {
          if (refusal === 401) {
            expect(answer.status, where).toBe(307);
            expect(answer.headers.get("location"), where).toMatch(/^\/signin\?callbackUrl=/);
          } else {
            expect(answer.status, where).toBe(404);
            expect(answer.text, where).toContain("Not found, or not yours to see");
          }
          // The RSC payload a client-side navigation would fetch carries nothing either.
          const rsc = await client.request("GET", answer.url ?? "", { headers: { RSC: "1" } }).catch(() => null);
          if (rsc) for (const secret of secrets()) expect(rsc.text.includes(secret), `${where} (RSC)`).toBe(false);
        } else {
          expect(answer.status, where).toBe(refusal);
          expect((answer.json as { error?: { message?: string } } | undefined)?.error?.message, where).toBeTruthy();
        }
        for (const secret of secrets()) expect(answer.text.includes(secret), `${where}: leaked course A's content (${secret})`).toBe(false);
        const after = await fingerprint();
        expect(changedTables(before!, after), `${where}: a refused request changed data`).toEqual([]);
      }
    });
  }
});

describe("an archived course is read-only", () => {
  test("every write to an archived course is refused, as its entry says, and changes nothing", async () => {
    const writes = ENDPOINTS.filter((e) => e.archived !== undefined);
    expect(writes.length).toBeGreaterThan(20);
    await db.course.updateMany({ where: { id: { in: [w.courseA.id, w.spare.id] } }, data: { archivedAt: new Date() } });
    try {
      for (const endpoint of writes) {
        const actor = mostPrivileged(endpoint);
        const before = await fingerprint();
        const answer = await send(w.clients[actor], endpoint, w, actor);
        const where = `${endpoint.source} as ${actor}, course archived: ${answer.status} ${answer.text.slice(0, 300)}`;
        if (kindOf(endpoint) === "action") {
          expect(answer.result?.ok, where).toBe(false);
          expect(answer.result?.code, where).toBe(CODE_FOR[endpoint.archived!]);
        } else {
          expect(answer.status, where).toBe(endpoint.archived);
          expect((answer.json as { error?: { message?: string } } | undefined)?.error?.message, where).toBeTruthy();
        }
        expect(changedTables(before, await fingerprint()), `${where}: changed data`).toEqual([]);
      }
    } finally {
      await restoreWorld(w);
    }
  });
});
