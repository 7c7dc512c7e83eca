"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Field, buttonClass } from "@/components/ui/field";
import { createCourseAction, joinCourseAction } from "@/app/actions";

const UNREACHABLE = "Colloquy could not be reached. Check your connection and try again.";

/** Join a course with its code, or create one (you become its instructor). */
export function CourseForms() {
  const router = useRouter();
  const [joinError, setJoinError] = useState<string>();
  const [createErrors, setCreateErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<"join" | "create" | null>(null);

  async function onJoin(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending("join");
    const result = await joinCourseAction({ code: String(new FormData(event.currentTarget).get("code") ?? "") }).catch(() => null);
    setPending(null);
    if (!result) setJoinError(UNREACHABLE);
    else if (result.ok) router.push(`/courses/${result.data.slug}`);
    else setJoinError(result.fields?.code ?? result.message);
  }

  async function onCreate(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending("create");
    const result = await createCourseAction({ title: String(form.get("title") ?? ""), term: String(form.get("term") ?? "") }).catch(() => null);
    setPending(null);
    if (!result) setCreateErrors({ title: UNREACHABLE });
    else if (result.ok) router.push(`/courses/${result.data.slug}`);
    else setCreateErrors(result.fields ?? { title: result.message });
  }

  return (
    <div className="mt-12 grid gap-8 border-t border-stone-200 pt-8 sm:grid-cols-2 dark:border-stone-800">
      <section aria-labelledby="join-heading">
        <h2 id="join-heading" className="text-lg font-semibold">
          Join a course
        </h2>
        <form onSubmit={onJoin} className="mt-3 flex flex-col gap-3" noValidate>
          <Field label="Join code" name="code" autoComplete="off" autoCapitalize="characters" required maxLength={20} error={joinError} />
          <button type="submit" className={buttonClass} disabled={pending === "join"}>
            {pending === "join" ? "Joining…" : "Join course"}
          </button>
        </form>
      </section>
      <section aria-labelledby="create-heading">
        <h2 id="create-heading" className="text-lg font-semibold">
          Create a course
        </h2>
        <form onSubmit={onCreate} className="mt-3 flex flex-col gap-3" noValidate>
          <Field label="Course title" name="title" required maxLength={120} error={createErrors.title} />
          <Field label="Term" name="term" placeholder="e.g. Spring 2027" maxLength={60} error={createErrors.term} />
          <button type="submit" className={buttonClass} disabled={pending === "create"}>
            {pending === "create" ? "Creating…" : "Create course"}
          </button>
        </form>
      </section>
    </div>
  );
}
