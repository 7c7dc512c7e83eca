"use server";
import { requireUser } from "@/lib/auth/session";
import { reissueSession } from "@/lib/auth/reissue-session";
import { toActionError, type ActionResult } from "@/lib/errors";
import { rateLimit } from "@/lib/rate-limit";
import { changePassword } from "@/lib/users/change-password";
import { endOtherSessions } from "@/lib/users/end-other-sessions";
import { renameUser } from "@/lib/users/rename-user";

// Server actions are public endpoints: each checks the session itself. None revalidates a
// path: the form refreshes the page, which reads the new cookie in a new request.

export async function renameAction(input: { name: string }): Promise<ActionResult<{ name: string }>> {
  try {
    const user = await requireUser();
    await rateLimit("account", user.id);
    const renamed = await renameUser({ userId: user.id, input });
    return { ok: true, data: { name: renamed.name } };
  } catch (error) {
    return toActionError(error, "rename");
  }
}

export async function changePasswordAction(input: { current: string; next: string }): Promise<ActionResult> {
  try {
    const user = await requireUser();
    await rateLimit("account", user.id);
    const updated = await changePassword({ userId: user.id, input });
    await reissueSession(updated);
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error, "change password");
  }
}

export async function endOtherSessionsAction(): Promise<ActionResult> {
  try {
    const user = await requireUser();
    await rateLimit("account", user.id);
    await reissueSession(await endOtherSessions({ userId: user.id }));
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error, "sign out other sessions");
  }
}
