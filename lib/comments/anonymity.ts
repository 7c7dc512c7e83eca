import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { isStaffRole } from "@/lib/auth/membership";
import type { Viewer } from "@/lib/comments/visibility";

/**
 * Anonymity to classmates. A student's comment posted anonymously (where the course allows
 * it: Course.allowAnonymous, lib/comments/privacy.ts) shows to other students as
 * "Classmate A", "Classmate B"… — one letter per anonymous author, stable within a thread
 * (in the order each first posted anonymously in it; so an anonymous thread's first
 * author is always "Classmate A"). Its author and the course staff see the real name.
 * The real name and user id never leave the server for such a viewer: every comment view
 * goes through lib/comments/view-comments.ts, which asks `isMaskedFor`.
 */

/** Does this reading allow anonymous posts? Its own setting (Reading.allowAnonymous: true
 *  or false) wins; null follows the course's. */
export const anonymityAllowed = (course: { allowAnonymous: boolean }, reading?: { allowAnonymous: boolean | null } | null) => reading?.allowAnonymous ?? course.allowAnonymous;

/** May this member post anonymously here? (Students, on a reading — or in a course — that allows it.) */
export const canPostAnonymously = (course: { allowAnonymous: boolean }, role: Viewer["role"], reading?: { allowAnonymous: boolean | null } | null) =>
  anonymityAllowed(course, reading) && role === "STUDENT";

/** Does this viewer see this comment's author as a pseudonym? */
export const isMaskedFor = (viewer: Viewer, comment: { anonymous: boolean; authorId: string }) =>
  comment.anonymous && comment.authorId !== viewer.userId && !isStaffRole(viewer.role);

/** 0 → "A", 25 → "Z", 26 → "AA"… */
export function classmateLetter(index: number): string {
  let n = index;
  let out = "";
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

export const classmateName = (index: number) => `Classmate ${classmateLetter(index)}`;

/** Per thread root, each anonymous author's pseudonym ("Classmate A"…), keyed `${rootId} ${authorId}`. */
export async function loadClassmateNames(rootIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (rootIds.length === 0) return names;
  const rows = await db.$queryRaw<{ root: string; authorId: string }[]>`
    SELECT COALESCE(c."rootId", c."id") AS root, c."authorId", min(c."createdAt") AS first
    FROM "Comment" c
    WHERE c."anonymous" AND (c."rootId" IN (${Prisma.join(rootIds)}) OR c."id" IN (${Prisma.join(rootIds)}))
    GROUP BY 1, 2
    ORDER BY 1, 3, 2`;
  let root = "";
  let index = 0;
  for (const r of rows) {
    if (r.root !== root) {
      root = r.root;
      index = 0;
    }
    names.set(`${r.root} ${r.authorId}`, classmateName(index++));
  }
  return names;
}
