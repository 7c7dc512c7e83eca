import { requireUser } from "@/lib/auth/session";
import { acceptInvitation } from "@/lib/courses/accept-invitation";
import { assertSameOrigin, errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/invitations/:token — join the course the invitation is for, as the signed-in user. */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    assertSameOrigin(request);
    const user = await requireUser();
    const { slug } = await acceptInvitation({ userId: user.id, token: (await params).token });
    return Response.json({ slug, url: `/courses/${slug}` });
  } catch (error) {
    return errorResponse(error, "POST invitation accept");
  }
}
