"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { createCourse } from "@/lib/courses/create-course";
import { joinCourse } from "@/lib/courses/join-course";
import { toActionError, type ActionResult } from "@/lib/errors";
import { rateLimit } from "@/lib/rate-limit";

// Server actions are public endpoints: each checks the session itself.

export async function createCourseAction(input: { title: string; term?: string }): Promise<ActionResult<{ slug: string }>> {
  try {
    const user = await requireUser();
    await rateLimit("course", user.id);
    const course = await createCourse({ userId: user.id, input });
    revalidatePath("/");
    return { ok: true, data: { slug: course.slug } };
  } catch (error) {
    return toActionError(error, "create course");
  }
}

export async function joinCourseAction(input: { code: string }): Promise<ActionResult<{ slug: string }>> {
  try {
    const user = await requireUser();
    await rateLimit("join", user.id);
    const course = await joinCourse({ userId: user.id, input });
    revalidatePath("/");
    return { ok: true, data: { slug: course.slug } };
  } catch (error) {
    return toActionError(error, "join course");
  }
}
