import { describe, expect, test } from "vitest";
import { parseRoster } from "@/lib/courses/parse-roster";

describe("reading a class list", () => {
  test("a CSV with a header: email, name, role in any order; first and last name columns", () => {
    expect(parseRoster("Name,Email,Role\nAda Lovelace,Ada@Example.edu,TA\nAlan Turing,alan@example.edu,").rows).toEqual([
      { line: 2, email: "ada@example.edu", name: "Ada Lovelace", role: "TA" },
      { line: 3, email: "alan@example.edu", name: "Alan Turing", role: null },
    ]);
    expect(parseRoster("First name;Last name;E-mail\nGrace;Hopper;grace@example.edu").rows).toEqual([
      { line: 2, email: "grace@example.edu", name: "Grace Hopper", role: null },
    ]);
  });

  test("pasted lines without a header: bare emails, tab-separated spreadsheet cells, mail-program addresses", () => {
    const text = ["\uFEFFada@example.edu", "Alan Turing\talan@example.edu\tstudent", '"Hopper, Grace" <grace@example.edu>', "", "x"].join("\r\n");
    const { rows, errors } = parseRoster(text);
    expect(rows).toEqual([
      { line: 1, email: "ada@example.edu", name: null, role: null },
      { line: 2, email: "alan@example.edu", name: "Alan Turing", role: "STUDENT" },
      { line: 3, email: "grace@example.edu", name: "Hopper, Grace", role: null },
    ]);
    expect(errors).toEqual([{ line: 5, text: "x", message: "No email address on this line." }]);
  });

  test("every bad row gets its own message and line number; the good rows stay", () => {
    const { rows, errors } = parseRoster(
      ["email,name", "good@example.edu,Good", "bad@,Bad", '"unclosed, x@example.edu', "good@example.edu,Again", `long@example.edu,${"n".repeat(81)}`, ",No email"].join("\n"),
    );
    expect(rows.map((r) => r.email)).toEqual(["good@example.edu"]);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [3, '"bad@" is not an email address.'],
      [4, "This line could not be read as CSV (check its quotes)."],
      [5, "good@example.edu is already on line 2."],
      [6, "The name is longer than 80 characters."],
      [7, "No email address on this line."],
    ]);
  });

  test("NUL bytes are dropped and a huge list is refused with one message", () => {
    expect(parseRoster("a\u0000@example.edu").rows[0]?.email).toBe("a@example.edu");
    const big = parseRoster(Array.from({ length: 2001 }, (_, i) => `p${i}@example.edu`).join("\n"));
    expect(big.rows).toEqual([]);
    expect(big.errors).toEqual([{ line: 2001, text: "", message: "A roster can have at most 2,000 rows — split it into several uploads." }]);
  });
});
