import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { cleanText, hasVisibleText, idSchema, isSlug, visibleText } from "@/lib/validations/text";
import { displayNameSchema, namesClash, staffTitleIn } from "@/lib/validations/display-name";
import { createCommentSchema } from "@/lib/validations/comment";
import { clientIp, normaliseAddress } from "@/lib/net/client-ip";

describe("text that PostgreSQL will take", () => {
  test("NUL and other controls are removed, lone surrogates replaced, line endings unified", () => {
    expect(cleanText("a\u0000b\u0007c\r\nd\re\tf")).toBe("abc\nd\ne\tf");
    expect(cleanText("x\ud800y")).toBe("x\ufffdy");
  });

  test("property: cleaned text has no NUL, no lone surrogate, and cleaning twice changes nothing", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        const c = cleanText(s);
        return !c.includes("\u0000") && c.isWellFormed() && cleanText(c) === c;
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  test("invisible-only text is not visible; one letter, digit, emoji or mark on a letter is", () => {
    for (const s of ["", "   ", "\u200b\u200b", "\u202e", "\u2066\u2069", "\ufeff", "\u3164", "\u2800", "\u0301\u0301", "\u00ad", "\u200d"]) {
      expect(hasVisibleText(s), JSON.stringify(s)).toBe(false);
    }
    for (const s of ["a", "\u202eabc", "7", "😀", "é", "ß", "中", "?", "\u200bx"]) expect(hasVisibleText(s), s).toBe(true);
  });

  test("a comment made only of zero-width or direction characters is refused with a message", () => {
    const base = { readingId: "r1", blockId: "b1" };
    for (const body of ["\u200b\u200b\u200b", "\u202e", "\u2067\u2069 \u200f"]) {
      const r = createCommentSchema.safeParse({ ...base, body });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/Write something/);
    }
    expect(createCommentSchema.safeParse({ ...base, body: "\u202eright-to-left is fine with words" }).success).toBe(true);
  });

  test("ids: letters, digits, _ and - only; NUL, percent-junk, huge values refused", () => {
    const id = idSchema("paragraph");
    expect(id.safeParse("cmabc123xyz").success).toBe(true);
    for (const bad of ["", "\u0000", "a\u0000b", "%ff", "x".repeat(65), "a b", "../x", 42, null]) {
      const r = id.safeParse(bad);
      expect(r.success, String(bad)).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/paragraph/);
    }
    expect(isSlug("intro-to-ethics-2")).toBe(true);
    expect(isSlug("\u0000")).toBe(false);
    expect(isSlug("Ab")).toBe(false);
  });

  test("visibleText bounds the work before cleaning", () => {
    const t = visibleText({ max: 10, empty: "empty", tooLong: "too long" });
    expect(t.safeParse("x".repeat(1_000_000)).error?.issues[0]?.message).toBe("too long");
    expect(t.safeParse("  hi  ").data).toBe("hi");
  });
});

describe("display names", () => {
  const refused = (name: string) => {
    const r = displayNameSchema.safeParse(name);
    return r.success ? null : r.error.issues[0]!.message;
  };

  test("titles that pass for staff are refused, also in look-alike letters", () => {
    for (const name of ["Prof. Helen Marsh", "Professor Marsh", "Dr Who", "Sam (TA)", "Sam TA", "T.A. Sam", "Course Instructor", "admin", "Moderator Max", "Teaching Assistant Jo", "Рrof. Helen Marsh", "ＰＲＯＦ Marsh", "Sam (ta)", "Colloquy Support"]) {
      expect(refused(name), name).toMatch(/titles/);
    }
    expect(staffTitleIn("Ρrοf Marsh")).toBe("prof"); // Greek Rho and omicron
  });

  test("ordinary names pass, in any script, including ones that contain title letters", () => {
    for (const name of ["Helen Marsh", "Ta Minh", "Drew Profeta", "Tomás Reyes", "Ана Иванова", "李小龍", "Ngozi Adichie-Okafor", "محمد", "श्री", "Tad Adams"]) {
      expect(refused(name), name).toBeNull();
    }
  });

  test("invisible or formatting-only names are refused; spacing is tidied", () => {
    expect(refused("\u200b\u200b")).toMatch(/Enter the name/);
    expect(refused("\u202e")).toMatch(/Enter the name/);
    expect(refused("Sam\u202eOkafor")).toMatch(/invisible formatting/);
    expect(refused("")).toMatch(/Enter the name/);
    expect(refused("x".repeat(81))).toMatch(/under 80/);
    expect(displayNameSchema.parse("  Sam \n  Okafor ")).toBe("Sam Okafor");
  });

  test("names that look the same have one key: titles, case, spacing, accents, homoglyphs", () => {
    for (const same of ["Helen Marsh", "helen marsh", "HELEN  MARSH", "Неlen Mаrsh", "Hélèn Mársh", "Helen-Marsh", "Dr Helen Marsh", "He1en Marsh"]) {
      expect(namesClash("Prof. Helen Marsh", same), same).toBe(true);
    }
    expect(namesClash("Ivan Petrov", "lvan Petrov")).toBe(true);
    expect(namesClash("Prof. Helen Marsh", "Helen Marshall")).toBe(false);
    expect(namesClash("Sam Okafor", "Sam Okafor-Reyes")).toBe(false);
  });
});

describe("client address", () => {
  const h = (init: Record<string, string>) => new Headers(init);
  test("directly connected: the stamped TCP peer wins over a forged X-Forwarded-For", () => {
    expect(clientIp(h({ "x-forwarded-for": "6.6.6.6", "x-colloquy-peer": "::ffff:10.0.0.7" }), {})).toBe("10.0.0.7");
  });
  test("behind N trusted proxies: the N-th address from the right", () => {
    const headers = h({ "x-forwarded-for": "6.6.6.6, 203.0.113.9", "x-colloquy-peer": "10.0.0.2" });
    expect(clientIp(headers, { COLLOQUY_TRUSTED_PROXIES: "1" })).toBe("203.0.113.9");
    expect(clientIp(headers, { COLLOQUY_TRUSTED_PROXIES: "9" })).toBe("6.6.6.6");
  });
  test("IPv6 clients are grouped by /64", () => {
    expect(normaliseAddress("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(normaliseAddress("[2001:0db8:0001:0002:0:0:0:9]")).toBe("2001:db8:1:2::/64");
    expect(normaliseAddress("::1")).toBe("0:0:0:0::/64");
  });
});
