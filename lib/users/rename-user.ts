import "server-only";
import { db } from "@/lib/db";
import { AppError, fieldErrors } from "@/lib/errors";
import { changeNameSchema } from "@/lib/validations/auth";
import { assertNameAvailable } from "@/lib/users/assert-name-available";

/** Change the display name classmates see (the same rules as at sign-up, and not the name
 *  of anyone who teaches a course the user is in). */
export async function renameUser(options: { userId: string; input: unknown }) {
  const parsed = changeNameSchema.safeParse(options.input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Check your name.", fieldErrors(parsed.error.issues));
  await assertNameAvailable({ userId: options.userId, name: parsed.data.name });
  return db.user.update({ where: { id: options.userId }, data: { name: parsed.data.name }, select: { id: true, name: true } });
}
