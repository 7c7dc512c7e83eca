"use client";
import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Upload } from "lucide-react";
import { buttonClass, secondaryButtonClass } from "@/components/ui/field";
import { CopyButton, absoluteUrl } from "@/components/ui/copy-button";
import { callApi } from "@/lib/api-client";
import type { AddMembersResult } from "@/lib/courses/add-members";
import { ROSTER_MAX_BYTES } from "@/lib/courses/roster-limits";

const ROLE_LABEL = { STUDENT: "Student", TA: "TA", INSTRUCTOR: "Instructor" } as const;
type Result = Omit<AddMembersResult, "invited"> & { invited: (Omit<AddMembersResult["invited"][number], "expiresAt"> & { expiresAt: string })[] };

/**
 * Add people by pasting a class list or choosing a CSV file: the file is read in the
 * browser into the same box, so what is sent is what the instructor sees. The answer is
 * shown row by row: who joined, who was already in, who was invited (with a link each to
 * copy — there is no mail yet), and a message for every row that could not be added.
 */
export function AddPeopleForm({ courseSlug }: { courseSlug: string }) {
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState("");
  const [role, setRole] = useState<"STUDENT" | "TA" | "INSTRUCTOR">("STUDENT");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  async function readFile(file: File | undefined) {
    if (!file) return;
    if (file.size > ROSTER_MAX_BYTES) {
      setError(`That file is ${(file.size / 1024).toFixed(0)} KB; a roster can be at most ${ROSTER_MAX_BYTES / 1024} KB. Split it into several uploads.`);
      return;
    }
    setError(null);
    setText(await file.text());
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setError("Paste the class list or choose a CSV file first.");
      return;
    }
    setPending(true);
    setError(null);
    const answer = await callApi<Result>("POST", `/api/courses/${courseSlug}/members`, { csv: text, role });
    setPending(false);
    if (!answer.ok) {
      setError(answer.message);
      return;
    }
    setResult(answer.data);
    if (answer.data.errors.length === 0) setText("");
    else setText(answer.data.errors.map((e) => e.text).join("\n"));
    router.refresh();
    requestAnimationFrame(() => resultRef.current?.focus());
  }

  const linksCsv = result?.invited.length
    ? ["email,name,role,link", ...result.invited.map((i) => [i.email, i.name ?? "", ROLE_LABEL[i.role], absoluteUrl(i.path)].map((c) => `"${c.replace(/"/g, '""')}"`).join(","))].join("\n")
    : "";

  return (
    <div>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-list`} className="text-sm font-medium">
            Class list
          </label>
          <textarea
            id={`${id}-list`}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={6}
            spellCheck={false}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
            aria-invalid={error ? true : undefined}
            placeholder={"email,name\nada@example.edu,Ada Lovelace\nalan@example.edu,Alan Turing"}
            className="w-full rounded-md border border-stone-300 bg-white px-3 py-2 font-mono text-sm dark:border-stone-700 dark:bg-stone-950"
          />
          <p id={`${id}-hint`} className="text-xs text-stone-600 dark:text-stone-400">
            One person per line: an email, and optionally a name and a role (student, TA, instructor). A header row, commas, semicolons or tabs (pasted from a spreadsheet) all work. People with an account join at once; others get an invitation link.
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <label className={`${secondaryButtonClass} cursor-pointer focus-within:outline focus-within:outline-3 focus-within:outline-accent`}>
            <Upload aria-hidden className="h-4 w-4" />
            Choose a CSV file
            <input type="file" accept=".csv,.txt,text/csv,text/plain" className="sr-only" onChange={(e) => void readFile(e.target.files?.[0])} />
          </label>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-role`} className="text-sm font-medium">
              Add as
            </label>
            <select
              id={`${id}-role`}
              value={role}
              onChange={(e) => setRole(e.target.value as typeof role)}
              className="rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm dark:border-stone-700 dark:bg-stone-900"
            >
              <option value="STUDENT">Students</option>
              <option value="TA">TAs</option>
              <option value="INSTRUCTOR">Instructors</option>
            </select>
          </div>
          <button type="submit" className={buttonClass} disabled={pending}>
            {pending ? "Adding…" : "Add people"}
          </button>
        </div>
        {error ? (
          <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </form>

      {result ? (
        <div ref={resultRef} tabIndex={-1} aria-labelledby={`${id}-result`} role="region" className="mt-5 rounded-lg border border-stone-200 bg-stone-50 p-4 text-sm dark:border-stone-800 dark:bg-stone-900/60">
          <h3 id={`${id}-result`} className="font-semibold">
            {[
              `${result.added.length} added`,
              result.invited.length ? `${result.invited.length} invited` : null,
              result.alreadyMembers.length ? `${result.alreadyMembers.length} already in the course` : null,
              result.errors.length ? `${result.errors.length} not added` : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </h3>
          {result.errors.length ? (
            <div role="alert" className="mt-3">
              <p className="font-medium text-red-800 dark:text-red-300">
                {result.errors.length === 1 ? "This row was" : "These rows were"} not added — fix {result.errors.length === 1 ? "it" : "them"} in the box above and add again:
              </p>
              <ul aria-label="Rows not added" className="mt-1 list-disc space-y-0.5 pl-5">
                {result.errors.map((e) => (
                  <li key={`${e.line}-${e.text}`}>
                    Line {e.line}
                    {e.text ? (
                      <>
                        {" "}
                        (<code className="break-all">{e.text}</code>)
                      </>
                    ) : null}
                    : {e.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {result.added.length ? (
            <p className="mt-3">
              Joined now: {result.added.map((a) => `${a.name} (${ROLE_LABEL[a.role]})`).join(", ")}.
            </p>
          ) : null}
          {result.alreadyMembers.length ? (
            <p className="mt-2 text-stone-600 dark:text-stone-400">
              Already in the course (left as they were): {result.alreadyMembers.map((a) => a.name).join(", ")}.
            </p>
          ) : null}
          {result.invited.length ? (
            <div className="mt-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p>
                  Invitation links — send each person theirs (it works once, for their address, for 30 days). Colloquy does not send mail yet.
                </p>
                <CopyButton text={linksCsv} label="Copy all as CSV" />
              </div>
              <ul aria-label="Invitation links" className="mt-2 space-y-2">
                {result.invited.map((i) => (
                  <li key={i.email} className="flex flex-wrap items-center gap-2">
                    <span className="min-w-40 font-medium">{i.name ? `${i.name} <${i.email}>` : i.email}</span>
                    <span className="text-stone-600 dark:text-stone-400">{ROLE_LABEL[i.role]}</span>
                    <input readOnly value={absoluteUrl(i.path)} aria-label={`Invitation link for ${i.email}`} className="min-w-0 flex-1 rounded border border-stone-300 bg-white px-2 py-1 font-mono text-xs dark:border-stone-700 dark:bg-stone-950" onFocus={(e) => e.currentTarget.select()} />
                    <CopyButton text={absoluteUrl(i.path)} label="Copy link" />
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
