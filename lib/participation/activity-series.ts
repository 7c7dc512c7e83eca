/** Shaping activity rows for charts. Pure. */

export interface DayCount {
  day: string;
  comments: number;
  replies: number;
}

const DAY = 86_400_000;
const toDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const parseDay = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** Every day from the first to `until` (inclusive), zeros filled in, rows summed per day. */
export function dailySeries(rows: DayCount[], until: string): DayCount[] {
  if (rows.length === 0) return [];
  const byDay = new Map<string, DayCount>();
  for (const r of rows) {
    const d = byDay.get(r.day) ?? { day: r.day, comments: 0, replies: 0 };
    d.comments += r.comments;
    d.replies += r.replies;
    byDay.set(r.day, d);
  }
  const first = Math.min(...[...byDay.keys()].map(parseDay));
  const last = Math.max(parseDay(until), ...[...byDay.keys()].map(parseDay));
  const out: DayCount[] = [];
  for (let t = first; t <= last && out.length < 3660; t += DAY) out.push(byDay.get(toDay(t)) ?? { day: toDay(t), comments: 0, replies: 0 });
  return out;
}

/** Posts per week for the last `weeks` weeks ending with `until`'s week (Monday-based),
 *  oldest first: the sparkline beside each student. */
export function weeklyCounts(rows: { day: string; comments: number; replies: number }[], until: string, weeks = 12): number[] {
  const end = parseDay(until);
  const monday = end - ((new Date(end).getUTCDay() + 6) % 7) * DAY;
  const start = monday - (weeks - 1) * 7 * DAY;
  const out = new Array<number>(weeks).fill(0);
  for (const r of rows) {
    const t = parseDay(r.day);
    if (t < start || t >= monday + 7 * DAY) continue;
    out[Math.floor((t - start) / (7 * DAY))]! += r.comments + r.replies;
  }
  return out;
}
