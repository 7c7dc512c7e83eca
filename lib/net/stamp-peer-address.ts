/**
 * Stamps every incoming HTTP request with its TCP peer's address (PEER_HEADER), replacing
 * anything the client sent under that name, before Next.js sees it. Next.js exposes no
 * socket to route handlers and keeps a client-supplied X-Forwarded-For, so without this a
 * per-address limit could be dodged with one header. Loaded once per server process by
 * instrumentation-node.ts.
 */
import http from "node:http";
import { PEER_HEADER } from "./client-ip";

const marker = Symbol.for("colloquy.stampPeerAddress");
const proto = http.Server.prototype as http.Server & { [marker]?: true };

if (!proto[marker]) {
  proto[marker] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "unknown";
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof proto.emit;
}
