/**
 * Taking a turn at the reads gate (lib/net/admission.ts) in a route handler or a page.
 *
 * A route handler: `const turn = await enterRead(); if (turn instanceof Response) return turn;`
 * then `try { … } finally { turn(); }`.
 *
 * A page: `await takePageTurn();` first thing. The turn is given back when the response is
 * done — by `after()` (next/server: runs once the response has been sent, also after an
 * error, notFound() or redirect()), by the response's "close" (a reader who left), and in any
 * case after READ_TURN_SAFETY_MS, so a turn can never leak. A page that gets no turn within
 * the wait throws ReadsBusyError: Next renders app/error.tsx, which knows the digest and says
 * Colloquy is busy, and the status becomes 503 with Retry-After (not Next's 500 for a thrown
 * error; lib/net/request-scope.ts).
 *
 * Before the gate, the session's own share: at most `reads` (lib/rate-limit/limits.ts, 8 by
 * default) of its reads held or waiting at once in this instance — one script's hundreds of
 * requests would otherwise fill the queue ahead of every other reader. Past it the read is
 * refused at once: 429 with Retry-After and a sentence (a page: app/error.tsx says it). Taken
 * from the session cookie alone (decrypted once, cached), before any query; a request with no
 * session takes no turn, as its guard refuses it at once. A read whose client goes away
 * while it waits leaves the line and gives its share back at once.
 */
import "server-only";
import type http from "node:http";
import { after } from "next/server";
import { readSessionToken } from "@/lib/auth/session";
import { LIMITS } from "@/lib/rate-limit/limits";
import { READS_BUSY_DIGEST, READS_BUSY_MESSAGE, READS_BUSY_RETRY_AFTER_SECONDS, READS_TOO_MANY_DIGEST, readsGate } from "./admission";
import { READS_TOO_MANY_RETRY_AFTER_SECONDS, readShareKey, takeReadShare, tooManyReadsResponse } from "./read-share";
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

export class TooManyReadsError extends Error {
  readonly digest = READS_TOO_MANY_DIGEST;
  constructor() {
    super(LIMITS.reads.what);
    this.name = "TooManyReadsError";
  }
}

type Refusal = "busy" | "too-many";

/** The session's share, then the instance's gate: a release for both, or why not. */
async function takeTurn(response: http.ServerResponse | null): Promise<(() => void) | Refusal> {
  const key = readShareKey(await readSessionToken());
  if (!key) return () => {};
  // Per session (lib/net/read-share.ts); proxy.ts has refused most reads past it already.
  const releaseShare = takeReadShare(key);
  if (!releaseShare) return "too-many";
  const gate = readsGate();
  if (!gate) return releaseShare;
  // A reader who leaves while waiting leaves the line, and gives the share back, at once.
  const gone = new AbortController();
  const leave = () => gone.abort();
  response?.once("close", leave);
  const release = await gate.enter(gone.signal);
  response?.off("close", leave);
  if (!release) {
    releaseShare();
    return "busy";
  }
  return () => {
    release();
    releaseShare();
  };
}

/** A turn for a route handler: its release (call it exactly once, in a finally), or the
 *  response to answer instead — 429 when this account already has its share of reads in
 *  flight, 503 when no turn came within the wait. */
export async function enterRead(): Promise<(() => void) | Response> {
  const turn = await takeTurn(currentResponse());
  if (turn === "too-many") return tooManyReadsResponse();
  if (turn === "busy") {
    return Response.json(
      { error: { code: "UNAVAILABLE", message: READS_BUSY_MESSAGE } },
      { status: 503, headers: { "Retry-After": String(READS_BUSY_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
    );
  }
  return turn;
}

/** A turn for a page render, given back when its response is done (see above). */
export async function takePageTurn(): Promise<void> {
  const response = currentResponse();
  const release = await takeTurn(response);
  if (release === "too-many") {
    if (response) answerInstead(response, 429, READS_TOO_MANY_RETRY_AFTER_SECONDS);
    throw new TooManyReadsError();
  }
  if (release === "busy") {
    if (response) answerInstead(response, 503, READS_BUSY_RETRY_AFTER_SECONDS);
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

/** Next answers a page that threw with 500: this one was refused a turn, so `status` (503 or
 *  429) with Retry-After. */
function answerInstead(response: http.ServerResponse, instead: number, retryAfterSeconds: number) {
  const writeHead = response.writeHead;
  response.writeHead = function (this: http.ServerResponse, status: number, ...rest: unknown[]) {
    if (status === 500) {
      status = instead;
      if (typeof rest[0] === "string") rest.shift(); // its reason phrase
      this.setHeader("Retry-After", String(retryAfterSeconds));
      this.setHeader("Cache-Control", "no-store");
    }
    return (writeHead as (...a: unknown[]) => http.ServerResponse).call(this, status, ...rest);
  } as typeof response.writeHead;
}
