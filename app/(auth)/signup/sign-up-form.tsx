"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Field, buttonClass } from "@/components/ui/field";
import { signUpAction } from "./actions";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [checkEmail, setCheckEmail] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    setPending(true);
    setMessage(null);
    setCheckEmail(false);
    const result = await signUpAction(input).catch(() => null);
    if (!result || !result.ok) {
      setErrors(result?.ok === false ? (result.fields ?? {}) : {});
      setMessage(result?.ok === false ? result.message : "Colloquy could not be reached. Check your connection and try again.");
      setPending(false);
      return;
    }
    setErrors({});
    // The sign-up answer is the same whether or not the email already had an account, so
    // signing in is what tells a new account (it works) from an old one (it needs that
    // account's own password).
    const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false }).catch(() => null);
    if (signedIn?.ok && !signedIn.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setPending(false);
    setCheckEmail(true);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Field label="Display name" name="name" autoComplete="name" required maxLength={80} error={errors.name} hint="Shown to classmates next to your comments. Leave titles out: roles are shown beside names." />
      <Field label="Email" name="email" type="email" autoComplete="email" required maxLength={254} error={errors.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={200} error={errors.password} hint="At least 8 characters." />
      {message ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {message}
        </p>
      ) : null}
      {checkEmail ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          Check your email or sign in: if this email already has a Colloquy account, sign in with that account&apos;s password.{" "}
          <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium underline">
            Sign in
          </Link>
        </p>
      ) : null}
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
