import { parse } from "csv-parse/sync";
import type { Role } from "@/generated/prisma/client";
import { emailSchema } from "@/lib/validations/auth";
import { ROSTER_MAX_ROWS } from "@/lib/validations/roster";

export interface RosterRow {
  line: number;
  email: string;
  name: string | null;
  role: Role | null;
}
export interface RosterRowError {
  line: number;
  text: string;
  message: string;
}
export interface ParsedRoster {
  rows: RosterRow[];
  errors: RosterRowError[];
}

const ROLE_WORDS: Record<string, Role> = {
  student: "STUDENT",
  students: "STUDENT",
  learner: "STUDENT",
  ta: "TA",
  "teaching assistant": "TA",
  tutor: "TA",
  instructor: "INSTRUCTOR",
  teacher: "INSTRUCTOR",
  professor: "INSTRUCTOR",
};
const roleOf = (cell: string): Role | undefined => ROLE_WORDS[cell.trim().toLowerCase().replace(/\s+/g, " ")];

const HEADER = {
  email: /^(e-?mail|e-?mail address|login|user ?name)$/i,
  name: /^(name|full ?name|display ?name|student ?name|student)$/i,
  first: /^(first ?name|given ?name|forename)$/i,
  last: /^(last ?name|family ?name|surname)$/i,
  role: /^(role|type)$/i,
};
// "Ada Lovelace <ada@example.edu>", as mail programs copy addresses.
const MAILBOX = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>\s*$/;
const NAME_MAX = 80;

type Columns = { email: number; name?: number; first?: number; last?: number; role?: number };

function headerColumns(cells: string[]): Columns | null {
  const find = (re: RegExp) => {
    const i = cells.findIndex((c) => re.test(c.trim()));
    return i < 0 ? undefined : i;
  };
  const email = find(HEADER.email);
  if (email === undefined) return null;
  return { email, name: find(HEADER.name), first: find(HEADER.first), last: find(HEADER.last), role: find(HEADER.role) };
}

/** One row without a header: the cell with an "@" is the email, a role word is the role,
 *  the rest is the name. */
function guessRow(cells: string[]): { email: string | null; name: string; role: Role | null } {
  let email: string | null = null;
  let role: Role | null = null;
  const rest: string[] = [];
  for (const cell of cells) {
    const mailbox = MAILBOX.exec(cell);
    if (!email && mailbox) {
      email = mailbox[2]!;
      if (mailbox[1]!.trim()) rest.push(mailbox[1]!.trim());
    } else if (!email && cell.includes("@")) email = cell;
    else if (!role && roleOf(cell)) role = roleOf(cell)!;
    else if (cell.trim()) rest.push(cell.trim());
  }
  return { email, name: rest.join(" "), role };
}

/**
 * A pasted or uploaded class list → rows to add, and one message per row that cannot be
 * added (the good rows are still added). Accepts CSV with comma, semicolon or tab (pasted
 * from a spreadsheet), with or without a header row (email, name or first/last name, role),
 * and "Name <email>" lines. Pure: the caller bounds the input's size first.
 */
export function parseRoster(text: string): ParsedRoster {
  const clean = text.replace(/^\uFEFF/, "").replace(/\u0000/g, "");
  const errors: RosterRowError[] = [];
  // Line by line: a roster row never spans lines, so one stray quote spoils only its own
  // row instead of swallowing the rest of the file into one field.
  const records: { line: number; cells: string[]; raw: string }[] = [];
  clean.split(/\r\n|\n|\r/).forEach((raw, i) => {
    if (!raw.trim()) return;
    // A whole line like `"Hopper, Grace" <grace@example.edu>` is one address, not CSV.
    if (MAILBOX.test(raw)) {
      records.push({ line: i + 1, cells: [raw.trim()], raw });
      return;
    }
    try {
      const [cells] = parse(raw, { delimiter: [",", ";", "\t"], relax_quotes: true, trim: true }) as string[][];
      if (cells && cells.some((c) => c.length > 0)) records.push({ line: i + 1, cells, raw });
    } catch {
      errors.push({ line: i + 1, text: shorten(raw), message: "This line could not be read as CSV (check its quotes)." });
    }
  });

  const columns = records.length > 0 ? headerColumns(records[0]!.cells) : null;
  const body = columns ? records.slice(1) : records;
  if (body.length > ROSTER_MAX_ROWS) {
    return { rows: [], errors: [{ line: body[ROSTER_MAX_ROWS]!.line, text: "", message: `A roster can have at most ${ROSTER_MAX_ROWS.toLocaleString("en")} rows — split it into several uploads.` }] };
  }

  const rows: RosterRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells, raw } of body) {
    // The line as it was typed: shown with its message, and put back in the box to fix.
    const text = shorten(raw.trim());
    let email: string | null;
    let name: string;
    let role: Role | null = null;
    if (columns) {
      email = cells[columns.email] ?? null;
      const mailbox = email ? MAILBOX.exec(email) : null;
      if (mailbox) email = mailbox[2]!;
      name = columns.name !== undefined ? (cells[columns.name] ?? "") : [columns.first, columns.last].map((i) => (i === undefined ? "" : (cells[i] ?? ""))).join(" ");
      if (!name.trim() && mailbox) name = mailbox[1]!;
      if (columns.role !== undefined && cells[columns.role]?.trim()) {
        const r = roleOf(cells[columns.role]!);
        if (!r) {
          errors.push({ line, text, message: `"${cells[columns.role]}" is not a role: use student, TA or instructor.` });
          continue;
        }
        role = r;
      }
    } else {
      ({ email, name, role } = guessRow(cells));
    }
    if (!email?.trim()) {
      errors.push({ line, text, message: "No email address on this line." });
      continue;
    }
    const valid = emailSchema.safeParse(email);
    if (!valid.success) {
      errors.push({ line, text, message: `"${email.trim()}" is not an email address.` });
      continue;
    }
    name = name.replace(/\s+/g, " ").trim();
    if (name.length > NAME_MAX) {
      errors.push({ line, text, message: `The name is longer than ${NAME_MAX} characters.` });
      continue;
    }
    const first = seen.get(valid.data);
    if (first !== undefined) {
      errors.push({ line, text, message: `${valid.data} is already on line ${first}.` });
      continue;
    }
    seen.set(valid.data, line);
    rows.push({ line, email: valid.data, name: name || null, role });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
}

const shorten = (l: string) => (l.length > 200 ? `${l.slice(0, 197)}…` : l);
