"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Field, buttonClass } from "@/components/ui/field";
import { signUpAction } from "./actions";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    setPending(true);
    setMessage(null);
    const result = await signUpAction(input);
    if (!result.ok) {
      setErrors(result.fields ?? {});
      setMessage(result.message);
      setPending(false);
      return;
    }
    setErrors({});
    const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    router.replace(signedIn?.ok ? callbackUrl : "/signin");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Field label="Display name" name="name" autoComplete="name" required maxLength={80} error={errors.name} hint="Shown to classmates next to your comments." />
      <Field label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={8} error={errors.password} hint="At least 8 characters." />
      {message ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {message}
        </p>
      ) : null}
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
