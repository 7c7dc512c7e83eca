import { afterAll, beforeAll, describe, expect, test } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { currentResponse, installRequestScope } from "@/lib/net/request-scope";

// The scope a reading page refused a read turn uses to answer 503 (lib/net/read-turn.ts).
let server: http.Server;
let url: string;
const seen: boolean[] = [];

beforeAll(async () => {
  installRequestScope();
  installRequestScope(); // idempotent: wrapped once
  server = http.createServer((request, response) => {
    void (async () => {
      // Deep inside the handling, after awaits and timers, the same response.
      await new Promise((r) => setTimeout(r, 5));
      await Promise.resolve();
      seen.push(currentResponse() === response);
      response.end("ok");
    })();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("the request scope", () => {
  test("each request's handling sees its own response, also when requests overlap; none outside a request", async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => fetch(url).then((r) => r.text())));
    expect(answers).toEqual(Array(5).fill("ok"));
    expect(seen).toEqual(Array(5).fill(true));
    expect(currentResponse()).toBeNull();
  });
});
