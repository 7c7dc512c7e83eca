/**
 * The Node response each request is answered on, for code deep inside a render that must
 * know it: a reading page refused a read turn (lib/net/read-turn.ts) answers 503 instead of
 * Next's 500 for a thrown error, and gives its turn back when the response is closed. Next.js
 * hands a page no response object, so every incoming request is run inside an
 * AsyncLocalStorage scope here, before Next.js sees it. Loaded once per server process by
 * instrumentation-node.ts; the scope lives on globalThis because the pages and the
 * instrumentation are separate bundles. Outside a server started that way (a unit test), there
 * is no scope and callers do without.
 */
import http from "node:http";
import { AsyncLocalStorage } from "node:async_hooks";

interface Scope {
  response: http.ServerResponse;
}

const KEY = Symbol.for("colloquy.requestScope");
const holder = globalThis as { [KEY]?: AsyncLocalStorage<Scope> };

function storage(): AsyncLocalStorage<Scope> {
  return (holder[KEY] ??= new AsyncLocalStorage<Scope>());
}

/** The response of the request being handled, or null outside one. */
export function currentResponse(): http.ServerResponse | null {
  return storage().getStore()?.response ?? null;
}

const marker = Symbol.for("colloquy.requestScope.installed");
const proto = http.Server.prototype as http.Server & { [marker]?: true };

/** Idempotent: the first call wraps http.Server's "request" event. */
export function installRequestScope(): void {
  if (proto[marker]) return;
  proto[marker] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const response = args[1] as http.ServerResponse;
      return storage().run({ response }, () => emit.apply(this, [event, ...args] as unknown as Parameters<typeof emit>));
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof proto.emit;
}
