import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { formatDateTime, formatRelative, fromZonedInput, isTimeZone, toZonedInput } from "@/lib/dates";
import { discussionClosedReason, isReadingVisible, nextDue, readingPhase } from "@/lib/readings/schedule";
import { dailySeries, weeklyCounts } from "@/lib/participation/activity-series";
import { csvLines, neutralise } from "@/lib/csv";

describe("dates in a course's time zone", () => {
  test("wall-clock input ↔ instant, across daylight saving", () => {
    expect(fromZonedInput("2027-01-15T23:59", "America/New_York")?.toISOString()).toBe("2027-01-16T04:59:00.000Z");
    expect(fromZonedInput("2027-07-15T23:59", "America/New_York")?.toISOString()).toBe("2027-07-16T03:59:00.000Z");
    expect(toZonedInput(new Date("2027-01-16T04:59:00Z"), "America/New_York")).toBe("2027-01-15T23:59");
    // 02:30 does not exist in Berlin on 28 March 2027: it moves forward, as clocks do.
    expect(fromZonedInput("2027-03-28T02:30", "Europe/Berlin")?.toISOString()).toBe("2027-03-28T01:30:00.000Z");
    for (const bad of ["2027-02-30T10:00", "2027-13-01T10:00", "2027-01-01T24:00", "tomorrow", "2027-01-01 10:00"]) expect(fromZonedInput(bad, "UTC")).toBeNull();
  });

  test("round trip for any minute in any of a few zones", () => {
    const zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2100, 0, 1) / 60_000 }), fc.constantFrom(...zones), (minute, zone) => {
        const instant = new Date(minute * 60_000);
        const back = fromZonedInput(toZonedInput(instant, zone), zone)!;
        // In a repeated hour (clocks going back) the wall clock is ambiguous: the offset may differ by that hour.
        expect(toZonedInput(back, zone)).toBe(toZonedInput(instant, zone));
      }),
      { numRuns: 300 },
    );
  });

  test("formatting", () => {
    const now = new Date("2027-03-10T12:00:00Z");
    expect(formatDateTime(new Date("2027-03-14T22:59:00Z"), "Europe/Berlin", now)).toBe("Sun 14 Mar, 23:59");
    expect(formatDateTime(new Date("2028-01-01T09:00:00Z"), "UTC", now)).toBe("Sat 1 Jan 2028, 09:00");
    expect(formatRelative(new Date(now.getTime() + 3 * 86_400_000), now)).toBe("in 3 days");
    expect(formatRelative(new Date(now.getTime() - 2 * 3_600_000), now)).toBe("2 hours ago");
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});

describe("schedule rules", () => {
  const now = new Date("2027-03-10T12:00:00Z");
  const at = (h: number) => new Date(now.getTime() + h * 3_600_000);
  const r = (o: Partial<{ publishedAt: Date | null; opensAt: Date | null; dueAt: Date | null; closesAt: Date | null }> = {}) => ({
    publishedAt: at(-100),
    opensAt: null,
    dueAt: null,
    closesAt: null,
    ...o,
  });

  test("phases and who sees what", () => {
    expect(readingPhase(r({ publishedAt: null }), now)).toBe("draft");
    expect(readingPhase(r({ opensAt: at(1) }), now)).toBe("upcoming");
    expect(readingPhase(r({ opensAt: at(-1), closesAt: at(1) }), now)).toBe("open");
    expect(readingPhase(r({ closesAt: at(0) }), now)).toBe("closed");
    expect(isReadingVisible("STUDENT", r({ opensAt: at(1) }), now)).toBe(false);
    expect(isReadingVisible("STUDENT", r({ closesAt: at(-1) }), now)).toBe(true);
    expect(isReadingVisible("TA", r({ publishedAt: null }), now)).toBe(true);
  });

  test("why posting is closed, in a sentence", () => {
    const closed = r({ closesAt: new Date("2027-03-09T23:00:00Z") });
    expect(discussionClosedReason({ role: "STUDENT", reading: closed, archivedAt: null, timeZone: "Europe/Berlin" }, now)).toBe(
      "Discussion of this reading closed on Wed 10 Mar, 00:00. You can still read it, but no longer post.",
    );
    expect(discussionClosedReason({ role: "INSTRUCTOR", reading: closed, archivedAt: null, timeZone: "UTC" }, now)).toBeNull();
    expect(discussionClosedReason({ role: "INSTRUCTOR", reading: r(), archivedAt: at(-1), timeZone: "UTC" }, now)).toMatch(/archived/);
    expect(discussionClosedReason({ role: "STUDENT", reading: r({ closesAt: at(1) }), archivedAt: null, timeZone: "UTC" }, now)).toBeNull();
  });

  test("next due skips past and undated readings", () => {
    const list = [{ id: "a", dueAt: at(-1) }, { id: "b", dueAt: null }, { id: "c", dueAt: at(48) }, { id: "d", dueAt: at(2) }];
    expect(nextDue(list, now)?.id).toBe("d");
    expect(nextDue([{ id: "a", dueAt: at(-1) }], now)).toBeNull();
  });
});

describe("activity series and CSV cells", () => {
  test("days are filled in; weeks bucket Monday to Sunday", () => {
    expect(dailySeries([{ day: "2027-03-01", comments: 1, replies: 0 }, { day: "2027-03-03", comments: 0, replies: 2 }], "2027-03-04")).toEqual([
      { day: "2027-03-01", comments: 1, replies: 0 },
      { day: "2027-03-02", comments: 0, replies: 0 },
      { day: "2027-03-03", comments: 0, replies: 2 },
      { day: "2027-03-04", comments: 0, replies: 0 },
    ]);
    // 2027-03-10 is a Wednesday: its week starts Monday 8 March.
    expect(weeklyCounts([{ day: "2027-03-08", comments: 1, replies: 1 }, { day: "2027-03-07", comments: 3, replies: 0 }, { day: "2027-01-01", comments: 9, replies: 0 }], "2027-03-10", 3)).toEqual([0, 3, 2]);
  });

  test("cells a spreadsheet would run as formulas are neutralised; numbers stay numbers", () => {
    expect(neutralise("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(neutralise("@cmd")).toBe("'@cmd");
    expect(neutralise(-3)).toBe(-3);
    expect(csvLines([["a,b", 'say "hi"', null, 2]])).toBe('"a,b","say ""hi""",,2\r\n');
  });
});
