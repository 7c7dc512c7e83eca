import { requireUser } from "@/lib/auth/session";
import { changeMemberRole } from "@/lib/courses/change-member-role";
import { removeMember } from "@/lib/courses/remove-member";
import { assertSameOrigin, errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ courseSlug: string; userId: string }> };

/** PATCH /api/courses/:courseSlug/members/:userId {role} — change a member's role (instructors). */
export async function PATCH(request: Request, { params }: Params) {
  try {
    const user = await requireUser();
    const { courseSlug, userId } = await params;
    return Response.json(await changeMemberRole({ userId: user.id, courseSlug, memberId: userId, input: await readJson(request, 4096) }));
  } catch (error) {
    return errorResponse(error, "PATCH member");
  }
}

/** DELETE /api/courses/:courseSlug/members/:userId — remove a member (instructors); their comments stay. */
export async function DELETE(request: Request, { params }: Params) {
  try {
    assertSameOrigin(request);
    const user = await requireUser();
    const { courseSlug, userId } = await params;
    return Response.json(await removeMember({ userId: user.id, courseSlug, memberId: userId }));
  } catch (error) {
    return errorResponse(error, "DELETE member");
  }
}
