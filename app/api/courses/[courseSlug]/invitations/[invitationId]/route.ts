import { requireUser } from "@/lib/auth/session";
import { renewInvitation } from "@/lib/courses/renew-invitation";
import { revokeInvitation } from "@/lib/courses/revoke-invitation";
import { assertSameOrigin, errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ courseSlug: string; invitationId: string }> };

/** POST /api/courses/:courseSlug/invitations/:id — a fresh link for a pending invitation (instructors). */
export async function POST(request: Request, { params }: Params) {
  try {
    assertSameOrigin(request);
    const user = await requireUser();
    const { courseSlug, invitationId } = await params;
    return Response.json(await renewInvitation({ userId: user.id, courseSlug, invitationId }));
  } catch (error) {
    return errorResponse(error, "POST invitation");
  }
}

/** DELETE /api/courses/:courseSlug/invitations/:id — withdraw a pending invitation (instructors). */
export async function DELETE(request: Request, { params }: Params) {
  try {
    assertSameOrigin(request);
    const user = await requireUser();
    const { courseSlug, invitationId } = await params;
    await revokeInvitation({ userId: user.id, courseSlug, invitationId });
    return Response.json({ ok: true });
  } catch (error) {
    return errorResponse(error, "DELETE invitation");
  }
}
