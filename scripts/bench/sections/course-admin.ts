import { BENCH_COURSE, runCourseAdminBench, seedBenchCourse } from "../../../lib/participation/bench";
import type { BenchSection } from "../types";

/** The instructor's participation pages and exports for a class-sized course. */
export const courseAdmin: BenchSection = {
  id: "course-admin",
  title: `Course administration: ${BENCH_COURSE.students} students, ${BENCH_COURSE.readings} readings, ${BENCH_COURSE.comments.toLocaleString("en")} comments`,
  needs: "app",
  keys: {
    admin_seed_s: "s, seeding the course (set-up, not the app)",
    participation_page_p50_ms: "ms, the participation page p50",
    participation_page_kb: "KB of HTML of the participation page",
    participation_reading_p50_ms: "ms, one reading's grading view p50",
    grades_csv_p50_ms: "ms, the grades CSV p50",
    comments_csv_mb: "MB, the export of every comment",
    comments_csv_ms: "ms, that export end to end",
    comments_csv_first_byte_ms: "ms, that export's first byte",
    comments_csv_rss_growth_mb: "MB, the server's peak resident memory while streaming minus before (flat = streamed)",
  },
  async run(ctx) {
    const t0 = performance.now();
    await seedBenchCourse(ctx.db, ctx.volume.password);
    const seeded = (performance.now() - t0) / 1000;
    ctx.figure("admin_seed_s", seeded);
    const cookie = await ctx.session(BENCH_COURSE.instructor);
    const admin = await runCourseAdminBench({ baseUrl: ctx.baseUrl, cookie, serverPid: ctx.serverPid });
    const mb = (kb: number) => kb / 1024;
    ctx.line(`participation page p50 ${admin.page.p50.toFixed(0)} ms (${(admin.page.bytes / 1024).toFixed(0)} KB HTML); one reading p50 ${admin.reading.p50.toFixed(0)} ms; grades CSV p50 ${admin.grades.p50.toFixed(0)} ms`);
    ctx.line(
      `all comments CSV ${(admin.export.bytes / 1024 / 1024).toFixed(1)} MB in ${admin.export.ms.toFixed(0)} ms (first byte ${admin.export.firstByteMs.toFixed(0)} ms); ` +
        `server RSS ${mb(admin.export.rssBeforeKb).toFixed(0)} MB before, peak ${mb(admin.export.rssPeakKb).toFixed(0)} MB while streaming`,
    );
    ctx.figure("participation_page_p50_ms", admin.page.p50);
    ctx.figure("participation_page_kb", admin.page.bytes / 1024);
    ctx.figure("participation_reading_p50_ms", admin.reading.p50);
    ctx.figure("grades_csv_p50_ms", admin.grades.p50);
    ctx.figure("comments_csv_mb", admin.export.bytes / 1024 / 1024);
    ctx.figure("comments_csv_ms", admin.export.ms);
    ctx.figure("comments_csv_first_byte_ms", admin.export.firstByteMs);
    if (Number.isFinite(admin.export.rssPeakKb - admin.export.rssBeforeKb)) ctx.figure("comments_csv_rss_growth_mb", mb(admin.export.rssPeakKb - admin.export.rssBeforeKb));
  },
};
