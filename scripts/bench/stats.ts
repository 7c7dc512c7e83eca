/** Small statistics for the benchmark's figures. Pure. */

/** Nearest-rank percentile (p in 0–100) of unsorted values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const median = (values: readonly number[]) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Round to `digits` significant-enough decimals for a report (keeps small ratios readable). */
export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  const d = abs !== 0 && abs < 1 ? Math.max(digits, 3) : digits;
  const f = 10 ** d;
  return Math.round(value * f) / f;
}

/** "median 12.3 (min 11.0, max 14.2; 3 runs)" or just "12.3" for one run. */
export function describeRuns(values: readonly number[], unit = ""): string {
  const u = unit ? ` ${unit}` : "";
  if (values.length <= 1) return `${round(values[0] ?? NaN)}${u}`;
  return `${round(median(values))}${u} (median of ${values.length}: ${values.map((v) => round(v)).join(", ")})`;
}
