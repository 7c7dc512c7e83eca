import { requireUser } from "@/lib/auth/session";
import { addMembers } from "@/lib/courses/add-members";
import { errorResponse, readJson } from "@/lib/http";
import { ROSTER_MAX_BYTES } from "@/lib/validations/roster";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ courseSlug: string }> };

/** POST /api/courses/:courseSlug/members {csv, role} — add people from a class list
 *  (instructors). Answers per row: added, already members, invited (with links), errors. */
export async function POST(request: Request, { params }: Params) {
  try {
    const user = await requireUser();
    const input = await readJson(request, ROSTER_MAX_BYTES * 2 + 1024);
    return Response.json(await addMembers({ userId: user.id, courseSlug: (await params).courseSlug, input }));
  } catch (error) {
    return errorResponse(error, "POST members");
  }
}
