import { TZDate } from "@date-fns/tz";

/**
 * Dates in a course's time zone. Schedules are entered and shown in the course's zone
 * (Course.timeZone), on the server, so every member sees the same "due Fri 14 Mar, 23:59"
 * and the HTML does not depend on the viewer's machine. Pure: no server-only, so client
 * islands and unit tests use the same functions.
 */

const LOCALE = "en-GB";
const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone })));
  return f;
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone: value });
    return value.length > 0 && value.length <= 64;
  } catch {
    return false;
  }
}

/** "Fri 14 Mar, 23:59" (with the year when it is not `now`'s year: "Sat 1 Jan 2028, 09:00"). */
export function formatDateTime(date: Date, timeZone: string, now = new Date()): string {
  const parts = (d: Date) =>
    Object.fromEntries(
      formatter(timeZone, { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
        .formatToParts(d)
        .map((p) => [p.type, p.value]),
    );
  const p = parts(date);
  const year = p.year === parts(now).year ? "" : ` ${p.year}`;
  return `${p.weekday} ${p.day} ${p.month}${year}, ${p.hour}:${p.minute}`;
}

/** "14 Mar 2027" */
export function formatDate(date: Date, timeZone: string): string {
  return formatter(timeZone, { day: "numeric", month: "short", year: "numeric" }).format(date);
}

/** The wall-clock value for an <input type="datetime-local"> in `timeZone`: "2027-03-14T23:59". */
export function toZonedInput(date: Date | null, timeZone: string): string {
  if (!date) return "";
  const parts = Object.fromEntries(
    formatter(timeZone, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

const INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The instant a wall-clock "2027-03-14T23:59" means in `timeZone` (a time skipped by a
 *  daylight-saving change moves forward, as clocks do). Null when it is not such a value. */
export function fromZonedInput(value: string, timeZone: string): Date | null {
  const m = INPUT.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null; // 31 February
  return new Date(new TZDate(year, month - 1, day, hour, minute, timeZone).getTime());
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "in 3 days", "2 hours ago", "now". */
export function formatRelative(date: Date, now = new Date()): string {
  const diff = date.getTime() - now.getTime();
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return "now";
}
