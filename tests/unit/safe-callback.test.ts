import { describe, expect, test } from "vitest";
import { safeCallback } from "@/lib/safe-callback";

describe("after sign-in, only paths on this site", () => {
  test.each([
    ["/courses/x/readings/y#p-3", "/courses/x/readings/y#p-3"],
    ["/courses?tab=1", "/courses?tab=1"],
    ["http://colloquy.invalid/courses", "/courses"],
  ])("%s stays %s", (input, out) => expect(safeCallback(input)).toBe(out));

  test.each(["//evil.com", "/\\evil.com", "/%09/evil.com", "/\t/evil.com", "https://evil.com/", "https://x//evil.com", "javascript:alert(1)", "", undefined])(
    "%s goes home",
    (input) => {
      const out = safeCallback(input);
      expect(new URL(out, "https://colloquy.example").origin).toBe("https://colloquy.example");
      expect(out.startsWith("/") && !out.startsWith("//")).toBe(true);
    },
  );
});
