"use client";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { quietButtonClass } from "@/components/ui/field";
import { callApi } from "@/lib/api-client";

type Role = "STUDENT" | "TA" | "INSTRUCTOR";

/** Role select and Remove for one member (instructors). The server refuses what would
 *  leave the course without an instructor, and its sentence is shown here. */
export function MemberRoleSelect({ courseSlug, member }: { courseSlug: string; member: { id: string; name: string; role: Role } }) {
  const router = useRouter();
  const id = useId();
  const [role, setRole] = useState<Role>(member.role);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [pending, setPending] = useState(false);

  async function change(next: Role) {
    const before = role;
    setRole(next);
    setPending(true);
    const result = await callApi("PATCH", `/api/courses/${courseSlug}/members/${member.id}`, { role: next });
    setPending(false);
    if (!result.ok) {
      setRole(before);
      setMessage({ text: result.message, error: true });
      return;
    }
    setMessage({ text: "Saved", error: false });
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={id} className="sr-only">
        Role of {member.name}
      </label>
      <select
        id={id}
        value={role}
        disabled={pending}
        onChange={(e) => void change(e.target.value as Role)}
        className="rounded border border-stone-300 bg-white px-1.5 py-0.5 text-sm dark:border-stone-700 dark:bg-stone-900"
      >
        <option value="STUDENT">Student</option>
        <option value="TA">TA</option>
        <option value="INSTRUCTOR">Instructor</option>
      </select>
      <span aria-live="polite" className={`text-xs ${message?.error ? "text-red-700 dark:text-red-400" : "text-stone-500 dark:text-stone-400"}`}>
        {message?.text}
      </span>
    </div>
  );
}

export function RemoveMemberButton({ courseSlug, member, isSelf }: { courseSlug: string; member: { id: string; name: string }; isSelf: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function remove() {
    const question = isSelf
      ? "Leave this course? You will lose access at once."
      : `Remove ${member.name} from the course? Their comments stay, under their name; they lose access at once.`;
    if (!window.confirm(question)) return;
    setPending(true);
    const result = await callApi("DELETE", `/api/courses/${courseSlug}/members/${member.id}`);
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    if (isSelf) router.push("/");
    router.refresh();
  }

  return (
    <div className="flex flex-col items-start gap-0.5">
      <button type="button" className={`${quietButtonClass} text-red-800 dark:text-red-300`} onClick={() => void remove()} disabled={pending} aria-label={`Remove ${member.name}`}>
        {pending ? "Removing…" : "Remove"}
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </span>
      ) : null}
    </div>
  );
}
