/**
 * Taking a turn at the reads gate (lib/net/admission.ts) in a route handler or a page.
 *
 * A route handler: `const release = await enterRead(); if (!release) return readsBusyResponse();`
 * then `try { … } finally { release(); }`.
 *
 * A page: `await takePageTurn();` first thing. The turn is given back when the response is
 * done — by `after()` (next/server: runs once the response has been sent, also after an
 * error, notFound() or redirect()), by the response's "close" (a reader who left), and in any
 * case after READ_TURN_SAFETY_MS, so a turn can never leak. A page that gets no turn within
 * the wait throws ReadsBusyError: Next renders app/error.tsx, which knows the digest and says
 * Colloquy is busy, and the status becomes 503 with Retry-After (not Next's 500 for a thrown
 * error; lib/net/request-scope.ts).
 */
import "server-only";
import type http from "node:http";
import { after } from "next/server";
import { READS_BUSY_DIGEST, READS_BUSY_MESSAGE, READS_BUSY_RETRY_AFTER_SECONDS, readsGate } from "./admission";
import { currentResponse } from "./request-scope";

/** Longest a page keeps its turn, whatever happens to its response. */
export const READ_TURN_SAFETY_MS = 60_000;

export class ReadsBusyError extends Error {
  readonly digest = READS_BUSY_DIGEST;
  constructor() {
    super(READS_BUSY_MESSAGE);
    this.name = "ReadsBusyError";
  }
}

/** A turn for a route handler: its release (call it exactly once, in a finally), or null when
 *  no turn came within the wait (answer readsBusyResponse()). */
export async function enterRead(): Promise<(() => void) | null> {
  const gate = readsGate();
  return gate ? gate.enter() : () => {};
}

export function readsBusyResponse(): Response {
  return Response.json(
    { error: { code: "UNAVAILABLE", message: READS_BUSY_MESSAGE } },
    { status: 503, headers: { "Retry-After": String(READS_BUSY_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
  );
}

/** A turn for a page render, given back when its response is done (see above). */
export async function takePageTurn(): Promise<void> {
  const gate = readsGate();
  if (!gate) return;
  const response = currentResponse();
  const release = await gate.enter();
  if (!release) {
    if (response) answer503(response);
    throw new ReadsBusyError();
  }
  const timer = setTimeout(release, READ_TURN_SAFETY_MS);
  timer.unref();
  const done = () => {
    clearTimeout(timer);
    release();
  };
  try {
    after(done);
  } catch (error) {
    done();
    throw error;
  }
  if (response) {
    if (response.destroyed || response.socket?.destroyed) {
      // The reader gave up while waiting for the turn: nobody to render for.
      done();
      throw new ReadsBusyError();
    }
    response.once("close", done);
  }
}

/** Next answers a page that threw with 500: this one was refused a turn, so 503 + Retry-After. */
function answer503(response: http.ServerResponse) {
  const writeHead = response.writeHead;
  response.writeHead = function (this: http.ServerResponse, status: number, ...rest: unknown[]) {
    if (status === 500) {
      status = 503;
      if (typeof rest[0] === "string") rest.shift(); // its reason phrase
      this.setHeader("Retry-After", String(READS_BUSY_RETRY_AFTER_SECONDS));
      this.setHeader("Cache-Control", "no-store");
    }
    return (writeHead as (...a: unknown[]) => http.ServerResponse).call(this, status, ...rest);
  } as typeof response.writeHead;
}
