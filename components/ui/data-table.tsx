"use client";
import { useId, useMemo, useState } from "react";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";

export interface DataColumn {
  key: string;
  label: string;
  /** Numbers sit right-aligned and sort largest first on the first press. */
  numeric?: boolean;
  sortable?: boolean;
  /** Shown to screen readers and on hover when the label is short ("Recv." → "Replies received"). */
  title?: string;
  className?: string;
}

export interface DataRow {
  id: string;
  /** Rendered on the server; `null` shows a muted dash (nothing to show). Plain strings and
   *  numbers keep large tables small: cells travel twice (HTML and the RSC payload). */
  cells: React.ReactNode[];
  /** One value per column to sort by (null sorts last). */
  sort: (string | number | null)[];
  /** What the filter box matches against. */
  text?: string;
}

/**
 * A dense table for staff pages: headers that sort (buttons, so the keyboard works, with
 * aria-sort), an optional filter box, a sticky header and a sticky first column inside a
 * scrolling frame (so it works on a phone), and a live count of the rows shown. Rows and cells are rendered on the
 * server and passed in; only ordering happens here.
 */
export function DataTable({
  caption,
  columns,
  rows,
  initialSort,
  filterLabel,
  empty = "Nothing here yet.",
}: {
  caption: string;
  columns: DataColumn[];
  rows: DataRow[];
  initialSort?: { column: number; direction: "asc" | "desc" };
  filterLabel?: string;
  empty?: string;
}) {
  const [sort, setSort] = useState(initialSort ?? null);
  const [filter, setFilter] = useState("");
  const id = useId();

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const list = needle ? rows.filter((r) => (r.text ?? "").toLowerCase().includes(needle)) : rows.slice();
    if (sort) {
      const dir = sort.direction === "asc" ? 1 : -1;
      list.sort((a, b) => {
        const x = a.sort[sort.column] ?? null;
        const y = b.sort[sort.column] ?? null;
        if (x === y) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        if (typeof x === "number" && typeof y === "number") return (x - y) * dir;
        return String(x).localeCompare(String(y), "en", { sensitivity: "base", numeric: true }) * dir;
      });
    }
    return list;
  }, [rows, sort, filter]);

  function toggle(column: number) {
    setSort((s) =>
      s?.column === column ? { column, direction: s.direction === "asc" ? "desc" : "asc" } : { column, direction: columns[column]?.numeric ? "desc" : "asc" },
    );
  }

  return (
    <div>
      {filterLabel ? (
        <div className="mb-2 flex flex-wrap items-end justify-between gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-filter`} className="text-sm font-medium">
              {filterLabel}
            </label>
            <input
              id={`${id}-filter`}
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              className="w-64 max-w-full rounded-md border border-stone-300 bg-white px-2 py-1 text-sm dark:border-stone-700 dark:bg-stone-900"
            />
          </div>
          <p className="text-sm text-stone-600 dark:text-stone-400" aria-live="polite">
            {shown.length === rows.length ? `${rows.length} ${rows.length === 1 ? "row" : "rows"}` : `${shown.length} of ${rows.length} rows`}
          </p>
        </div>
      ) : null}
      <div className="max-h-[70vh] overflow-auto rounded-lg border border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900" tabIndex={0} role="region" aria-label={caption}>
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">
            {caption}
            {sort ? `, sorted by ${columns[sort.column]?.label} ${sort.direction === "asc" ? "ascending" : "descending"}` : ""}
          </caption>
          <thead className="sticky top-0 z-10 bg-stone-100 dark:bg-stone-800">
            <tr>
              {columns.map((col, i) => {
                const active = sort?.column === i;
                const Icon = active ? (sort!.direction === "asc" ? ArrowUp : ArrowDown) : ArrowUpDown;
                return (
                  <th
                    key={col.key}
                    scope="col"
                    aria-sort={active ? (sort!.direction === "asc" ? "ascending" : "descending") : undefined}
                    className={`whitespace-nowrap border-b border-stone-200 px-2 py-1.5 font-semibold dark:border-stone-700 ${col.numeric ? "text-right" : "text-left"} ${i === 0 ? "sticky left-0 z-10 bg-stone-100 dark:bg-stone-800" : ""} ${col.className ?? ""}`}
                  >
                    {col.sortable === false ? (
                      <span title={col.title}>{col.label}</span>
                    ) : (
                      <button type="button" onClick={() => toggle(i)} title={col.title} className={`inline-flex items-center gap-1 rounded hover:text-accent ${col.numeric ? "flex-row-reverse" : ""}`}>
                        {col.label}
                        {col.title ? <span className="sr-only"> ({col.title})</span> : null}
                        <Icon aria-hidden className={`h-3.5 w-3.5 ${active ? "" : "opacity-40"}`} />
                      </button>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="px-2 py-4 text-center text-stone-600 dark:text-stone-400">
                  {rows.length === 0 ? empty : "No rows match the filter."}
                </td>
              </tr>
            ) : (
              shown.map((row) => (
                <tr key={row.id} className="border-b border-stone-100 last:border-0 hover:bg-stone-50 dark:border-stone-800 dark:hover:bg-stone-800/50">
                  {row.cells.map((cell, i) => {
                    const className = `px-2 py-1.5 align-top ${columns[i]?.numeric ? "text-right tabular-nums" : "text-left"} ${columns[i]?.className ?? ""}`;
                    const content = cell === null ? <span className="text-stone-400 dark:text-stone-500">—</span> : cell;
                    return i === 0 ? (
                      <th key={columns[i]?.key ?? i} scope="row" className={`${className} sticky left-0 bg-white font-normal dark:bg-stone-900`}>
                        {content}
                      </th>
                    ) : (
                      <td key={columns[i]?.key ?? i} className={className}>
                        {content}
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
