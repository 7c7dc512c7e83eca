"use server";
import { headers } from "next/headers";
import { db } from "@/lib/db";
import { toActionError, type ActionResult } from "@/lib/errors";
import { clientIp } from "@/lib/net/client-ip";
import { rateLimit } from "@/lib/rate-limit";
import { createUser } from "@/lib/users/create-user";

/** Public by design (anyone may sign up); limited per client address; input is validated by
 *  createUser. The answer is the same for a new email and for one that has an account. */
export async function signUpAction(input: { name: string; email: string; password: string }): Promise<ActionResult> {
  try {
    await rateLimit("signup", clientIp(await headers()));
    await createUser(db, input);
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error, "sign up");
  }
}
