import { describe, expect, test } from "vitest";
import { checkActionBody, MAX_ACTION_DEPTH } from "@/lib/net/action-request";

const plain = "text/plain;charset=UTF-8";

describe("server-action bodies Next.js could not decode are refused before it tries", () => {
  test("what React sends for plain arguments passes", () => {
    expect(checkActionBody(plain, JSON.stringify([{ title: "Ethics", term: "$$escaped", when: "$D2026-01-01T00:00:00.000Z", n: "$n12", u: "$undefined" }]))).toBeNull();
    expect(checkActionBody(plain, "[]")).toBeNull();
  });

  test("malformed JSON, a non-array root, references to parts never sent, deep nesting, too many arguments: 400", () => {
    for (const body of ["{not json", '{"a":1}', '"str"', '["$1"]', '["$Q1"]', '["$F1"]', '[{"x":["$@2"]}]', '["$K1"]', JSON.stringify(Array(17).fill(1))]) {
      expect(checkActionBody(plain, body)?.status, body).toBe(400);
    }
    let deep: unknown = "x";
    for (let i = 0; i <= MAX_ACTION_DEPTH + 1; i++) deep = [deep];
    expect(checkActionBody(plain, JSON.stringify([deep]))?.status).toBe(400);
    // 100,000 levels: the walk is iterative, so the check itself cannot overflow.
    expect(checkActionBody(plain, "[".repeat(100_000) + "]".repeat(100_000))?.status).toBe(400);
  });

  test("anything but a text/plain JSON body: 415", () => {
    expect(checkActionBody("multipart/form-data; boundary=x", "--x--")?.status).toBe(415);
    expect(checkActionBody("application/json", "[]")?.status).toBe(415);
  });
});
