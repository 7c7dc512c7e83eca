/** Uploads are kept a day after their import finished (for re-runs that undo a repair), the
 *  task rows a week. No `server-only`: runs in the job runner. */
import { db } from "@/lib/db";
import { Prisma } from "@/generated/prisma/client";

export async function cleanUpTasks(now = new Date()) {
  const day = new Date(now.getTime() - 24 * 3600_000);
  const week = new Date(now.getTime() - 7 * 24 * 3600_000);
  const uploads = await db.backgroundTask.updateMany({ where: { finishedAt: { lt: day }, upload: { not: null } }, data: { upload: null, ocrPages: Prisma.DbNull } });
  const tasks = await db.backgroundTask.deleteMany({ where: { finishedAt: { lt: week } } });
  return { uploadsDropped: uploads.count, tasksDeleted: tasks.count };
}
