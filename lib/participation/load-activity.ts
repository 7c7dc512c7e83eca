import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";

export interface ActivityRow {
  studentId: string;
  /** Day in the course's time zone, "YYYY-MM-DD". */
  day: string;
  comments: number;
  replies: number;
}

/** Students' visible posts per student per day, in the course's time zone (for the
 *  activity chart and the sparklines). The caller has authorised. */
export async function loadActivity(options: { courseId: string; timeZone: string; studentId?: string }): Promise<ActivityRow[]> {
  const student = options.studentId ? Prisma.sql`AND c."authorId" = ${options.studentId}` : Prisma.empty;
  return db.$queryRaw<ActivityRow[]>`
    SELECT c."authorId" AS "studentId",
           to_char((c."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${options.timeZone}, 'YYYY-MM-DD') AS day,
           count(*) FILTER (WHERE c."parentId" IS NULL)::int AS comments,
           count(*) FILTER (WHERE c."parentId" IS NOT NULL)::int AS replies
    FROM "Comment" c
    JOIN "Membership" m ON m."userId" = c."authorId" AND m."courseId" = c."courseId" AND m.role = 'STUDENT'
    WHERE c."courseId" = ${options.courseId} AND c.status = 'VISIBLE' AND c.visibility <> 'PRIVATE' ${student}
    GROUP BY 1, 2
    ORDER BY 2`;
}
