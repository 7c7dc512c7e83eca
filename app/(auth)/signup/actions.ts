"use server";
import { db } from "@/lib/db";
import { toActionError, type ActionResult } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";

/** Public by design (anyone may sign up); input is validated by createUser. */
export async function signUpAction(input: { name: string; email: string; password: string }): Promise<ActionResult> {
  try {
    await createUser(db, input);
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error, "sign up");
  }
}
