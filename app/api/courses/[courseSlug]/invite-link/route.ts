import { requireUser } from "@/lib/auth/session";
import { setInviteLink } from "@/lib/courses/set-invite-link";
import { disableInviteLink } from "@/lib/courses/disable-invite-link";
import { assertSameOrigin, errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ courseSlug: string }> };

/** POST /api/courses/:courseSlug/invite-link {days} — a new shared invite link (instructors). */
export async function POST(request: Request, { params }: Params) {
  try {
    const user = await requireUser();
    return Response.json(await setInviteLink({ userId: user.id, courseSlug: (await params).courseSlug, input: await readJson(request, 1024) }));
  } catch (error) {
    return errorResponse(error, "POST invite-link");
  }
}

/** DELETE /api/courses/:courseSlug/invite-link — turn the shared link off (instructors). */
export async function DELETE(request: Request, { params }: Params) {
  try {
    assertSameOrigin(request);
    const user = await requireUser();
    await disableInviteLink({ userId: user.id, courseSlug: (await params).courseSlug });
    return Response.json({ ok: true });
  } catch (error) {
    return errorResponse(error, "DELETE invite-link");
  }
}
