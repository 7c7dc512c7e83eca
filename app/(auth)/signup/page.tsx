import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "./sign-up-form";
import { safeCallback } from "@/lib/safe-callback";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallback((await searchParams).callbackUrl);
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-4 py-12">
      <div>
        <Link href="/" className="text-sm text-accent hover:underline">
          Colloquy
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Create your account</h1>
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">Classmates see your name, never your email address.</p>
      </div>
      <SignUpForm callbackUrl={callbackUrl} />
      <p className="text-sm text-stone-600 dark:text-stone-400">
        Already have an account?{" "}
        <Link href="/signin" className="font-medium text-accent hover:underline">
          Sign in
        </Link>
      </p>
    </main>
  );
}
