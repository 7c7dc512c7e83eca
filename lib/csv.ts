import { stringify } from "csv-stringify/sync";

/** A spreadsheet would run a cell that starts with = + - @ (or a tab/CR before one) as a
 *  formula: text cells get a leading apostrophe (OWASP's advice for CSV injection).
 *  Numbers are left alone, so a negative number is still a number. */
const FORMULA = /^[=+\-@\t\r]/;
export const neutralise = (cell: unknown) => (typeof cell === "string" && FORMULA.test(cell) ? `'${cell}` : cell);

export type CsvCell = string | number | null | undefined;

/** CSV lines (RFC 4180 quoting, CRLF) for these rows. */
export function csvLines(rows: CsvCell[][]): string {
  return stringify(
    rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : neutralise(c)))),
    { record_delimiter: "\r\n" },
  );
}

/** Put at the start of a CSV download so spreadsheet programs read it as UTF-8. */
export const CSV_BOM = "\uFEFF";
